import type { Batch, FieldValues, Item, TaskSchema } from '../domain';
import { textFieldsEffort } from '../effort';
import type { Review } from '../review';
import type { ResultRecord } from './record';

export interface ResultSource {
  batch: Batch;
  schema: TaskSchema;
  items: Iterable<Item>;
  reviews: Iterable<Review>;
  /** Also give items nobody has given a verdict on, once each, as pending. */
  all: boolean;
  /** Named on pending records; without it their reviewer fields are null. */
  reviewer?: { id: string; name: string };
  /**
   * Coordinators' decisions of conflicts (mergeResults' `settled`): the record of `reviewerId` on `itemId`
   * gets `decides`, the reviewers whose verdicts it settles.
   */
  decisions?: Iterable<{ itemId: string; reviewerId: string; decides: readonly string[] }>;
  /**
   * Reviewer id (the profile that did the work) → the id of the reviewer their batch file was handed out
   * to (result files' `assignedAs`): their records get `assignedAs`, unless it is their own id.
   */
  assignedAs?: ReadonlyMap<string, string>;
}

/**
 * The `assignedAs` map of result files, from each file's manifest (the last file wins should one reviewer
 * come with two): what `ResultSource.assignedAs` takes.
 */
export function assignedAsOf(files: Iterable<{ reviewer: { id: string }; assignedAs?: { id: string } }>): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of files) if (f.assignedAs) map.set(f.reviewer.id, f.assignedAs.id);
  return map;
}

/** Values keyed by every field of the list, null where there is none. */
function keyed(fields: readonly { name: string }[], values: FieldValues): FieldValues {
  return Object.fromEntries(fields.map((f) => [f.name, values[f.name] ?? null]));
}

function itemPart(item: Item, schema: TaskSchema): Pick<ResultRecord, 'id' | 'output' | 'model' | 'confidence' | 'rationale' | 'context' | 'meta'> {
  return {
    id: item.id,
    output: keyed(schema.fields, item.output),
    model: item.model ?? null,
    confidence: item.confidence ?? null,
    rationale: item.rationale ?? null,
    context: keyed(schema.context, item.context),
    meta: item.meta ?? null,
  };
}

function verdictRecord(item: Item, review: Review, schema: TaskSchema, batchId: string, decides: readonly string[] | undefined, assignedAs: string | undefined): ResultRecord {
  const part = itemPart(item, schema);
  const correction = review.status === 'accepted' ? { ...part.output } : keyed(schema.fields, review.values);
  return {
    id: part.id,
    batch: batchId,
    reviewer: review.reviewerId,
    reviewerName: review.reviewerName,
    status: review.status,
    output: part.output,
    correction,
    comment: review.comment,
    reason: review.reason,
    reviewedAt: review.reviewedAt,
    timeSpentMs: review.timeSpentMs,
    effort: textFieldsEffort(schema.fields, part.output, correction),
    model: part.model,
    confidence: part.confidence,
    rationale: part.rationale,
    context: part.context,
    meta: part.meta,
    ...(decides ? { decides: [...decides].sort() } : {}),
    ...(assignedAs !== undefined && assignedAs !== review.reviewerId ? { assignedAs } : {}),
    ...(review.qaOverrides?.length ? { qaOverrides: review.qaOverrides.map((o) => ({ ...o })) } : {}),
  };
}

/** An item nobody has given a verdict on; work in progress of the current reviewer (comment, time) is kept. */
function pendingRecord(item: Item, schema: TaskSchema, batchId: string, reviewer: ResultSource['reviewer'], mine: Review | undefined): ResultRecord {
  const part = itemPart(item, schema);
  return {
    id: part.id,
    batch: batchId,
    reviewer: reviewer?.id ?? null,
    reviewerName: reviewer?.name ?? null,
    status: 'pending',
    output: part.output,
    correction: null,
    comment: mine?.comment ?? '',
    reason: mine?.reason ?? null,
    reviewedAt: null,
    timeSpentMs: mine?.timeSpentMs ?? 0,
    effort: {},
    model: part.model,
    confidence: part.confidence,
    rationale: part.rationale,
    context: part.context,
    meta: part.meta,
  };
}

/**
 * The results of a batch as data (BRIEF 3.3): one record per item and reviewer with a verdict, in item
 * order then by reviewer id. A review still pending — even one holding edits — is no verdict.
 */
export function resultRecords(source: ResultSource): ResultRecord[] {
  const { batch, schema } = source;
  const byItem = new Map<string, Review[]>();
  for (const review of source.reviews) {
    if (review.batchId !== batch.id) continue;
    const list = byItem.get(review.itemId);
    if (list) list.push(review);
    else byItem.set(review.itemId, [review]);
  }
  const items = [...source.items].filter((i) => i.batchId === batch.id).sort((a, b) => a.seq - b.seq);
  const decided = new Map<string, readonly string[]>();
  for (const d of source.decisions ?? []) decided.set(`${d.itemId}\u0000${d.reviewerId}`, d.decides);
  const records: ResultRecord[] = [];
  for (const item of items) {
    const reviews = byItem.get(item.id) ?? [];
    const verdicts = reviews.filter((r) => r.status !== 'pending').sort((a, b) => (a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0));
    for (const review of verdicts) records.push(verdictRecord(item, review, schema, batch.id, decided.get(`${item.id}\u0000${review.reviewerId}`), source.assignedAs?.get(review.reviewerId)));
    if (verdicts.length === 0 && source.all) {
      const mine = source.reviewer ? reviews.find((r) => r.reviewerId === source.reviewer?.id) : undefined;
      records.push(pendingRecord(item, schema, batch.id, source.reviewer, mine));
    }
  }
  return records;
}
