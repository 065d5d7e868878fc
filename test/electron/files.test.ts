import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveFile, writeFileAtomically } from '../../electron/main/files';
import { dialog } from './electron-stand-in';

const folder = () => mkdtempSync(path.join(tmpdir(), 'loupe-files-'));

describe('saving a file', () => {
  it('offers the suggested name in the documents folder, filtered by its extension', async () => {
    dialog.nextSave = { canceled: true };
    await saveFile(null, { suggestedName: 'batch-3.loupe-result', mimeType: 'application/zip', data: 'x' });
    expect(dialog.saveCalls.at(-1)?.options).toMatchObject({
      defaultPath: expect.stringMatching(/[/\\]batch-3\.loupe-result$/),
      filters: [{ name: 'LOUPE-RESULT (application/zip)', extensions: ['loupe-result'] }],
    });
  });

  it('writes text and bytes exactly', async () => {
    const dir = folder();
    dialog.nextSave = { canceled: false, filePath: path.join(dir, 'a.bin') };
    await saveFile(null, { suggestedName: 'a.bin', mimeType: 'application/octet-stream', data: new Uint8Array([0, 255, 10]) });
    expect([...readFileSync(path.join(dir, 'a.bin'))]).toEqual([0, 255, 10]);
  });

  it('replaces an existing file whole, leaving no temporary file behind', async () => {
    const dir = folder();
    const target = path.join(dir, 'results.jsonl');
    writeFileSync(target, 'old\n');
    await writeFileAtomically(target, 'new\n');
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['results.jsonl']);
  });

  it('leaves the old file untouched and cleans up when the write fails', async () => {
    const dir = folder();
    const target = path.join(dir, 'results.jsonl');
    writeFileSync(target, 'old\n');
    // A value writeFile refuses stands in for a disk that fills up mid-write.
    await expect(writeFileAtomically(target, 42 as unknown as string)).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['results.jsonl']);
  });
});
