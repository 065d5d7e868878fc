import { BatchDetail, ChangesPage, ItemsPage, MAX_PAGE, type Me } from '../../shared/sync';
import type { ResultEvent } from '../../shared/batch-file';
import type { Batch, Item } from '../../shared/domain';
import { canonicalJson, schemaId, sha256Hex } from '../../shared/import';
import { linkBatch, storeBatchRevision, storePulledEvents, syncTables, type BatchRevision, type LoupeDatabase, type SyncedBatch } from '../storage';
import type { ServerApi } from './client';
import { loadSyncState, saveSyncState } from './state';

export interface PullOutcome {
  changes: number;
  batches: string[];
  events: number;
  /** Why a batch or an event was not taken: for the log, and the status's detail. */
  notes: string[];
}

/** A batch as the server has it now, read page by page, ready to store like a batch file's revision. */
async function fetchBatch(api: ServerApi, batchId: string, server: string): Promise<BatchRevision> {
  const path = `/v1/batches/${encodeURIComponent(batchId)}`;
  const detail = await api.call(BatchDetail, { method: 'GET', path });
  const lines: ItemsPage['items'] = [];
  for (let after = -1; ; ) {
    const page = await api.call(ItemsPage, { method: 'GET', path: `${path}/items`, query: { after: String(after), limit: String(MAX_PAGE) } });
    lines.push(...page.items);
    if (!page.hasMore || page.items.length === 0) break;
    after = page.items.at(-1)!.seq;
  }
  // A reviewer with a share gets only their items: numbered again from 0, so that next and previous walk them.
  const items: Item[] = lines.map((line, seq) => ({ ...line, batchId, seq }));
  const [sid, digest] = await Promise.all([schemaId(detail.schema), sha256Hex(canonicalJson({ batch: detail.batch, schema: detail.schema, instructions: detail.instructions ?? null, items }))]);
  const now = new Date().toISOString();
  const batch: Batch = {
    ...detail.batch,
    schemaId: sid,
    itemCount: items.length,
    source: { format: 'loupe', fileName: server, sha256: digest },
    ...(detail.instructions ? { instructions: detail.instructions } : {}),
  };
  return {
    batch,
    schema: { id: sid, schema: detail.schema, createdAt: now },
    items,
    record: {
      batchId,
      revision: batch.revision,
      digest,
      fileName: server,
      reviewers: detail.reviewers.map((r) => ({ id: r.id, name: r.name })),
      ...(detail.instructions ? { instructions: detail.instructions } : {}),
      // Came over the token's connection from the server the reviewer chose: trusted as that server is.
      trust: 'trusted',
      encrypted: false,
      importedAt: now,
    },
    attachments: [],
    from: `the server ${server}`,
  };
}

/**
 * Pulls what changed since the last pull, page by page until none is left. Each page is taken in one
 * transaction with the cursor that follows it — its batches, its events and the cursor, or nothing — so
 * a pull cut off anywhere resumes where the last stored page ended, and takes nothing twice.
 */
export async function pullChanges(db: LoupeDatabase, api: ServerApi, server: string, me: Me, onProgress: (changes: number) => void): Promise<PullOutcome> {
  const outcome: PullOutcome = { changes: 0, batches: [], events: 0, notes: [] };
  for (;;) {
    const state = await loadSyncState(db, server);
    const page = await api.call(ChangesPage, { method: 'GET', path: '/v1/changes', query: { limit: String(MAX_PAGE), ...(state.cursor ? { cursor: state.cursor } : {}) } });
    const newest = new Map<string, number>();
    const events: ResultEvent[] = [];
    for (const change of page.changes) {
      if (change.kind === 'batch') newest.set(change.batchId, Math.max(change.revision, newest.get(change.batchId) ?? 0));
      else events.push(change.event);
    }
    const links = new Map((await db.syncBatches.bulkGet([...newest.keys()])).flatMap((l): [string, SyncedBatch][] => (l ? [[l.batchId, l]] : [])));
    const wanted = [...newest].filter(([id, revision]) => (links.get(id)?.revision ?? 0) < revision).map(([id]) => id);
    // Network first: a transaction cannot wait on it.
    const fetched: BatchRevision[] = [];
    for (const id of wanted) fetched.push(await fetchBatch(api, id, server));

    await db.transaction('rw', syncTables(db), async () => {
      for (const revision of fetched) {
        const stored = await storeBatchRevision(db, revision);
        // The same revision already here from a batch file (whose digest is made another way) is the same
        // work: a changed batch takes a new revision. It is linked as it is, so its work syncs from now on.
        const here = stored.status === 'refused' ? await db.batches.get(revision.batch.id) : undefined;
        if (stored.status === 'refused' && here?.revision !== revision.batch.revision) {
          outcome.notes.push(stored.message);
          continue;
        }
        const before = links.get(revision.batch.id);
        await linkBatch(db, before ? { ...before, revision: revision.batch.revision } : { batchId: revision.batch.id, server, role: me.role, reviewer: { id: me.reviewerId, name: me.name }, revision: revision.batch.revision });
        outcome.batches.push(revision.batch.id);
      }
      const pulled = await storePulledEvents(db, events);
      outcome.events += pulled.added;
      if (pulled.skipped.length > 0) outcome.notes.push(`${pulled.skipped.length} event(s) from the server were not taken (unknown item, or an id held here with other content): ${pulled.skipped.slice(0, 5).join(', ')}`);
      await saveSyncState(db, { ...(await loadSyncState(db, server)), cursor: page.cursor });
    });
    outcome.changes += page.changes.length;
    onProgress(outcome.changes);
    if (!page.hasMore) return outcome;
  }
}
