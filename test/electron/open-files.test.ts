import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFileOpener, filesFromArgv, parts, readFileToOpen } from '../../electron/main/open-files';
import type { OpenFileMessage } from '../../shared/ipc';

const folder = () => mkdtempSync(path.join(tmpdir(), 'loupe-open-'));

describe('files on the command line', () => {
  const cwd = path.resolve('/home/ana/batches');

  it('skips the executable of the packaged app, and flags', () => {
    const argv = ['/opt/Loupe/loupe', '--no-sandbox', 'week-3.loupe', '/tmp/r.loupe-result', '-psn_0_12345'];
    expect(filesFromArgv(argv, { defaultApp: false, cwd })).toEqual([
      path.join(cwd, 'week-3.loupe'),
      path.resolve('/tmp/r.loupe-result'),
    ]);
  });

  it('also skips the app folder under `electron .`', () => {
    expect(filesFromArgv(['/x/electron', '.', 'a.jsonl'], { defaultApp: true, cwd })).toEqual([path.join(cwd, 'a.jsonl')]);
    expect(filesFromArgv(['/x/electron', '.'], { defaultApp: true, cwd })).toEqual([]);
  });

  it('reads a second instance’s argv, with the flags Electron appends to it', () => {
    const argv = ['C:\\Loupe\\Loupe.exe', 'b.loupe', '--allow-file-access-from-files', '--original-process-start-time=1'];
    expect(filesFromArgv(argv, { defaultApp: false, cwd })).toEqual([path.join(cwd, 'b.loupe')]);
  });

  it('finds nothing on a bare start', () => {
    expect(filesFromArgv(['/opt/Loupe/loupe'], { defaultApp: false, cwd })).toEqual([]);
    expect(filesFromArgv([], { defaultApp: false, cwd })).toEqual([]);
  });
});

describe('reading a file to open', () => {
  it('gives its name, path and bytes', async () => {
    const file = path.join(folder(), 'week 3.loupe');
    writeFileSync(file, new Uint8Array([80, 75, 3, 4]));
    const message = await readFileToOpen(file);
    expect(message).toEqual({ name: 'week 3.loupe', path: file, bytes: new Uint8Array([80, 75, 3, 4]) });
    expect(Object.getPrototypeOf((message as { bytes: Uint8Array }).bytes)).toBe(Uint8Array.prototype);
  });

  it('accepts the extensions in any case', async () => {
    const file = path.join(folder(), 'OUT.JSONL');
    writeFileSync(file, '{}\n');
    await expect(readFileToOpen(file)).resolves.toHaveProperty('bytes');
  });

  it('says so, naming the file, when it is missing, a folder, too large or not a kind Loupe opens', async () => {
    const dir = folder();
    const big = path.join(dir, 'big.loupe');
    writeFileSync(big, new Uint8Array(2_000_001));
    mkdirSync(path.join(dir, 'folder.loupe'));
    writeFileSync(path.join(dir, 'notes.txt'), 'x');
    const cases: [string, string, RegExp][] = [
      ['gone.loupe', 'missing', /^Loupe could not open “gone\.loupe”: there is no such file \(.*gone\.loupe\)\.$/],
      ['folder.loupe', 'not-a-file', /“folder\.loupe”: it is a folder/],
      ['big.loupe', 'too-large', /“big\.loupe”: it is 2 MB, more than the 1 MB Loupe opens\.$/],
      ['notes.txt', 'unsupported', /“notes\.txt”: Loupe opens \.loupe, \.loupe-result, \.jsonl, \.csv, \.xlf, \.xliff files\.$/],
    ];
    for (const [name, problem, message] of cases) {
      const file = path.join(dir, name);
      await expect(readFileToOpen(file, 1_000_000), name).resolves.toEqual({ name, path: file, problem, message: expect.stringMatching(message) });
    }
  });
});

