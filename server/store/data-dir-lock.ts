import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'loupe-server.lock';

export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the data folder for this process, or throws DataDirBusyError naming the process that holds it.
 * Two PGlite instances on one folder would each think they own the files and corrupt them; a lock left by
 * a process that died is taken over. Returns the function that releases it.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
        throw new DataDirBusyError(
          `${dir} is in use by another Loupe process (pid ${pid}); the embedded database serves one process at a time — stop it first, or use --database postgres://… for several`,
        );
      }
      if (pid === process.pid) {
        throw new DataDirBusyError(`${dir} is already open in this process; the embedded database serves one process at a time`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirBusyError(`${dir}: could not take the lock ${LOCK_FILE}`);
}
