import type { Batch, Item, TaskSchema } from '../../shared/domain';
import type { Review } from '../../shared/review';
import { findMatches, hasMatch, searchText, segmentFields, type Matcher, type Range, type SegmentCodes, type SegmentFields } from '../../shared/search';
import { XliffItemMeta } from '../../shared/xliff';
import type { LoupeDatabase, ReviewKey } from './database';

/** Reviews read per step while the index is built: between steps the panel paints the progress. */
const PAGE = 2_000;
/** Entries searched between two pauses, so that typing stays smooth over 100,000 of them. */
const SCAN_STEP = 10_000;

/** A confirmed segment: what one reviewer accepted or corrected, in any batch on this machine. */
export interface ConcordanceEntry {
  batchId: string;
  batchName: string;
  itemId: string;
  reviewerName: string;
  reviewedAt: string | null;
  source: string;
  /** The final target: the reviewer's accepted or corrected text. */
  target: string;
  /** The texts as searched: without their inline codes (the same strings when they hold none). */
  sourcePlain: string;
  targetPlain: string;
  /** What the placeholders of the texts stand for, to take the target into another segment. */
  codes: SegmentCodes;
  /** The codes' labels by number, for showing them. */
  codeLabels: Readonly<Record<number, string>>;
  sourceLang: string | undefined;
  targetLang: string | undefined;
}

interface Index {
  entries: Map<string, ConcordanceEntry>;
  /** Most recently confirmed first: the order hits are shown in. */
  sorted: ConcordanceEntry[];
  /** The last event the index has seen: later ones name the reviews to read again. */
  lastEvent: number;
  /** Batches, revisions and names: a new revision refolds reviews without events, so any change rebuilds. */
  batches: string;
}

export type ConcordanceProgress = (read: number, total: number) => void;

const keyOf = (batchId: string, itemId: string, reviewerId: string) => `${batchId}\u0000${itemId}\u0000${reviewerId}`;
const batchesKey = (batches: readonly Batch[]) =>
  batches
    .map((b) => `${b.id}\u0000${b.revision}\u0000${b.name}\u0000${b.schemaId}`)
    .sort()
    .join('\u0001');
const confirmed = (r: Review) => r.status === 'accepted' || r.status === 'corrected';

interface BatchInfo {
  batch: Batch;
  schema: TaskSchema;
  fields: SegmentFields;
}

async function batchInfos(db: LoupeDatabase, batches: readonly Batch[]): Promise<Map<string, BatchInfo>> {
  const schemas = await db.schemas.bulkGet(batches.map((b) => b.schemaId));
  const infos = new Map<string, BatchInfo>();
  batches.forEach((batch, i) => {
    const schema = schemas[i]?.schema;
    const fields = schema ? segmentFields(schema) : null;
    if (schema && fields) infos.set(batch.id, { batch, schema, fields });
  });
  return infos;
}

function entryOf(info: BatchInfo, item: Item, review: Review): ConcordanceEntry | null {
  const target = review.values[info.fields.target];
  const source = info.fields.source === null ? '' : item.context[info.fields.source];
  if (typeof target !== 'string' || target === '') return null;
  const meta = XliffItemMeta.safeParse(item.meta?.xliff);
  const coded = item.meta?.xliff !== undefined;
  const sourceText = typeof source === 'string' ? source : '';
  const lang = (name: string | null, role: 'fields' | 'context') => (name === null ? undefined : info.schema[role].find((f) => f.name === name)?.lang);
  return {
    batchId: info.batch.id,
    batchName: info.batch.name,
    itemId: item.id,
    reviewerName: review.reviewerName,
    reviewedAt: review.reviewedAt,
    source: sourceText,
    target,
    sourcePlain: searchText(sourceText, coded, 'skip').plain,
    targetPlain: searchText(target, coded, 'skip').plain,
    codes: { coded, codes: meta.success ? meta.data.codes : [] },
    codeLabels: meta.success ? Object.fromEntries(meta.data.codes.map((c) => [c.n, c.label])) : {},
    sourceLang: (meta.success ? meta.data.sourceLang : null) ?? lang(info.fields.source, 'context'),
    targetLang: (meta.success ? meta.data.targetLang : null) ?? lang(info.fields.target, 'fields'),
  };
}

/** Puts the entries of `reviews` (confirmed ones in, others out) into `entries`. */
async function take(db: LoupeDatabase, infos: Map<string, BatchInfo>, entries: Map<string, ConcordanceEntry>, reviews: readonly Review[]): Promise<void> {
  const wanted = reviews.filter((r) => infos.has(r.batchId));
  const items = await db.items.bulkGet(wanted.map((r): [string, string] => [r.batchId, r.itemId]));
  wanted.forEach((review, i) => {
    const item = items[i];
    const info = infos.get(review.batchId);
    const key = keyOf(review.batchId, review.itemId, review.reviewerId);
    const entry = item && info && confirmed(review) ? entryOf(info, item, review) : null;
    if (entry) entries.set(key, entry);
    else entries.delete(key);
  });
}

function sortEntries(entries: Map<string, ConcordanceEntry>): ConcordanceEntry[] {
  return [...entries.values()].sort((a, b) => (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? '') || a.batchName.localeCompare(b.batchName) || a.itemId.localeCompare(b.itemId));
}

