import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../../shared/batch-file/json';
import { mergeResults, type MergeSource } from '../../shared/batch-file';
import type { Batch, Item, ReviewStatus, TaskSchema } from '../../shared/domain';
import type { BatchDetail, BatchProgress, BatchSummary, ConflictList, ItemsPage, PublishBatchRequest, PublishBatchResponse } from '../../shared/sync';
import type { ItemLine, ResultEvent } from '../../shared/batch-file';
import type { Principal } from '../auth';
import type { Sql, Store } from '../store';
import { iso } from '../store/values';
import { batchFor } from './access';
import { lockChangeLog } from './changes';
import { conflict, invalid } from './errors';

type Publish = z.output<typeof PublishBatchRequest>;

/** Rows written per statement when storing items: large enough to be quick, small enough for any driver. */
const CHUNK = 2000;

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What is wrong with a batch beyond its shape: duplicate item ids, reviewers given items it lacks. */
function check(body: Publish): void {
  const ids = new Set<string>();
  for (const item of body.items) {
    if (ids.has(item.id)) throw invalid(`item ${JSON.stringify(item.id)} is in the batch twice; item ids are unique within a batch`);
    ids.add(item.id);
  }
  const reviewers = new Set<string>();
  for (const r of body.reviewers) {
    if (reviewers.has(r.id)) throw invalid(`reviewer ${JSON.stringify(r.id)} is named twice`);
    reviewers.add(r.id);
    const missing = r.itemIds?.find((id) => !ids.has(id));
    if (missing !== undefined) throw invalid(`reviewer ${JSON.stringify(r.id)} is given the item ${JSON.stringify(missing)}, which the batch does not have`);
  }
}

/**
 * Publishes a batch, or a newer revision of it. The same content under the same revision again changes
 * nothing (a coordinator's retry); other content under a revision already published is refused, as it
 * would change work under the reviewers' feet without their apps knowing. A newer revision replaces the
 * items and reviewers; items it drops stay, withdrawn, with their events.
 */
export async function publishBatch(store: Store, body: Publish): Promise<PublishBatchResponse> {
  check(body);
  const items = body.items.map((line, seq) => ({ ...line, seq }));
  const batch: Batch = { ...body.batch, itemCount: items.length };
  const content = digest(canonicalJson({ batch, schema: body.schema, instructions: body.instructions ?? null, reviewers: body.reviewers, items }));
  const outcome = await store.transaction(async (tx) => {
    await lockChangeLog(tx);
    const [held] = await tx.query<{ revision: number; content_sha256: string }>('SELECT revision, content_sha256 FROM batches WHERE id = $1', [batch.id]);
    if (held) {
      const revision = Number(held.revision);
      if (revision === batch.revision && held.content_sha256 === content) return { batchId: batch.id, revision, outcome: 'unchanged' as const };
      if (revision >= batch.revision) {
        throw conflict(
          revision === batch.revision
            ? `batch ${batch.id} revision ${revision} is already published with other content; publish the change as revision ${revision + 1}`
            : `batch ${batch.id} is already at revision ${revision}; revision ${batch.revision} is older — publish revision ${revision + 1} or later`,
        );
      }
    }
    await tx.query(
      `INSERT INTO batches (id, revision, batch, schema, instructions, content_sha256) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET revision = $2, batch = $3, schema = $4, instructions = $5, content_sha256 = $6, published_at = now()`,
      [batch.id, batch.revision, canonicalJson(batch), canonicalJson(body.schema), body.instructions ?? null, content],
    );
    await tx.query('UPDATE items SET withdrawn = true WHERE batch_id = $1', [batch.id]);
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      await tx.query(
        `INSERT INTO items (batch_id, id, seq, item)
         SELECT $1, id, seq, item FROM unnest($2::text[], $3::int[], $4::text[]) AS t(id, seq, item)
         ON CONFLICT (batch_id, id) DO UPDATE SET seq = excluded.seq, item = excluded.item, withdrawn = false`,
        [batch.id, chunk.map((it) => it.id), chunk.map((it) => it.seq), chunk.map((it) => canonicalJson(it))],
      );
    }
    await tx.query('DELETE FROM batch_reviewers WHERE batch_id = $1', [batch.id]);
    for (const r of body.reviewers) {
      await tx.query('INSERT INTO batch_reviewers (batch_id, reviewer_id, name, all_items) VALUES ($1, $2, $3, $4)', [batch.id, r.id, r.name, r.itemIds === undefined]);
      for (let i = 0; r.itemIds && i < r.itemIds.length; i += CHUNK) {
        await tx.query(
          'INSERT INTO batch_reviewer_items (batch_id, reviewer_id, item_id) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING',
          [batch.id, r.id, r.itemIds.slice(i, i + CHUNK)],
        );
      }
    }
    await tx.query("INSERT INTO changes (batch_id, kind, revision) VALUES ($1, 'batch', $2)", [batch.id, batch.revision]);
    return { batchId: batch.id, revision: batch.revision, outcome: held ? ('updated' as const) : ('created' as const) };
  });
  if (outcome.outcome !== 'unchanged') await store.refreshStatistics(['items', 'batch_reviewer_items']);
  return outcome;
}

