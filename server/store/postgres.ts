import pg from 'pg';
import type { Sql, Store } from './types';

/** PostgreSQL through a `pg` pool: any number of server processes may share the database. */
export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its connection (the database restarted) must not crash the server; the
  // next query gets a fresh connection.
  pool.on('error', () => undefined);
  // Fail at start, with the database's own words, rather than at the first request.
  (await pool.connect()).release();
  const wrap = (q: pg.Pool | pg.PoolClient): Sql => ({
    async query<T extends object>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T & pg.QueryResultRow>(text, [...params])).rows;
    },
    // Without parameters `pg` uses the simple protocol, which runs several statements in one call.
    async exec(text: string) {
      await q.query(text);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    refreshStatistics: async () => undefined,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