async function lastEventSeq(db: LoupeDatabase): Promise<number> {
  const [last] = await db.events.orderBy(':id').reverse().limit(1).primaryKeys();
  return last ?? 0;
}

/** Reads every review once, a page at a time: one pass, whatever the number of batches. */
async function build(db: LoupeDatabase, onProgress?: ConcordanceProgress): Promise<Index> {
  // Taken first: an event stored while the reviews are read is read again at the next refresh.
  const lastEvent = await lastEventSeq(db);
  const batches = await db.batches.toArray();
  const infos = await batchInfos(db, batches);
  const total = await db.reviews.count();
  const entries = new Map<string, ConcordanceEntry>();
  let read = 0;
  let after: ReviewKey | null = null;
  for (;;) {
    const page: Review[] = await (after === null ? db.reviews.orderBy(':id') : db.reviews.where(':id').above(after)).limit(PAGE).toArray();
    await take(db, infos, entries, page);
    read += page.length;
    onProgress?.(read, total);
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    after = [last.batchId, last.itemId, last.reviewerId];
  }
  return { entries, sorted: sortEntries(entries), lastEvent, batches: batchesKey(batches) };
}

/** Brings an index up to date: only the reviews that events since it was made name are read again. */
async function refresh(db: LoupeDatabase, index: Index, onProgress?: ConcordanceProgress): Promise<Index> {
  const lastEvent = await lastEventSeq(db);
  const batches = await db.batches.toArray();
  if (batchesKey(batches) !== index.batches) return build(db, onProgress);
  if (lastEvent === index.lastEvent) return index;
  const events = await db.events.where(':id').above(index.lastEvent).toArray();
  const touched = [...new Map(events.map((e): [string, ReviewKey] => [keyOf(e.batchId, e.itemId, e.reviewerId), [e.batchId, e.itemId, e.reviewerId]]))];
  const reviews = await db.reviews.bulkGet(touched.map(([, key]) => key));
  const entries = new Map(index.entries);
  // A review that is gone (none is ever deleted today) leaves the index too.
  touched.forEach(([key], i) => {
    if (!reviews[i]) entries.delete(key);
  });
  await take(db, await batchInfos(db, batches), entries, reviews.filter((r): r is Review => r !== undefined));
  return { entries, sorted: sortEntries(entries), lastEvent, batches: index.batches };
}

const indexes = new WeakMap<LoupeDatabase, Promise<Index>>();

/**
 * The concordance of this machine: every confirmed segment of every batch. It is built once (one pass over the
 * reviews, with progress) and kept while the app runs; later calls read only the reviews that changed since.
 */
export function concordanceIndex(db: LoupeDatabase, onProgress?: ConcordanceProgress): Promise<ConcordanceIndex> {
  const previous = indexes.get(db);
  const next = previous ? previous.then((index) => refresh(db, index, onProgress)).catch(() => build(db, onProgress)) : build(db, onProgress);
  indexes.set(db, next);
  return next.then((index) => ({ size: index.sorted.length, entries: index.sorted }));
}

/** The concordance at one moment: its entries, most recently confirmed first. */
export interface ConcordanceIndex {
  size: number;
  entries: readonly ConcordanceEntry[];
}

/** A found segment, with where the query is in its source and target (ranges of the raw texts). */
export interface ConcordanceHit {
  entry: ConcordanceEntry;
  source: Range[];
  target: Range[];
  /** Other confirmed segments with this very source and target, not listed again. */
  repeats: number;
}

export interface ConcordanceResult {
  hits: ConcordanceHit[];
  /** Distinct segments found, of which `hits` are the first `limit`. */
  total: number;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The segments whose source or target holds a match, most recent first, the same source and target once.
 * The scan pauses every SCAN_STEP entries (so typing stays smooth) and stops when `isCurrent` says a newer
 * query has come (null then).
 */
export async function searchConcordance(index: ConcordanceIndex, matcher: Matcher, limit: number, isCurrent: () => boolean = () => true): Promise<ConcordanceResult | null> {
  const hits: ConcordanceHit[] = [];
  const seen = new Map<string, ConcordanceHit | null>();
  let total = 0;
  for (let i = 0; i < index.entries.length; i += 1) {
    if (i > 0 && i % SCAN_STEP === 0) {
      await pause();
      if (!isCurrent()) return null;
    }
    const entry = index.entries[i] as ConcordanceEntry;
    if (!hasMatch(entry.sourcePlain, matcher) && !hasMatch(entry.targetPlain, matcher)) continue;
    const same = `${entry.source}\u0000${entry.target}`;
    if (seen.has(same)) {
      const first = seen.get(same);
      if (first) first.repeats += 1;
      continue;
    }
    total += 1;
    if (hits.length >= limit) {
      seen.set(same, null);
      continue;
    }
    const ranges = (raw: string) => findMatches(searchText(raw, entry.codes.coded, 'skip'), matcher).map(({ start, end }) => ({ start, end }));
    const hit: ConcordanceHit = { entry, source: ranges(entry.source), target: ranges(entry.target), repeats: 0 };
    seen.set(same, hit);
    hits.push(hit);
  }
  return { hits, total };
}
