import { z } from 'zod';
import { mergeResults, type MergeOutcome, type MergeSource, type ResultEvent } from '../../shared/batch-file';
import type { Batch, Item, ReviewStatus, TaskSchema } from '../../shared/domain';
import type { Review } from '../../shared/review';
import { identityLinksKey, identityLinksOf, type IdentityLink, type LoupeDatabase } from '../storage';
import { pairwiseAgreement, verdictOf, type Agreement } from './agreement';

/**
 * Who was handed which items (and, for files encrypted to their reviewer, to which public key), kept in
 * the `kv` table under `desk.plan.<batchId>` when the files are exported, so that progress knows each
 * reviewer's share and a later hand-out starts from the same reviewers and keys. Read back with a check: a value another build
 * wrote differently is ignored rather than trusted.
 */
export const DeskPlan = z.object({
  revision: z.number().int().positive(),
  madeAt: z.string(),
  overlap: z.number().int().nonnegative(),
  counts: z.array(z.number().int().nonnegative()).nullable(),
  reviewers: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      itemIds: z.array(z.string()),
      /** The reviewer's public encryption key their file was encrypted to, so a later hand-out need not ask again. */
      encryptionKey: z.string().optional(),
    }),
  ),
  overlapIds: z.array(z.string()),
});
export type DeskPlan = z.infer<typeof DeskPlan>;

export const planKey = (batchId: string) => `desk.plan.${batchId}`;

export async function savePlan(db: LoupeDatabase, batchId: string, plan: DeskPlan): Promise<void> {
  await db.kv.put({ key: planKey(batchId), value: plan });
}

export interface DeskData {
  batch: Batch;
  schema: TaskSchema;
  items: Item[];
  reviews: Review[];
  plan: DeskPlan | null;
  /** Every reviewer's events on the batch, merged (conflicts open and settled). */
  merge: MergeOutcome;
  /** Reviewers who have decided conflicts (authors of `adjudicate` events). */
  deciders: Set<string>;
  /** Items a newer revision withdrew: kept with their work, never handed out again. */
  withdrawn: Set<string>;
  /**
   * Which profile ids did the work of which handed-out reviewer (result files' `assignedAs`, recorded by
   * storeResultFile). Reviews and events keep the profile ids; these only say whose share they count in.
   */
  links: IdentityLink[];
}

/**
 * The reviewer a profile's work counts for, by profile id: its link (the latest recorded, should one
 * profile have been linked to several), else none — the id counts for itself.
 */
export function assignedIds(links: readonly IdentityLink[]): Map<string, { id: string; name: string }> {
  const byProfile = new Map<string, { id: string; name: string }>();
  for (const l of links) byProfile.set(l.reviewerId, { id: l.assignedId, name: l.assignedName });
  return byProfile;
}

/** Everything the desk shows, read in one snapshot; undefined when the batch is not on this machine. */
export async function loadDesk(db: LoupeDatabase, batchId: string): Promise<DeskData | undefined> {
  const read = await db.transaction('r', [db.batches, db.schemas, db.items, db.reviews, db.events, db.kv, db.withdrawn], async () => {
    const batch = await db.batches.get(batchId);
    if (!batch) return undefined;
    const stored = await db.schemas.get(batch.schemaId);
    if (!stored) throw new Error(`The schema of batch "${batch.name}" is missing; import the batch again.`);
    return {
      batch,
      schema: stored.schema,
      items: await db.items.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray(),
      reviews: await db.reviews.where('[batchId+itemId+reviewerId]').between([batchId, '', ''], [batchId, '\uffff', '\uffff']).toArray(),
      events: await db.events.where('batchId').equals(batchId).toArray(),
      plan: (await db.kv.get(planKey(batchId)))?.value,
      withdrawn: await db.withdrawn.where('[batchId+itemId]').between([batchId, ''], [batchId, '\uffff']).toArray(),
      links: identityLinksOf((await db.kv.get(identityLinksKey(batchId)))?.value),
    };
  });
  if (!read) return undefined;
  const byReviewer = new Map<string, ResultEvent[]>();
  const deciders = new Set<string>();
  for (const { seq: _seq, ...event } of read.events) {
    const list = byReviewer.get(event.reviewerId);
    if (list) list.push(event);
    else byReviewer.set(event.reviewerId, [event]);
    if (event.action === 'adjudicate') deciders.add(event.reviewerId);
  }
  const sources: MergeSource[] = [...byReviewer].map(([id, events]) => ({
    batchId,
    revision: read.batch.revision,
    reviewer: { id, name: events.at(-1)?.reviewerName ?? id },
    events,
  }));
  const plan = DeskPlan.safeParse(read.plan);
  return {
    batch: read.batch,
    schema: read.schema,
    items: read.items,
    reviews: read.reviews,
    plan: plan.success ? plan.data : null,
    merge: mergeResults(read.batch, read.items, sources),
    deciders,
    withdrawn: new Set(read.withdrawn.map((w) => w.itemId)),
    links: read.links,
  };
}

const VERDICTS: readonly Exclude<ReviewStatus, 'pending'>[] = ['accepted', 'corrected', 'rejected', 'flagged'];

/** One real identity's work (a profile id, as the reviews carry it) within a row of the progress table. */
export interface ProgressPerson {
  reviewerId: string;
  name: string;
  /** Of the row's share, items without this person's verdict; null without a plan. */
  pending: number | null;
  counts: Record<Exclude<ReviewStatus, 'pending'>, number>;
  lastActivity: string | null;
  timeSpentMs: number;
}

