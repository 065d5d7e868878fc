import { z } from 'zod';
import type { LoupeDatabase } from '../storage';

/**
 * What this machine knows of its sync with one server, kept in the `kv` table: its client id, the number
 * of its next push, where its pulls stand, and the push under way. A push under way is written before
 * it is sent and cleared in the transaction that takes its acknowledgement, so after a crash the same
 * push — same number, same events — is sent again and the server recognises it (docs/sync-protocol.md).
 */
export const SyncState = z.object({
  server: z.string(),
  clientId: z.string(),
  nextSeq: z.number().int().min(1),
  cursor: z.string().nullable(),
  /** The push under way: its number, its outbox rows, and its events by local key (`eventSeqs`). */
  inflight: z.object({ seq: z.number().int().min(1), outboxSeqs: z.array(z.number().int()), eventSeqs: z.array(z.number().int()) }).nullable(),
  lastSyncedAt: z.string().nullable(),
});
export type SyncState = z.infer<typeof SyncState>;

export const SYNC_STATE_KEY = 'sync.state';

function newClientId(): string {
  return `c-${crypto.randomUUID()}`;
}

/**
 * The state for `server`. Another server's state (the address changed) starts afresh, with a new client
 * id: pushes are numbered per server. The outbox stays, so nothing waiting is dropped.
 */
export async function loadSyncState(db: LoupeDatabase, server: string): Promise<SyncState> {
  const stored = SyncState.safeParse((await db.kv.get(SYNC_STATE_KEY))?.value);
  if (stored.success && stored.data.server === server) return stored.data;
  return { server, clientId: newClientId(), nextSeq: 1, cursor: null, inflight: null, lastSyncedAt: null };
}

export async function saveSyncState(db: LoupeDatabase, state: SyncState): Promise<void> {
  await db.kv.put({ key: SYNC_STATE_KEY, value: state });
}
