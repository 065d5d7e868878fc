import { MAX_PUSH_EVENTS, PushResponse } from '../../shared/sync';
import type { ResultEvent } from '../../shared/batch-file';
import type { LoupeDatabase, StoredEvent } from '../storage';
import { SyncProblem, type ServerApi } from './client';
import { loadSyncState, saveSyncState, type SyncState } from './state';

/** Events per push: the server's limit (MAX_PUSH_EVENTS); each push costs a round trip and a transaction. */
export const PUSH_EVENTS = MAX_PUSH_EVENTS;
/**
 * Bytes of events per push, well under the server's body limit (4 MiB by default): corrections of long
 * documents make large events, and a push the server refuses as too large would never go.
 */
export const PUSH_BYTES = 2 * 1024 * 1024;

/** An event as it travels: without the local append order. */
function portable({ seq: _seq, ...event }: StoredEvent): ResultEvent {
  return event;
}

/**
 * Sends the outbox, oldest first, one numbered push at a time, until it is empty. Each push is written
 * down (state.inflight) before it is sent, and taken off the outbox in the transaction that records its
 * acknowledgement: a push whose answer was lost is sent again, same number and events, and the server
 * answers it as a repeat. Returns how many events were acknowledged.
 */
export async function pushOutbox(db: LoupeDatabase, api: ServerApi, server: string, onProgress: (sent: number) => void): Promise<number> {
  let sent = 0;
  let renumbered = 0;
  for (;;) {
    const state = await loadSyncState(db, server);
    const inflight = state.inflight ?? (await nextPush(db, state));
    if (!inflight) return sent;
    // An event is never deleted here; one missing would be a damaged store, and is left out rather than blocking every push after it.
    const events = (await db.events.bulkGet(inflight.eventSeqs)).flatMap((e) => (e ? [portable(e)] : []));
    if (events.length === 0) {
      // Nothing was sent, so the number stays free for the next push.
      await settle(db, state, inflight, inflight.seq - 1);
      continue;
    }
    let answer: PushResponse;
    try {
      answer = await api.call(PushResponse, { method: 'POST', path: '/v1/events', body: { clientId: state.clientId, seq: inflight.seq, events } });
    } catch (error) {
      // The server's count of this client's pushes differs from ours (its database was restored from a
      // backup, or ours was): the push goes again under the number it expects. Its events are taken by
      // id, so any it already has count once.
      const expected = error instanceof SyncProblem ? error.body?.expectedSeq : undefined;
      if (expected !== undefined && expected !== inflight.seq && renumbered < 3) {
        renumbered += 1;
        await saveSyncState(db, { ...state, inflight: { ...inflight, seq: expected }, nextSeq: expected });
        continue;
      }
      throw error;
    }
    await settle(db, state, inflight, answer.seq);
    sent += events.length;
    onProgress(sent);
  }
}

/** Picks the next push from the outbox and writes it down before it is sent. */
async function nextPush(db: LoupeDatabase, state: SyncState): Promise<SyncState['inflight']> {
  return db.transaction('rw', [db.outbox, db.events, db.kv], async () => {
    const entries = await db.outbox.orderBy(':id').limit(PUSH_EVENTS).toArray();
    if (entries.length === 0) return null;
    // As many as fit in PUSH_BYTES, and always the first, whatever its size.
    const events = await db.events.bulkGet(entries.map((e) => e.eventSeq));
    let bytes = 0;
    let take = 0;
    while (take < entries.length) {
      bytes += JSON.stringify(events[take] ?? null).length;
      if (take > 0 && bytes > PUSH_BYTES) break;
      take += 1;
    }
    const chosen = entries.slice(0, take);
    const inflight = { seq: state.nextSeq, outboxSeqs: chosen.map((e) => e.seq!), eventSeqs: [...new Set(chosen.map((e) => e.eventSeq))] };
    await saveSyncState(db, { ...state, inflight });
    return inflight;
  });
}

/** The push is acknowledged: off the outbox, and the next push takes the next number — in one transaction. */
async function settle(db: LoupeDatabase, state: SyncState, inflight: NonNullable<SyncState['inflight']>, acknowledged: number): Promise<void> {
  await db.transaction('rw', [db.outbox, db.kv], async () => {
    await db.outbox.bulkDelete(inflight.outboxSeqs);
    const current = await loadSyncState(db, state.server);
    await saveSyncState(db, { ...current, inflight: null, nextSeq: acknowledged + 1 });
  });
}
