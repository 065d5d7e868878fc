import type { Sql } from '../store';

/**
 * Slowing down token guessing, per client address. Kept in the database, not in memory: with several
 * server processes behind one address a guesser would otherwise get a fresh allowance from each, and a
 * restart would forgive everything. Rows older than a day are deleted as failures come in, so the table
 * stays as small as the set of addresses that failed recently.
 */
export const THROTTLE = {
  /** Bad tokens allowed before any waiting. */
  freeFailures: 5,
  /** Failures further apart than this start counting again. */
  windowSeconds: 15 * 60,
  /** The wait doubles with each failure beyond the free ones, up to this. */
  maxBlockSeconds: 15 * 60,
} as const;

/** Seconds this address must still wait before a token is checked again; 0 when it may go on. */
export async function blockedFor(sql: Sql, address: string): Promise<number> {
  const [row] = await sql.query<{ wait: number | string | null }>(
    'SELECT ceil(extract(epoch FROM blocked_until - now()))::int AS wait FROM auth_failures WHERE address = $1 AND blocked_until > now()',
    [address],
  );
  return row?.wait ? Math.max(1, Number(row.wait)) : 0;
}

/** Counts a bad token from this address and blocks it for a while once it has failed too often. */
export async function recordFailure(sql: Sql, address: string): Promise<void> {
  const { freeFailures, windowSeconds, maxBlockSeconds } = THROTTLE;
  await sql.query(
    `INSERT INTO auth_failures AS f (address, failures, last_at) VALUES ($1, 1, now())
     ON CONFLICT (address) DO UPDATE SET
       failures = CASE WHEN f.last_at < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
       last_at = now(),
       blocked_until = CASE
         WHEN f.last_at >= now() - make_interval(secs => $2) AND f.failures + 1 > $3
         THEN now() + make_interval(secs => least($4, power(2, f.failures + 1 - $3)))
         ELSE f.blocked_until END`,
    [address, windowSeconds, freeFailures, maxBlockSeconds],
  );
  await sql.query("DELETE FROM auth_failures WHERE last_at < now() - interval '1 day'");
}
