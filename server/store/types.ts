/**
 * One small SQL interface over both databases the server runs on: embedded PGlite (a data folder) and
 * PostgreSQL (a URL). Every statement is PostgreSQL's dialect with `$1` parameters, so the same SQL runs
 * on both. int8 columns come back as numbers from PGlite and as strings from `pg`: callers use Number().
 */
export interface Sql {
  query<T extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (a migration). */
  exec(text: string): Promise<void>;
}

export interface Store extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /**
   * After a bulk write, brings the planner's statistics of these tables up to date where nothing else
   * will: PGlite runs no autovacuum, and without statistics it sorts a whole batch for every page of it.
   * PostgreSQL's autovacuum does this by itself.
   */
  refreshStatistics(tables: readonly string[]): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
