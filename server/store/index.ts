/** The server's storage: one SQL interface over embedded PGlite or PostgreSQL, and its migrations. */
import { openPgliteStore } from './pglite';
import { openPostgresStore } from './postgres';
import type { Store } from './types';

export type { Sql, Store } from './types';
export { migrate, MIGRATIONS, LOCKS } from './migrations';
export { DataDirBusyError, LOCK_FILE } from './data-dir-lock';
export { openPgliteStore } from './pglite';
export { openPostgresStore } from './postgres';
export { backupPglite, restorePglite } from './backup';

export type StoreLocation = { database: string } | { dataDir: string };

/** PostgreSQL when a database URL is given, otherwise PGlite in the data folder. */
export function openStore(where: StoreLocation): Promise<Store> {
  return 'database' in where ? openPostgresStore(where.database) : openPgliteStore(where.dataDir);
}
