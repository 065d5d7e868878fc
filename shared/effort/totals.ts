import type { Item, TaskSchema } from '../domain';
import type { Review } from '../review';
import { effortText, textFieldsEffort } from './field-effort';
import { wordCounts, type SegmentWords, type WordTotals } from './repetitions';
import { sourceFields, sourceTexts } from './source';
import { tokenize } from './tokenize';

/** A batch's source word counts, with each item's by its id. */
export interface SourceCounts extends WordTotals {
  byItem: ReadonlyMap<string, SegmentWords>;
}

/** Source word counts of a batch's items (`wordCounts` on the schema's source), repetitions in batch order. */
export function sourceCounts(schema: TaskSchema, items: Iterable<Pick<Item, 'id' | 'seq' | 'context' | 'output'>>): SourceCounts {
  const ordered = [...items].sort((a, b) => a.seq - b.seq);
  const fields = sourceFields(schema);
  const { perSegment, ...totals } = wordCounts(ordered.map((item) => sourceTexts(fields, item)));
  return { ...totals, byItem: new Map(ordered.map((item, i) => [item.id, perSegment[i] as SegmentWords])) };
}

/** The work in a set of verdicts. */
export interface EffortTotals {
  /** Verdicts: one per item and reviewer. */
  items: number;
  /** Source words of those items: newWords + repetitionWords. */
  words: number;
  newWords: number;
  repetitionWords: number;
  charEdits: number;
  /** HTER of the text fields, their mean weighted by the words of the final text; null with no such words. */
  hter: number | null;
  /** Active time on those items. */
  timeSpentMs: number;
  /** Source words per hour of that time; null when no time was recorded. */
  wordsPerHour: number | null;
}

export interface ReviewerEffort extends EffortTotals {
  reviewerId: string;
  reviewerName: string;
}

export interface EffortSummary {
  /** Every verdict given, of all reviewers. */
  total: EffortTotals;
  /** One entry per reviewer with a verdict, by reviewer id. */
  reviewers: ReviewerEffort[];
}

export interface EffortInput {
  schema: TaskSchema;
  /** `sourceCounts` of the whole batch, so that repetitions are those of the batch. */
  source: SourceCounts;
  /** The batch's items, or at least those the reviews are on. */
  items: Iterable<Pick<Item, 'id' | 'output'>>;
  reviews: Iterable<Pick<Review, 'itemId' | 'reviewerId' | 'reviewerName' | 'status' | 'values' | 'timeSpentMs'>>;
}

interface Sum {
  items: number;
  newWords: number;
  repetitionWords: number;
  charEdits: number;
  /** Σ hter × weight, and Σ weight. */
  hterWeighted: number;
  hterWords: number;
  timeSpentMs: number;
}

const emptySum = (): Sum => ({ items: 0, newWords: 0, repetitionWords: 0, charEdits: 0, hterWeighted: 0, hterWords: 0, timeSpentMs: 0 });

function add(to: Sum, part: Sum): void {
  to.items += part.items;
  to.newWords += part.newWords;
  to.repetitionWords += part.repetitionWords;
  to.charEdits += part.charEdits;
  to.hterWeighted += part.hterWeighted;
  to.hterWords += part.hterWords;
  to.timeSpentMs += part.timeSpentMs;
}

function totalsOf(sum: Sum): EffortTotals {
  const words = sum.newWords + sum.repetitionWords;
  return {
    items: sum.items,
    words,
    newWords: sum.newWords,
    repetitionWords: sum.repetitionWords,
    charEdits: sum.charEdits,
    hter: sum.hterWords > 0 ? sum.hterWeighted / sum.hterWords : null,
    timeSpentMs: sum.timeSpentMs,
    wordsPerHour: sum.timeSpentMs > 0 ? words / (sum.timeSpentMs / 3_600_000) : null,
  };
}

/**
 * Effort per reviewer and in all, over verdicts (pending reviews are no work done yet): items, their source
 * words, character edits, HTER weighted by final-text words as tercom's corpus TER divides by reference
 * words, active time and words per hour. See docs/effort.md, "Totals in the app".
 */
export function effortTotals({ schema, source, items, reviews }: EffortInput): EffortSummary {
  const outputs = new Map<string, Item['output']>();
  for (const item of items) outputs.set(item.id, item.output);
  const total = emptySum();
  const byReviewer = new Map<string, { name: string; sum: Sum }>();
  for (const review of reviews) {
    const output = outputs.get(review.itemId);
    const words = source.byItem.get(review.itemId);
    if (review.status === 'pending' || !output || !words) continue;
    // As in the results export: an accepted item keeps the AI output, any other verdict the reviewer's values.
    const final = review.status === 'accepted' ? output : review.values;
    const part: Sum = { ...emptySum(), items: 1, timeSpentMs: review.timeSpentMs };
    if (words.repetition) part.repetitionWords = words.words;
    else part.newWords = words.words;
    for (const [name, effort] of Object.entries(textFieldsEffort(schema.fields, output, final))) {
      // TER's reference words: the final text's, counted as `ter` counts them.
      const weight = tokenize(effortText(final[name])).length;
      part.charEdits += effort.charEdits;
      part.hterWeighted += effort.hter * weight;
      part.hterWords += weight;
    }
    add(total, part);
    const entry = byReviewer.get(review.reviewerId) ?? { name: review.reviewerName, sum: emptySum() };
    add(entry.sum, part);
    byReviewer.set(review.reviewerId, entry);
  }
  const reviewers = [...byReviewer]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reviewerId, { name, sum }]) => ({ reviewerId, reviewerName: name, ...totalsOf(sum) }));
  return { total: totalsOf(total), reviewers };
}
