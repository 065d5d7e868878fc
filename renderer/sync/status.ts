/**
 * What the sync indicator says. It always tells the truth: `pending` is the outbox as stored, and a
 * failure says why and when the next try is.
 */
export type SyncStatus =
  /** No server is set: work stays on this machine and travels by file. */
  | { state: 'off'; pending: number }
  /** The network is down (or the server cannot be reached while the OS says offline). */
  | { state: 'offline'; pending: number; retryAt: number | null }
  | { state: 'syncing'; pending: number; phase: 'pushing' | 'pulling'; done: number; total: number | null }
  | { state: 'up-to-date'; pending: number; at: string }
  | { state: 'failing'; pending: number; message: string; retryAt: number | null };
