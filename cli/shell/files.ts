import { readFileSync, writeFileSync } from 'node:fs';
import { inputError } from './errors';

/** What a person can do about a file the system refused, in one line. */
function fileProblem(path: string, err: unknown, reading: boolean): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return reading ? `${path}: no such file — check the name and the folder` : `${path}: its folder does not exist — create it first, or write somewhere else`;
    case 'EISDIR':
      return `${path}: is a folder — name a file`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied — check who may ${reading ? 'read' : 'write'} it`;
    case 'EEXIST':
      return `${path}: already exists`;
    default:
      return `${path}: cannot ${reading ? 'read' : 'write'} it (${err instanceof Error ? err.message : String(err)})`;
  }
}

export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw inputError(fileProblem(path, err, true));
  }
}

/** A text file, which must be UTF-8. */
export function readText(path: string): string {
  return utf8Text(path, readBytes(path));
}

export function utf8Text(path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError(`${path}: not UTF-8 text — save it with UTF-8 encoding and run again`);
  }
}

/** `exclusive`: refuse to replace a file that exists; `mode` applies when the file is created. */
export function writeFile(path: string, data: Uint8Array | string, opts: { exclusive?: boolean; mode?: number } = {}): void {
  try {
    writeFileSync(path, data, { flag: opts.exclusive ? 'wx' : 'w', ...(opts.mode === undefined ? {} : { mode: opts.mode }) });
  } catch (err) {
    throw inputError(fileProblem(path, err, false));
  }
}