describe('a file on its way to the page', () => {
  it('travels whole when it fits in one part, else in copied parts in order', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const file = { name: 'a.loupe', path: '/w/a.loupe', bytes };
    expect([...parts(file, 5)]).toEqual([{ name: 'a.loupe', path: '/w/a.loupe', size: 5, offset: 0, bytes }]);
    const split = [...parts(file, 2)];
    expect(split.map((part) => ('offset' in part ? [part.offset, [...part.bytes]] : null))).toEqual([
      [0, [1, 2]],
      [2, [3, 4]],
      [4, [5]],
    ]);
    // Each part owns its bytes: IPC would otherwise send the whole buffer behind a view every time.
    expect(split.every((part) => 'bytes' in part && part.bytes.buffer.byteLength === part.bytes.byteLength)).toBe(true);
  });

  it('an empty file is one empty part; a failure is passed on as it is', () => {
    expect([...parts({ name: 'e.csv', path: '/w/e.csv', bytes: new Uint8Array() }, 2)]).toEqual([
      { name: 'e.csv', path: '/w/e.csv', size: 0, offset: 0, bytes: new Uint8Array() },
    ]);
    const failure = { name: 'g.loupe', path: '/w/g.loupe', problem: 'missing' as const, message: 'gone' };
    expect([...parts(failure, 2)]).toEqual([failure]);
  });
});

/** A page's web contents, reduced to what the opener uses. */
class Page extends EventEmitter {
  readonly received: OpenFileMessage[] = [];
  destroyed = false;
  send(_channel: string, message: OpenFileMessage) {
    this.received.push(message);
  }
  isDestroyed() {
    return this.destroyed;
  }
}
const asContents = (page: Page) => page as unknown as Electron.WebContents;
const names = (page: Page) => page.received.map((message) => message.name);

describe('handing files to the page', () => {
  const files = (...names: string[]) => {
    const dir = folder();
    return names.map((name) => {
      const file = path.join(dir, name);
      writeFileSync(file, name);
      return file;
    });
  };

  it('holds files until the page is ready, then sends them in the order asked', async () => {
    const onRead = vi.fn();
    const opener = createFileOpener({ onRead });
    const page = new Page();
    const [a, b, c] = files('a.loupe', 'b.csv', 'c.jsonl');
    await opener.open([a!, b!]);
    await opener.open([path.join(path.dirname(a!), 'gone.loupe'), c!]);
    expect(page.received).toEqual([]);
    opener.ready(asContents(page));
    expect(names(page)).toEqual(['a.loupe', 'b.csv', 'gone.loupe', 'c.jsonl']);
    // Only files read from disk count as opened (Open Recent); a missing one does not.
    expect(onRead.mock.calls).toEqual([[a], [b], [c]]);
  });

  it('sends at once to a ready page, and holds again while it reloads', async () => {
    const opener = createFileOpener({ onRead: () => {} });
    const page = new Page();
    const [a, b] = files('a.loupe', 'b.loupe');
    opener.ready(asContents(page));
    await opener.open([a!]);
    expect(names(page)).toEqual(['a.loupe']);
    page.emit('did-start-loading');
    await opener.open([b!]);
    expect(names(page)).toEqual(['a.loupe']);
    opener.ready(asContents(page));
    expect(names(page)).toEqual(['a.loupe', 'b.loupe']);
  });

  it('keeps files for a new page when the old one is gone', async () => {
    const opener = createFileOpener({ onRead: () => {} });
    const old = new Page();
    opener.ready(asContents(old));
    old.destroyed = true;
    const [a] = files('a.loupe');
    await opener.open([a!]);
    const fresh = new Page();
    opener.ready(asContents(fresh));
    expect(old.received).toEqual([]);
    expect(names(fresh)).toEqual(['a.loupe']);
  });

  it('still sends the file when noting it as recent fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const opener = createFileOpener({
      onRead: () => {
        throw new Error('disk full');
      },
    });
    const page = new Page();
    opener.ready(asContents(page));
    const [a, b] = files('a.loupe', 'b.loupe');
    await opener.open([a!]);
    await opener.open([b!]);
    expect(names(page)).toEqual(['a.loupe', 'b.loupe']);
    warn.mockRestore();
  });
});
