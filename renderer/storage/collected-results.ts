import { z } from 'zod';
import type { ResultEvent, ResultFileContents } from '../../shared/batch-file';
import type { Item, ReviewEvent } from '../../shared/domain';
import { canonicalJson } from '../../shared/import';
import { byTimeThenId, initialReview, isVerdict, replay, type Review } from '../../shared/review';
import type { LoupeDatabase, StoredEvent } from './database';
import { enqueueForSync } from './outbox';

export type StoreResultOutcome =
  | {
      ok: true;
      batchId: string;
      reviewer: { id: string; name: string };
      /** The reviewer the batch file was handed out to, when the result file says (manifest `assignedAs`). */
      assignedAs?: { id: string; name: string };
      added: number;
      duplicates: number;
    }
  | { ok: false; message: string };

/** An event as it travels: without the local append order. */
function portable(event: StoredEvent | ResultEvent): string {
  const { seq: _seq, ...rest } = event as StoredEvent;
  return canonicalJson(rest);
}

class Refusal extends Error {}

/**
 * Which local profile did the work of which reviewer the coordinator handed a file to: a result file's
 * `reviewer` (the profile id of whoever opened the file, a UUID) linked to its `assignedAs` (the id typed
 * on the desk, such as `r-ana`). Kept per batch in the `kv` table under `desk.identities.<batchId>`, next
 * to the plan (`desk.plan.<batchId>`). Links only add: several profiles may be linked to one assigned
 * reviewer (two people opened the same file), and each stays a reviewer of their own — events and
 * reviews keep the profile's id.
 */
export const IdentityLink = z.object({
  /** The id the reviews and events carry: the profile that did the work. */
  reviewerId: z.string().min(1),
  reviewerName: z.string(),
  /** The reviewer the batch file was handed out to. */
  assignedId: z.string().min(1),
  assignedName: z.string(),
});
export type IdentityLink = z.infer<typeof IdentityLink>;

export const identityLinksKey = (batchId: string) => `desk.identities.${batchId}`;

