import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import type { Sql, Store } from './types';

/**
 * The embedded store: PGlite (PostgreSQL compiled to WebAssembly) keeping its files in `dir`. One process
 * only: PGlite is a single-user PostgreSQL, so the folder is locked while it is open (data-dir-lock.ts).
 */
export async function openPgliteStore(dir: string): Promise<Store> {
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (err) {
    unlock();
    throw err;
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<T extends object>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, [...params])).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    async refreshStatistics(tables) {
      await db.exec(`ANALYZE ${tables.join(', ')}`);
    },
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
