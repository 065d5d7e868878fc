import { LOCKS, type Sql } from '../store';

/**
 * Every write that adds to the change log first takes this transaction-scoped advisory lock. Writers
 * then commit in the order of their `changes.seq`, so a reader never sees seq 11 before seq 10 commits
 * and a cursor past 11 never skips 10 — in one process or many sharing a database.
 */
export async function lockChangeLog(tx: Sql): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.changeLog]);
}
