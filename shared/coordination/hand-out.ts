import type { EncryptionPublicKey } from '../batch-file';
import type { Batch, Item } from '../domain';
import type { Assignment, SplitReviewer } from './split';

/** What a `.loupe` handed out holds besides its schema, attachments and security: `writeBatchFile` takes it as is. */
export interface HandOutBatch {
  batch: Batch;
  items: Item[];
  reviewers: SplitReviewer[];
  instructions?: string;
  /** The coordinator's public encryption key, to which the reviewers' results are encrypted (manifest `returnTo`). */
  returnTo?: EncryptionPublicKey;
}

export interface HandOutOptions {
  /** The coordinator's public encryption key: results come back encrypted to it. */
  returnTo?: EncryptionPublicKey | undefined;
}

/**
 * A batch file's parts for `items` of `batch`: the batch's id and revision kept, its `itemCount` the
 * items given, the items in order numbered from 0 (a file's `seq` is its position, and the reviewer's
 * app shows positions by it), `reviewers` named in the manifest, the batch's instructions, and the key
 * results are to be encrypted to (`returnTo`) when the coordinator has one.
 */
export function handOutBatch(batch: Batch, items: readonly Item[], reviewers: readonly SplitReviewer[], options: HandOutOptions = {}): HandOutBatch {
  return {
    batch: { ...batch, itemCount: items.length },
    items: items.map((item, seq) => (item.seq === seq ? item : { ...item, seq })),
    reviewers: reviewers.map((r) => ({ id: r.id, name: r.name })),
    ...(batch.instructions ? { instructions: batch.instructions } : {}),
    ...(options.returnTo ? { returnTo: options.returnTo } : {}),
  };
}

/**
 * One reviewer's file: only their items (the overlap included), in batch order, and themselves as the
 * manifest's reviewer. The batch keeps its id and revision, so that their results merge into the whole
 * batch by item id (mergeResults) without a revision warning; a machine that already holds the batch
 * refuses the reviewer's file as other content under the same revision rather than withdrawing the
 * items it lacks, as a higher revision would.
 */
export function reviewerBatch(batch: Batch, items: readonly Item[], assignment: Assignment, options: HandOutOptions = {}): HandOutBatch {
  const wanted = new Set(assignment.itemIds);
  return handOutBatch(batch, items.filter((i) => wanted.has(i.id)), [assignment.reviewer], options);
}

/** A reviewer's file name: `<stem>.<reviewer id as a file name>.loupe`, the stem being the batch's name or the whole batch file's. */
export function reviewerFileName(stem: string, reviewerId: string): string {
  return `${stem}.${reviewerFileStem(reviewerId)}.loupe`;
}

/**
 * A form of a reviewer id that is safe in a file name on every system: letters, digits, `.`, `_`, `-`
 * kept; anything else becomes `_`; never empty, never only dots.
 */
export function reviewerFileStem(reviewerId: string): string {
  const stem = reviewerId.normalize('NFC').replace(/[^\p{L}\p{N}._-]/gu, '_').slice(0, 80);
  return /^\.*$/.test(stem) ? `reviewer${stem.length > 0 ? '_' : ''}` : stem;
}