/** The links a stored value holds; a value another build wrote differently is ignored rather than trusted. */
export function identityLinksOf(value: unknown): IdentityLink[] {
  const parsed = z.array(IdentityLink).safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** The identity links of a batch, in the order they were first recorded. */
export async function identityLinks(db: LoupeDatabase, batchId: string): Promise<IdentityLink[]> {
  return identityLinksOf((await db.kv.get(identityLinksKey(batchId)))?.value);
}

/** Inside a transaction over `kv`: adds the link of a result file, if it is not there yet. */
async function recordLink(db: LoupeDatabase, batchId: string, link: IdentityLink): Promise<void> {
  const key = identityLinksKey(batchId);
  const links = identityLinksOf((await db.kv.get(key))?.value);
  const at = links.findIndex((l) => l.reviewerId === link.reviewerId && l.assignedId === link.assignedId);
  if (at >= 0 && links[at]!.reviewerName === link.reviewerName && links[at]!.assignedName === link.assignedName) return;
  // Same pair again: the names are refreshed in place; a new pair is appended.
  const next = at >= 0 ? links.map((l, i) => (i === at ? link : l)) : [...links, link];
  await db.kv.put({ key, value: next });
}

/**
 * Inside a transaction over `events` and `reviews`: folds one reviewer's reviews of the items `fresh`
 * events touch again, from all their events on those items in time order (the order merging uses), after
 * the fresh events were stored. A stale mark made here stays until a verdict arrives on the item.
 */
export async function refoldReviews(
  db: LoupeDatabase,
  batchId: string,
  reviewer: { id: string; name: string },
  items: ReadonlyMap<string, Item>,
  fresh: readonly ReviewEvent[],
): Promise<void> {
  const touched = [...new Set(fresh.map((e) => e.itemId))].filter((id) => items.has(id));
  if (touched.length === 0) return;
  // All of the reviewer's events on the batch in one read, rather than one read per item.
  const byItem = new Map<string, ReviewEvent[]>();
  for (const e of await db.events.where('[batchId+reviewerId]').equals([batchId, reviewer.id]).toArray()) {
    const list = byItem.get(e.itemId);
    if (list) list.push(e);
    else byItem.set(e.itemId, [e]);
  }
  const before = await db.reviews.bulkGet(touched.map((itemId): [string, string, string] => [batchId, itemId, reviewer.id]));
  const verdictOn = new Set(fresh.filter((e) => isVerdict(e.action)).map((e) => e.itemId));
  const reviews = touched.map((itemId, i): Review => {
    const next = replay(initialReview(items.get(itemId)!, reviewer), (byItem.get(itemId) ?? []).sort(byTimeThenId));
    const stale = before[i]?.stale;
    return stale && !verdictOn.has(itemId) ? { ...next, stale } : next;
  });
  await db.reviews.bulkPut(reviews);
}

function list(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).map((id) => JSON.stringify(id)).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

/**
 * Stores a reviewer's result file (readResultFile) on the coordinator's machine, in ONE transaction or not
 * at all. Events are taken by id: one already here is a duplicate, not an error, so the same file twice
 * changes nothing. Then that reviewer's reviews of the items concerned are replayed from all their events.
 * Refused, with the reason and nothing stored: results of a batch this machine does not have, events on
 * items the batch does not have, and an event whose id is here with other content.
 * A file that says whom the batch file was handed out to (`assignedAs`) also links its reviewer's profile
 * id to that reviewer (identityLinks), in the same transaction.
 */
export async function storeResultFile(db: LoupeDatabase, contents: ResultFileContents, fileName: string): Promise<StoreResultOutcome> {
  const { batchId, reviewer, assignedAs } = contents;
  const who = reviewer.name || reviewer.id;
  try {
    return await db.transaction('rw', [db.batches, db.items, db.events, db.reviews, db.kv, db.outbox, db.syncBatches], async (): Promise<StoreResultOutcome> => {
      const batch = await db.batches.get(batchId);
      if (!batch) {
        throw new Refusal(`${fileName}: results of ${who} for the batch ${batchId}, which is not on this machine — import that batch (.loupe) first, then these results again`);
      }
      const itemIds = [...new Set(contents.events.map((e) => e.itemId))];
      const items = await db.items.bulkGet(itemIds.map((id): [string, string] => [batchId, id]));
      const unknown = itemIds.filter((_, i) => !items[i]);
      if (unknown.length > 0) {
        throw new Refusal(`${fileName}: results of ${who} have events on ${unknown.length === 1 ? 'the item' : 'the items'} ${list(unknown)}, which the batch “${batch.name}” does not have here — import the batch revision these results were made on, then the results again`);
      }

      const held = new Map((await db.events.where('id').anyOf(contents.events.map((e) => e.id)).toArray()).map((e) => [e.id, e]));
      const fresh: ResultEvent[] = [];
      const clashes: string[] = [];
      for (const event of contents.events) {
        const here = held.get(event.id);
        if (!here) fresh.push(event);
        else if (portable(here) !== portable(event)) clashes.push(event.id);
      }
      if (clashes.length > 0) {
        throw new Refusal(`${fileName}: ${clashes.length === 1 ? 'the event' : 'the events'} ${list(clashes)} ${clashes.length === 1 ? 'is' : 'are'} here already with different content — two different events cannot share an id; ask ${who} for a new export`);
      }
      const outcome = {
        ok: true as const,
        batchId,
        reviewer: { id: reviewer.id, name: reviewer.name },
        ...(assignedAs ? { assignedAs: { id: assignedAs.id, name: assignedAs.name } } : {}),
        added: fresh.length,
        duplicates: contents.events.length - fresh.length,
      };
      // A profile that is the assigned reviewer itself (results made under the id the desk gave) needs no link.
      if (assignedAs && assignedAs.id !== reviewer.id) {
        await recordLink(db, batchId, { reviewerId: reviewer.id, reviewerName: reviewer.name, assignedId: assignedAs.id, assignedName: assignedAs.name });
      }
      if (fresh.length === 0) return outcome;

      const seqs = await db.events.bulkAdd(fresh.map((e) => ({ ...e }) as StoredEvent), { allKeys: true });
      // Results collected by file on a batch published to the server go there too; it counts each once.
      await enqueueForSync(db, batchId, fresh.map((e, i) => ({ ...e, seq: seqs[i]! })));
      await refoldReviews(db, batchId, reviewer, new Map(items.flatMap((item) => (item ? [[item.id, item] as const] : []))), fresh);
      return outcome;
    });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    throw error;
  }
}
