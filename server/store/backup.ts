import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';

/**
 * Backup and restore of the embedded store (docs/server.md). PGlite writes its whole data folder as one
 * gzipped tar, taken from a consistent state of the open database; the data folder is locked meanwhile,
 * so this runs with the server stopped (or against a copy). PostgreSQL has pg_dump/pg_restore for this.
 */
export async function backupPglite(dataDir: string, outFile: string): Promise<number> {
  if (!existsSync(dataDir)) throw new Error(`${dataDir}: no such data folder`);
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create(dataDir);
    try {
      const bytes = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
      writeFileSync(outFile, bytes, { flag: 'wx', mode: 0o600 });
      return bytes.length;
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

/** Restores a backup into a data folder that does not exist yet or is empty; an existing store is never overwritten. */
export async function restorePglite(dataDir: string, fromFile: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir}: not empty — restore into a new folder, then start the server with --data pointing to it`);
  }
  const bytes = readFileSync(fromFile);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir, loadDataDir: new Blob([bytes]) });
    // Proves the restored folder opens as a database before anyone relies on it.
    await db.query('SELECT 1');
    await db.close();
  } finally {
    unlock();
  }
}
