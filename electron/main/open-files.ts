import type { WebContents } from 'electron';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_BYTES } from '../../shared/batch-file/limits';
import {
  OPEN_FILE_CHANNEL,
  OPEN_FILE_PART_BYTES,
  type OpenFileMessage,
  type OpenFileProblem,
  type OpenedFileMessage,
} from '../../shared/ipc';

// One read call takes at most 2 GiB in Node; files are read in smaller steps.
const READ_BYTES = 64 * 1024 * 1024;

/** What Loupe opens: its batch and result files, and AI output the import reads. */
export const OPENABLE_EXTENSIONS = ['loupe', 'loupe-result', 'jsonl', 'csv', 'xlf', 'xliff'] as const;

/** Whether Loupe opens a file of this name (by its extension). */
export const isOpenable = (file: string): boolean =>
  (OPENABLE_EXTENSIONS as readonly string[]).includes(path.extname(file).slice(1).toLowerCase());

export interface ArgvContext {
  /**
   * Electron's `process.defaultApp`: true when run as `electron .` (argv is the executable, the app
   * folder, then the arguments), false in the packaged app (the executable, then the arguments).
   */
  defaultApp: boolean;
  /** The folder relative paths are resolved against: the starting instance's working directory. */
  cwd: string;
}

/**
 * The files on a command line, as absolute paths. Flags are skipped: Chromium's (`--no-sandbox`), those
 * Electron appends to a second instance's argv, and macOS's `-psn_…` process serial number.
 */
export function filesFromArgv(argv: readonly string[], { defaultApp, cwd }: ArgvContext): string[] {
  return argv
    .slice(defaultApp ? 2 : 1)
    .filter((arg) => arg !== '' && !arg.startsWith('-'))
    .map((arg) => path.resolve(cwd, arg));
}

const size = (bytes: number) =>
  bytes < 1e9
    ? `${(bytes / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} MB`
    : `${(bytes / 1e9).toLocaleString('en', { maximumFractionDigits: 1 })} GB`;

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

/**
 * Reads one file for the page, never throwing: a file that cannot be opened becomes a message that names
 * it and says why. It is checked before it is opened (a FIFO named `x.csv` would block the read) and read
 * in parts into one array, since Node's `readFile` stops at 2 GiB, below the batch-file limit.
 */
export async function readFileToOpen(file: string, maxBytes = MAX_FILE_BYTES): Promise<OpenedFileMessage> {
  const name = path.basename(file);
  const refuse = (problem: OpenFileProblem, reason: string): OpenedFileMessage => ({
    name,
    path: file,
    problem,
    message: `Loupe could not open “${name}”: ${reason}`,
  });
  const unreadable = (error: unknown) => {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse('missing', `there is no such file (${file}).`);
    const reason = code === 'EACCES' || code === 'EPERM' ? 'you have no permission to read it' : `the disk answered ${code ?? String(error)}`;
    return refuse('unreadable', `${reason} (${file}).`);
  };
  if (!isOpenable(file)) {
    return refuse('unsupported', `Loupe opens ${OPENABLE_EXTENSIONS.map((e) => `.${e}`).join(', ')} files.`);
  }
  try {
    const stats = await stat(file);
    if (stats.isDirectory()) return refuse('not-a-file', 'it is a folder, not a file.');
    if (!stats.isFile()) return refuse('not-a-file', 'it is a device or a pipe, not a file.');
    if (stats.size > maxBytes) return refuse('too-large', `it is ${size(stats.size)}, more than the ${size(maxBytes)} Loupe opens.`);
    const bytes = new Uint8Array(stats.size);
    const handle = await open(file, 'r');
    try {
      let filled = 0;
      while (filled < bytes.byteLength) {
        const { bytesRead } = await handle.read(bytes, filled, Math.min(READ_BYTES, bytes.byteLength - filled), filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      // A file that shrank since `stat` gives what it still holds; one that grew, what it held then.
      return { name, path: file, bytes: filled === bytes.byteLength ? bytes : bytes.slice(0, filled) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return unreadable(error);
  }
}

/** A file as the parts it travels in (see OPEN_FILE_PART_BYTES); an empty file is one empty part. */
export function* parts(message: OpenedFileMessage, partBytes = OPEN_FILE_PART_BYTES): Generator<OpenFileMessage> {
  if (!('bytes' in message)) {
    yield message;
    return;
  }
  const { name, path: file, bytes } = message;
  const size = bytes.byteLength;
  if (size <= partBytes) {
    yield { name, path: file, size, offset: 0, bytes };
    return;
  }
  // Copies, not views: IPC would serialize a view's whole underlying buffer with every part.
  for (let offset = 0; offset < size; offset += partBytes) {
    yield { name, path: file, size, offset, bytes: bytes.slice(offset, offset + partBytes) };
  }
}

/**
 * Files on their way to the page. They are read at once but sent only once the page said it listens
 * (`ready`), in the order they were asked for; a page that reloads must say so again.
 */
export interface FileOpener {
  /** Reads the files and sends them (or why not) to the page as soon as it is ready. */
  open(files: readonly string[]): Promise<void>;
  /** The page in `contents` listens for opened files now. */
  ready(contents: WebContents): void;
}

export interface FileOpenerOptions {
  /** Called for each file read from disk, before it is sent (Open Recent). */
  onRead(file: string): void;
  maxBytes?: number;
}

export function createFileOpener({ onRead, maxBytes }: FileOpenerOptions): FileOpener {
  const waiting: OpenedFileMessage[] = [];
  let page: WebContents | null = null;
  // Reads may finish in any order; each request waits for the one before it, so files arrive as asked.
  let previous: Promise<void> = Promise.resolve();

  // Failing to note a recent file is no reason to keep the file from the page.
  const remember = (file: string) => {
    try {
      onRead(file);
    } catch (error) {
      console.warn('Loupe could not add the file to Open Recent:', error);
    }
  };

  const deliver = () => {
    if (page === null || page.isDestroyed()) return;
    for (const message of waiting.splice(0)) {
      for (const part of parts(message)) page.send(OPEN_FILE_CHANNEL, part);
    }
  };

  return {
    open(files) {
      const reads = files.map((file) => readFileToOpen(file, maxBytes));
      const done = previous.then(async () => {
        for (const message of await Promise.all(reads)) {
          if ('bytes' in message) remember(message.path);
          waiting.push(message);
        }
        deliver();
      });
      previous = done;
      return done;
    },
    ready(contents) {
      page = contents;
      // A reload (development) or a crash loses the page's listener; hold files until it subscribes again.
      contents.once('did-start-loading', () => {
        if (page === contents) page = null;
      });
      contents.once('render-process-gone', () => {
        if (page === contents) page = null;
      });
      deliver();
    },
  };
}
