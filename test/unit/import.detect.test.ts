import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../shared/import';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it('goes by the extension when it says', () => {
    expect(detectFormat('out.jsonl', '')).toBe('jsonl');
    expect(detectFormat('OUT.NDJSON', '')).toBe('jsonl');
    expect(detectFormat('out.csv', '')).toBe('csv');
    expect(detectFormat('out.tsv', '')).toBe('csv');
    expect(detectFormat('doc.xlf', '')).toBe('xliff');
    expect(detectFormat('doc.xliff', '')).toBe('xliff');
    expect(detectFormat('batch.loupe', '')).toBe('loupe');
    expect(detectFormat('anna.loupe-result', '')).toBe('loupe-result');
    expect(detectFormat('triage.schema.json', '')).toBe('schema');
  });

  it('sniffs the content otherwise', () => {
    expect(detectFormat('download', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe('loupe');
    expect(detectFormat('doc.xml', bytes('\uFEFF<?xml version="1.0"?>\n<xliff version="1.2">'))).toBe('xliff');
    expect(detectFormat('doc.xml', '<?xml version="1.0"?><html>')).toBe('unknown');
    expect(detectFormat('out.txt', '{"id": "1", "output": "x"}\n{"id": "2"')).toBe('jsonl');
    expect(detectFormat('s.json', '{\n  "name": "x",\n  "fields": [')).toBe('schema');
    expect(detectFormat('s.json', '{"name": "x", "fields": []}')).toBe('schema');
    expect(detectFormat('data.txt', bytes('"id";"output"\r\n1;x'))).toBe('csv');
    expect(detectFormat('data.txt', 'id\toutput\n')).toBe('csv');
    expect(detectFormat('notes.txt', 'hello world')).toBe('unknown');
    expect(detectFormat('empty', new Uint8Array())).toBe('unknown');
  });
});