interface BatchRow {
  id: string;
  batch: string;
  schema: string;
  instructions: string | null;
  published_at: unknown;
}

async function reviewersOf(sql: Sql, batchIds: readonly string[], only: string | null): Promise<Map<string, BatchSummary['reviewers']>> {
  const rows = await sql.query<{ batch_id: string; reviewer_id: string; name: string; item_count: number | string }>(
    `SELECT r.batch_id, r.reviewer_id, r.name,
       CASE WHEN r.all_items THEN (SELECT count(*) FROM items i WHERE i.batch_id = r.batch_id AND NOT i.withdrawn)
       ELSE (SELECT count(*) FROM batch_reviewer_items x JOIN items i ON i.batch_id = x.batch_id AND i.id = x.item_id AND NOT i.withdrawn
             WHERE x.batch_id = r.batch_id AND x.reviewer_id = r.reviewer_id) END AS item_count
     FROM batch_reviewers r WHERE r.batch_id = ANY($1) AND ($2::text IS NULL OR r.reviewer_id = $2) ORDER BY r.reviewer_id`,
    [batchIds, only],
  );
  const out = new Map<string, BatchSummary['reviewers']>();
  for (const row of rows) {
    const list = out.get(row.batch_id) ?? [];
    list.push({ id: row.reviewer_id, name: row.name, itemCount: Number(row.item_count) });
    out.set(row.batch_id, list);
  }
  return out;
}

/** A reviewer sees only themselves among a batch's reviewers: who else reviews it is the coordinator's business. */
function onlyFor(principal: Principal): string | null {
  return principal.role === 'coordinator' ? null : principal.reviewerId;
}

export async function listBatches(sql: Sql, principal: Principal): Promise<BatchSummary[]> {
  const rows = await sql.query<BatchRow>(
    principal.role === 'coordinator'
      ? 'SELECT id, batch, schema, instructions, published_at FROM batches ORDER BY published_at, id'
      : `SELECT b.id, b.batch, b.schema, b.instructions, b.published_at FROM batches b JOIN batch_reviewers r ON r.batch_id = b.id
         WHERE r.reviewer_id = $1 ORDER BY b.published_at, b.id`,
    principal.role === 'coordinator' ? [] : [principal.reviewerId],
  );
  const reviewers = await reviewersOf(sql, rows.map((r) => r.id), onlyFor(principal));
  return rows.map((row) => ({ batch: JSON.parse(row.batch) as Batch, reviewers: reviewers.get(row.id) ?? [], publishedAt: iso(row.published_at)! }));
}

export async function getBatch(sql: Sql, principal: Principal, batchId: string): Promise<BatchDetail> {
  await batchFor(sql, principal, batchId);
  const [row] = await sql.query<BatchRow>('SELECT id, batch, schema, instructions, published_at FROM batches WHERE id = $1', [batchId]);
  const reviewers = await reviewersOf(sql, [batchId], onlyFor(principal));
  return {
    batch: JSON.parse(row!.batch) as Batch,
    schema: JSON.parse(row!.schema) as TaskSchema,
    ...(row!.instructions === null ? {} : { instructions: row!.instructions }),
    reviewers: reviewers.get(batchId) ?? [],
    publishedAt: iso(row!.published_at)!,
  };
}

