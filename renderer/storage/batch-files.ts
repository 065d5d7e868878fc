import type { BatchFileContents } from '../../shared/batch-file';
import type { Batch, Item, StoredSchema } from '../../shared/domain';
import { canonicalJson, schemaId, sha256Hex } from '../../shared/import';
import { initialReview, replay, type Review } from '../../shared/review';
import type { LoupeDatabase, StoredAttachment, StoredBatchFile, StoredEvent, WithdrawnItem } from './database';

/** Items written per step, as in storeBatch. */
const CHUNK = 5_000;

export type StoreBatchFileOutcome =
  | { status: 'stored'; batch: Batch; firstItemId: string }
  /** This very revision, with this very content, is here already. */
  | { status: 'unchanged'; batch: Batch }
  | {
      status: 'updated';
      batch: Batch;
      fromRevision: number;
      added: number;
      /** Items whose content changed. */
      changed: number;
      /** Reviews marked stale: the AI output or context changed after the reviewer worked on the item. */
      stale: number;
      /** Items this revision no longer has, kept and shown as withdrawn. */
      withdrawn: number;
    }
  | { status: 'refused'; message: string };

/** What the reviewer saw of an item: a change here after their work makes the review stale. */
const seen = (item: Item) => canonicalJson([item.output, item.context]);
const content = (item: Item) => canonicalJson({ ...item, seq: 0 });

/**
 * The digest that says whether two batch files hold the same thing: of the manifest, which holds the
 * size and SHA-256 of every part, and so stays the same for one content however the file was packed
 * or encrypted (an encrypted file differs at every byte each time it is written).
 */
export function batchFileDigest(contents: Pick<BatchFileContents, 'manifest'>): Promise<string> {
  return sha256Hex(canonicalJson(contents.manifest));
}

/**
 * Stores a batch read from a `.loupe` file (readBatchFile) in ONE transaction, or nothing:
 * - a batch new to this machine is stored whole, with its schema and attachments;
 * - the same revision with the same content again changes nothing;
 * - a newer revision adds its new items and updates changed ones. Work is never lost: where the AI output
 *   or context of an item changed after a reviewer gave a verdict, the review is refolded from the new
 *   output and marked stale (they look again; a new verdict clears it), drafts stay as typed, and items
 *   the new revision no longer has stay with their reviews, marked withdrawn and moved after the others;
 * - an older revision, or the same revision with other content, is refused with the reason.
 */
export async function storeBatchFile(db: LoupeDatabase, contents: BatchFileContents, fileName: string, now: () => Date = () => new Date()): Promise<StoreBatchFileOutcome> {
  // Digests first: a transaction cannot wait on WebCrypto.
  const [digest, sid] = await Promise.all([batchFileDigest(contents), schemaId(contents.schema)]);
  const importedAt = now().toISOString();
  const instructions = contents.manifest.instructions ?? contents.batch.instructions;
  const batch: Batch = {
    ...contents.batch,
    schemaId: sid,
    source: { format: 'loupe', fileName, sha256: digest },
    ...(instructions ? { instructions } : {}),
  };
  const record: StoredBatchFile = {
    batchId: batch.id,
    revision: batch.revision,
    digest,
    fileName,
    reviewers: contents.manifest.reviewers.map((r) => ({ id: r.id, name: r.name })),
    ...(instructions ? { instructions } : {}),
    trust: contents.trust,
    ...(contents.signer ? { signer: { publicKey: contents.signer.publicKey, fingerprint: contents.signer.fingerprint } } : {}),
    encrypted: contents.encrypted,
    ...(contents.returnTo ? { returnTo: contents.returnTo } : {}),
    importedAt,
  };
  const attachments = [...contents.attachments].map(([path, bytes]) => ({ batchId: batch.id, path, bytes }));
  const schema = { id: sid, schema: contents.schema, createdAt: importedAt };
  return storeBatchRevision(db, { batch, schema, items: contents.items, record, attachments, from: fileName });
}

/** One revision of a batch as it arrived, from a batch file or the sync server, ready to store. */
export interface BatchRevision {
  /** With its schema id and a source whose digest says whether two revisions hold the same. */
  batch: Batch;
  schema: StoredSchema;
  items: readonly Item[];
  record: StoredBatchFile;
  attachments: readonly StoredAttachment[];
  /** Where it came from, to begin a refusal with: a file name, or the server's address. */
  from: string;
}

/**
 * Stores a revision of a batch by the rules of storeBatchFile, in one transaction (or in the caller's,
 * which must span these tables).
 */