export interface ProgressRow {
  /** The plan's id of the reviewer (or the id the file was handed out to); else the id the reviews carry. */
  reviewerId: string;
  name: string;
  /** Items handed to them; null without a plan made on this desk. */
  assigned: number | null;
  /** Of their share, items without a verdict of anyone counted in this row; null without a plan. */
  pending: number | null;
  counts: Record<Exclude<ReviewStatus, 'pending'>, number>;
  lastActivity: string | null;
  timeSpentMs: number;
  /**
   * Every identity whose work the row counts: the reviewer's own id when reviews carry it, and each profile
   * linked to it. Several means several people worked on one handed-out file; each stays a reviewer of their
   * own for agreement and conflicts, and the table shows them one by one.
   */
  people: ProgressPerson[];
}

export interface Progress {
  rows: ProgressRow[];
  totals: Omit<ProgressRow, 'reviewerId' | 'name' | 'people'>;
  /** Items of the batch with at least one reviewer's verdict. */
  itemsWithVerdict: number;
  /** On the plan's overlap items, or, without a plan, on every item several reviewers gave a verdict on. */
  agreement: Agreement;
  agreementOn: 'overlap' | 'shared';
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a);
const noCounts = (): ProgressRow['counts'] => ({ accepted: 0, corrected: 0, rejected: 0, flagged: 0 });

/**
 * Progress per reviewer: the plan's reviewers first, in plan order, then anyone else with work on the
 * batch. The work of a profile linked to a handed-out reviewer (identity links) counts in that reviewer's
 * row, not in a row of its own. Coordinators who only decided conflicts are not reviewers here; their
 * decisions are counted in the conflicts view.
 */
export function deskProgress(data: DeskData): Progress {
  const { plan, items, reviews, deciders } = data;
  const itemById = new Map(items.map((i) => [i.id, i]));
  const planned = new Map((plan?.reviewers ?? []).map((r) => [r.id, r]));
  const linked = assignedIds(data.links);
  const rows = new Map<string, ProgressRow>();
  const row = (id: string, name: string): ProgressRow => {
    let r = rows.get(id);
    if (!r) {
      const share = planned.get(id);
      r = { reviewerId: id, name: share?.name ?? name, assigned: share ? share.itemIds.length : null, pending: share ? share.itemIds.length : null, counts: noCounts(), lastActivity: null, timeSpentMs: 0, people: [] };
      rows.set(id, r);
    }
    return r;
  };
  for (const r of plan?.reviewers ?? []) row(r.id, r.name);
  const shares = new Map((plan?.reviewers ?? []).map((r) => [r.id, new Set(r.itemIds)]));
  const people = new Map<string, ProgressPerson>();
  /** Per row, the items of its share someone counted in it gave a verdict on. */
  const done = new Map<string, Set<string>>();
  const withVerdict = new Set<string>();
  for (const review of reviews) {
    if (!itemById.has(review.itemId)) continue;
    // Planned ids count for themselves; a linked profile for the reviewer its file was handed out to.
    const assigned = planned.has(review.reviewerId) ? undefined : linked.get(review.reviewerId);
    const rowId = assigned?.id ?? review.reviewerId;
    if (deciders.has(review.reviewerId) && !planned.has(rowId) && !assigned) continue;
    const r = row(rowId, assigned?.name ?? review.reviewerName);
    let person = people.get(review.reviewerId);
    if (!person) {
      person = { reviewerId: review.reviewerId, name: review.reviewerName, pending: r.assigned, counts: noCounts(), lastActivity: null, timeSpentMs: 0 };
      people.set(review.reviewerId, person);
      r.people.push(person);
    }
    for (const x of [r, person]) {
      x.lastActivity = later(x.lastActivity, review.updatedAt);
      x.timeSpentMs += review.timeSpentMs;
    }
    if (review.status === 'pending') continue;
    r.counts[review.status] += 1;
    person.counts[review.status] += 1;
    withVerdict.add(review.itemId);
    if (shares.get(rowId)?.has(review.itemId)) {
      if (person.pending !== null) person.pending -= 1;
      const d = done.get(rowId) ?? new Set<string>();
      done.set(rowId, d.add(review.itemId));
    }
  }
  const list = [...rows.values()];
  for (const r of list) if (r.assigned !== null) r.pending = r.assigned - (done.get(r.reviewerId)?.size ?? 0);
  const totals: Progress['totals'] = {
    assigned: plan ? list.reduce((n, r) => n + (r.assigned ?? 0), 0) : null,
    pending: plan ? list.reduce((n, r) => n + (r.pending ?? 0), 0) : null,
    counts: noCounts(),
    lastActivity: null,
    timeSpentMs: 0,
  };
  for (const r of list) {
    for (const s of VERDICTS) totals.counts[s] += r.counts[s];
    totals.lastActivity = later(totals.lastActivity, r.lastActivity);
    totals.timeSpentMs += r.timeSpentMs;
  }

  // Agreement is between reviewers — each real identity one, however the rows group them — and a
  // coordinator's decisions are not a further opinion.
  const reviewerIds = new Set(people.keys());
  const byItem = new Map<string, Review[]>();
  for (const review of reviews) {
    if (!reviewerIds.has(review.reviewerId) || review.status === 'pending') continue;
    const l = byItem.get(review.itemId);
    if (l) l.push(review);
    else byItem.set(review.itemId, [review]);
  }
  const on = plan && plan.overlapIds.length > 0 ? plan.overlapIds : [...byItem.keys()];
  const perItem = on.flatMap((id) => {
    const item = itemById.get(id);
    return item ? [(byItem.get(id) ?? []).map((r) => verdictOf(r, item))] : [];
  });
  return {
    rows: list,
    totals,
    itemsWithVerdict: withVerdict.size,
    agreement: pairwiseAgreement(data.schema.fields, perItem),
    agreementOn: plan && plan.overlapIds.length > 0 ? 'overlap' : 'shared',
  };
}