/** The batch's items after `after` (a seq), in order; a reviewer with a share gets only theirs. */
export async function batchItems(sql: Sql, principal: Principal, batchId: string, after: number, limit: number): Promise<ItemsPage> {
  const access = await batchFor(sql, principal, batchId);
  const rows = await sql.query<{ item: string }>(
    access.allItems === false
      ? `SELECT i.item FROM items i JOIN batch_reviewer_items x ON x.batch_id = i.batch_id AND x.item_id = i.id AND x.reviewer_id = $4
         WHERE i.batch_id = $1 AND NOT i.withdrawn AND i.seq > $2 ORDER BY i.seq LIMIT $3`
      : 'SELECT item FROM items WHERE batch_id = $1 AND NOT withdrawn AND seq > $2 ORDER BY seq LIMIT $3',
    access.allItems === false ? [batchId, after, limit + 1, principal.reviewerId] : [batchId, after, limit + 1],
  );
  return { items: rows.slice(0, limit).map((r) => JSON.parse(r.item) as ItemLine), hasMore: rows.length > limit };
}

const STATUSES: readonly ReviewStatus[] = ['pending', 'accepted', 'corrected', 'rejected', 'flagged'];

/**
 * Each assigned reviewer's progress: their items by the status of their latest event (latest by the
 * event's time, then id — the order merging replays them in). Items never touched are pending.
 */
export async function batchProgress(sql: Sql, principal: Principal, batchId: string): Promise<BatchProgress> {
  await batchFor(sql, principal, batchId);
  const reviewers = (await reviewersOf(sql, [batchId], null)).get(batchId) ?? [];
  const rows = await sql.query<{ reviewer_id: string; status: ReviewStatus; n: number | string }>(
    `SELECT reviewer_id, status, count(*) AS n FROM (
       SELECT DISTINCT ON (e.item_id, e.reviewer_id) e.reviewer_id, e.status
       FROM events e JOIN items i ON i.batch_id = e.batch_id AND i.id = e.item_id AND NOT i.withdrawn
       WHERE e.batch_id = $1 ORDER BY e.item_id, e.reviewer_id, e.at DESC, e.id COLLATE "C" DESC
     ) latest GROUP BY reviewer_id, status`,
    [batchId],
  );
  return {
    batchId,
    reviewers: reviewers.map((r) => {
      const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
      for (const row of rows) if (row.reviewer_id === r.id) counts[row.status] += Number(row.n);
      const reviewed = STATUSES.reduce((sum, s) => sum + (s === 'pending' ? 0 : counts[s]), 0);
      counts.pending = Math.max(0, r.itemCount - reviewed);
      return { reviewerId: r.id, name: r.name, assigned: r.itemCount, counts };
    }),
  };
}

/**
 * Conflicts on the batch, by the same rule as merging result files (mergeResults, BRIEF 5): every
 * reviewer's events are one source, so what arrived by file and by sync is judged alike.
 */
export async function batchConflicts(sql: Sql, principal: Principal, batchId: string): Promise<ConflictList> {
  const access = await batchFor(sql, principal, batchId);
  const itemRows = await sql.query<{ item: string }>('SELECT item FROM items WHERE batch_id = $1 AND NOT withdrawn ORDER BY seq', [batchId]);
  const items: Item[] = itemRows.map((r) => ({ ...(JSON.parse(r.item) as ItemLine), batchId }));
  const eventRows = await sql.query<{ event: string }>('SELECT event FROM events WHERE batch_id = $1 ORDER BY reviewer_id, at, id COLLATE "C"', [batchId]);
  const byReviewer = new Map<string, ResultEvent[]>();
  for (const row of eventRows) {
    const event = JSON.parse(row.event) as ResultEvent;
    const list = byReviewer.get(event.reviewerId) ?? [];
    list.push(event);
    byReviewer.set(event.reviewerId, list);
  }
  const sources: MergeSource[] = [...byReviewer].map(([id, events]) => ({
    batchId,
    revision: access.revision,
    reviewer: { id, name: events[0]!.reviewerName },
    events,
  }));
  const merged = mergeResults({ id: batchId, revision: access.revision }, items, sources);
  return {
    batchId,
    conflicts: merged.conflicts.map((c) => ({ itemId: c.itemId, reviews: c.reviews, pairs: c.pairs })),
    settled: merged.settled.length,
  };
}