export async function storeBatchRevision(db: LoupeDatabase, revision: BatchRevision): Promise<StoreBatchFileOutcome> {
  const { batch, schema, record, attachments, from: fileName } = revision;
  const digest = batch.source.sha256;
  const contents = { items: revision.items };
  return db.transaction('rw', [db.schemas, db.batches, db.items, db.reviews, db.events, db.attachments, db.withdrawn, db.batchFiles], async (): Promise<StoreBatchFileOutcome> => {
    const existing = await db.batches.get(batch.id);
    if (!existing) {
      await db.schemas.put(schema);
      await db.batches.add(batch);
      for (let start = 0; start < contents.items.length; start += CHUNK) await db.items.bulkAdd(contents.items.slice(start, start + CHUNK));
      await db.attachments.bulkPut(attachments);
      await db.batchFiles.put(record);
      return { status: 'stored', batch, firstItemId: contents.items[0]?.id ?? '' };
    }
    const name = JSON.stringify(existing.name);
    if (existing.revision > batch.revision) {
      return {
        status: 'refused',
        message: `${fileName}: revision ${batch.revision} of the batch ${name}, but this machine has revision ${existing.revision} already — this file is older, so nothing was changed; use the newest file from the coordinator`,
      };
    }
    if (existing.revision === batch.revision) {
      if (existing.source.sha256 === digest) return { status: 'unchanged', batch: existing };
      return {
        status: 'refused',
        message: `${fileName}: revision ${batch.revision} of the batch ${name} is here already with different content — a changed batch must come with a higher revision, so nothing was changed; ask the coordinator for the current file`,
      };
    }
    return { status: 'updated', batch, fromRevision: existing.revision, ...(await applyRevision(db, batch, contents.items)) };
  });

  /** Inside the transaction: the new revision against what is stored, written whole. */
  async function applyRevision(tx: LoupeDatabase, next: Batch, items: readonly Item[]) {
    const stored = await tx.items.where('[batchId+seq]').between([next.id, -Infinity], [next.id, Infinity]).toArray();
    const before = new Map(stored.map((item) => [item.id, item]));
    const wasWithdrawn = new Set((await tx.withdrawn.where('[batchId+itemId]').between([next.id, ''], [next.id, '\uffff']).toArray()).map((w) => w.itemId));
    const reviews = await tx.reviews.where('[batchId+itemId+reviewerId]').between([next.id, '', ''], [next.id, '\uffff', '\uffff']).toArray();
    const reviewsByItem = new Map<string, Review[]>();
    for (const r of reviews) {
      const list = reviewsByItem.get(r.itemId);
      if (list) list.push(r);
      else reviewsByItem.set(r.itemId, [r]);
    }
    // The batch's events, read once and only if some review has to be folded again.
    let eventsByReview: Map<string, StoredEvent[]> | null = null;
    const eventsOf = async (itemId: string, reviewerId: string): Promise<StoredEvent[]> => {
      if (!eventsByReview) {
        eventsByReview = new Map();
        for (const e of await tx.events.where('batchId').equals(next.id).sortBy('seq')) {
          const key = `${e.itemId}\u0000${e.reviewerId}`;
          const list = eventsByReview.get(key);
          if (list) list.push(e);
          else eventsByReview.set(key, [e]);
        }
      }
      return eventsByReview.get(`${itemId}\u0000${reviewerId}`) ?? [];
    };

    const puts: Item[] = [];
    const updatedReviews: Review[] = [];
    let staleCount = 0;
    const returned: string[] = [];
    let added = 0;
    let changed = 0;
    for (const item of items) {
      const old = before.get(item.id);
      before.delete(item.id);
      if (wasWithdrawn.has(item.id)) returned.push(item.id);
      if (!old) {
        added += 1;
        puts.push(item);
        continue;
      }
      if (content(old) !== content(item)) changed += 1;
      else if (old.seq === item.seq) continue;
      puts.push(item);
      if (seen(old) === seen(item)) continue;
      const contextChanged = canonicalJson(old.context) !== canonicalJson(item.context);
      for (const review of reviewsByItem.get(item.id) ?? []) {
        if (review.eventCount === 0) continue;
        // The review is the fold of the reviewer's events from the AI output, so it is folded again from the
        // new output: fields they changed keep their values, the others follow the AI, as merging does.
        const events = await eventsOf(item.id, review.reviewerId);
        const refolded = replay(initialReview(item, { id: review.reviewerId, name: review.reviewerName }), events);
        // A verdict was given on what the reviewer saw then; the first mark keeps what that was.
        const stale = review.stale ?? (review.status === 'pending' ? undefined : { sinceRevision: next.revision, previousOutput: old.output, ...(contextChanged ? { previousContext: old.context } : {}) });
        updatedReviews.push(stale ? { ...refolded, stale } : refolded);
        if (stale && !review.stale) staleCount += 1;
      }
    }
    // Items left out stay, after the revision's own items, in their old order.
    const gone = [...before.values()].sort((a, b) => a.seq - b.seq);
    const newlyWithdrawn: WithdrawnItem[] = [];
    gone.forEach((item, i) => {
      const seq = items.length + i;
      if (item.seq !== seq) puts.push({ ...item, seq });
      if (!wasWithdrawn.has(item.id)) newlyWithdrawn.push({ batchId: next.id, itemId: item.id, revision: next.revision });
    });

    await tx.schemas.put(schema);
    await tx.batches.put(next);
    for (let start = 0; start < puts.length; start += CHUNK) await tx.items.bulkPut(puts.slice(start, start + CHUNK));
    await tx.reviews.bulkPut(updatedReviews);
    await tx.withdrawn.bulkDelete(returned.map((id): [string, string] => [next.id, id]));
    await tx.withdrawn.bulkAdd(newlyWithdrawn);
    await tx.attachments.bulkPut(attachments);
    await tx.batchFiles.put(record);
    return { added, changed, stale: staleCount, withdrawn: newlyWithdrawn.length };
  }
}

/** What the batch file of a batch said (reviewers, instructions, signer, the key results go back encrypted to), if it came from one. */
export async function batchFileRecord(db: LoupeDatabase, batchId: string): Promise<StoredBatchFile | undefined> {
  return db.batchFiles.get(batchId);
}

/** The ids of a batch's items that a newer revision left out, with that revision. */
export async function withdrawnItems(db: LoupeDatabase, batchId: string): Promise<Map<string, number>> {
  const rows = await db.withdrawn.where('[batchId+itemId]').between([batchId, ''], [batchId, '\uffff']).toArray();
  return new Map(rows.map((w) => [w.itemId, w.revision]));
}

/** An attachment of a batch (an image a context field refers to by path), or undefined. */
export async function attachmentBytes(db: LoupeDatabase, batchId: string, path: string): Promise<Uint8Array | undefined> {
  return (await db.attachments.get([batchId, path]))?.bytes;
}
