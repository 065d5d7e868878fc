import { count } from './bytes';
import { containerBytes, guarded, openContainer, type ContainerSpec, type ReadOptions, type Signer, type Trust, type WriteSecurity } from './container';
import { BatchFileWriteError, fileError, refuse, type BatchFileError, type Speaker } from './errors';
import { formatAdvice, jsonLines, jsonlBytes, zodProblem } from './json';
import { resolveLimits, type Limits } from './limits';
import {
  BATCH_FORMAT,
  FORMAT_VERSION,
  MIN_LOUPE_VERSION,
  PART,
  RESULT_FORMAT,
  ResultEvent,
  ResultManifest,
  ResultReview,
  knownKeys,
  type ManifestReviewer,
} from './manifest';

export interface ResultFileInput extends WriteSecurity {
  batchId: string;
  revision: number;
  reviewer: ManifestReviewer;
  /**
   * The reviewer the batch file was handed out to, when it named exactly one (manifest `assignedAs`).
   * The reviews and events stay `reviewer`'s: this only says which of the coordinator's reviewers they are.
   */
  assignedAs?: ManifestReviewer;
  /** The reviewer's current reviews of the batch's items (one per item at most). */
  reviews: readonly ResultReview[];
  /** Every event of the reviewer on the batch, in the order they were made. */
  events: readonly ResultEvent[];
  /** When the file is written (ISO 8601); left out, the file records no time and stays reproducible. */
  createdAt?: string;
  unknownFields?: Readonly<Record<string, unknown>>;
  limits?: Partial<Limits>;
}

export interface ResultFileContents {
  ok: true;
  manifest: ResultManifest;
  batchId: string;
  revision: number;
  reviewer: ManifestReviewer;
  /** The reviewer the batch file was handed out to, when the file says (manifest `assignedAs`). */
  assignedAs?: ManifestReviewer;
  reviews: ResultReview[];
  events: ResultEvent[];
  trust: Trust;
  signer?: Signer;
  unknownFields?: Record<string, unknown>;
  unknownParts?: string[];
  encrypted: boolean;
}

export type ReadResultFileResult = ResultFileContents | { ok: false; error: BatchFileError };

const MANIFEST_KEYS = knownKeys(ResultManifest);

function speaker(opts: { fileName?: string }): Speaker {
  return { file: opts.fileName ?? 'results file', sender: 'the reviewer' };
}

const RESULT_SPEC: ContainerSpec<ResultManifest> = {
  content: 'result',
  format: RESULT_FORMAT,
  kindWords: 'results (.loupe-result)',
  otherFormat: BATCH_FORMAT,
  otherKindWords: 'a batch (.loupe)',
  manifest: ResultManifest,
  knownParts: [PART.reviews, PART.events],
  requiredParts: [PART.reviews, PART.events],
};

/** Why a review or event does not belong in this file, or null. */
function ownerProblem(what: string, x: { batchId: string; reviewerId: string }, batchId: string, reviewerId: string): string | null {
  if (x.batchId !== batchId) return `${what} is for batch ${JSON.stringify(x.batchId)}, not ${JSON.stringify(batchId)}`;
  if (x.reviewerId !== reviewerId) return `${what} is by reviewer ${JSON.stringify(x.reviewerId)}, not ${JSON.stringify(reviewerId)}`;
  return null;
}

/** Reads a `.loupe-result` file without trusting it; never throws (see readBatchFile). */
export async function readResultFile(bytes: Uint8Array, opts: ReadOptions): Promise<ReadResultFileResult> {
  const s = speaker(opts);
  return guarded(s, async () => {
    const opened = await openContainer(bytes, RESULT_SPEC, opts, s);
    const { manifest, parts } = opened;
    const batchId = manifest.batch.id;
    const reviewerId = manifest.reviewer.id;

    const events: ResultEvent[] = [];
    const eventLines = new Map<string, number>();
    for (const { line, value } of jsonLines(parts.get(PART.events)!, PART.events, s)) {
      const at = { part: PART.events, line };
      const parsed = ResultEvent.safeParse(value);
      if (!parsed.success) refuse(fileError(s, 'schema', `${PART.events} line ${line}: ${zodProblem(parsed.error)}`, formatAdvice(s), at));
      const event = parsed.data!;
      const problem = ownerProblem('the event', event, batchId, reviewerId);
      if (problem) refuse(fileError(s, 'schema', `${PART.events} line ${line}: ${problem}`, formatAdvice(s), at));
      const first = eventLines.get(event.id);
      if (first !== undefined) refuse(fileError(s, 'duplicate-id', `${PART.events} lines ${first} and ${line} both have the id ${JSON.stringify(event.id)}`, formatAdvice(s), at));
      eventLines.set(event.id, line);
      events.push(event);
    }

    const reviews: ResultReview[] = [];
    const reviewLines = new Map<string, number>();
    for (const { line, value } of jsonLines(parts.get(PART.reviews)!, PART.reviews, s)) {
      const at = { part: PART.reviews, line };
      const parsed = ResultReview.safeParse(value);
      if (!parsed.success) refuse(fileError(s, 'schema', `${PART.reviews} line ${line}: ${zodProblem(parsed.error)}`, formatAdvice(s), at));
      const review = parsed.data!;
      const problem = ownerProblem('the review', review, batchId, reviewerId);
      if (problem) refuse(fileError(s, 'schema', `${PART.reviews} line ${line}: ${problem}`, formatAdvice(s), at));
      const first = reviewLines.get(review.itemId);
      if (first !== undefined) refuse(fileError(s, 'duplicate-id', `${PART.reviews} lines ${first} and ${line} are both reviews of the item ${JSON.stringify(review.itemId)}`, formatAdvice(s), at));
      reviewLines.set(review.itemId, line);
      reviews.push(review);
    }
    if (manifest.counts.events !== events.length || manifest.counts.reviews !== reviews.length) {
      refuse(
        fileError(
          s,
          'schema',
          `${PART.manifest} says the file has ${count(manifest.counts.reviews)} reviews and ${count(manifest.counts.events)} events, but it holds ${count(reviews.length)} and ${count(events.length)}`,
          formatAdvice(s),
          { part: PART.manifest },
        ),
      );
    }
    const result: ResultFileContents = {
      ok: true,
      manifest,
      batchId,
      revision: manifest.batch.revision,
      reviewer: manifest.reviewer,
      ...(manifest.assignedAs ? { assignedAs: manifest.assignedAs } : {}),
      reviews,
      events,
      trust: opened.trust,
      encrypted: opened.encrypted,
      ...(opened.signer ? { signer: opened.signer } : {}),
      ...(opened.unknownFields ? { unknownFields: opened.unknownFields } : {}),
      ...(opened.unknownParts.length > 0 ? { unknownParts: opened.unknownParts } : {}),
    };
    return result;
  });
}

function invalid(what: string): never {
  throw new BatchFileWriteError(`cannot write the results: ${what}`);
}

/** Writes a `.loupe-result` file: deterministic like writeBatchFile; bad input throws BatchFileWriteError. */
export async function writeResultFile(input: ResultFileInput): Promise<Uint8Array> {
  const limits = resolveLimits(input.limits);
  const events: ResultEvent[] = [];
  const eventIds = new Set<string>();
  input.events.forEach((e, i) => {
    const parsed = ResultEvent.safeParse(e);
    if (!parsed.success) invalid(`event ${i + 1}: ${zodProblem(parsed.error)}`);
    const problem = ownerProblem(`event ${i + 1}`, e, input.batchId, input.reviewer.id);
    if (problem) invalid(problem);
    if (eventIds.has(e.id)) invalid(`two events have the id ${JSON.stringify(e.id)}`);
    eventIds.add(e.id);
    events.push(parsed.data);
  });
  const reviews: ResultReview[] = [];
  const itemIds = new Set<string>();
  input.reviews.forEach((r, i) => {
    const parsed = ResultReview.safeParse(r);
    if (!parsed.success) invalid(`review ${i + 1}: ${zodProblem(parsed.error)}`);
    const problem = ownerProblem(`review ${i + 1}`, r, input.batchId, input.reviewer.id);
    if (problem) invalid(problem);
    if (itemIds.has(r.itemId)) invalid(`two reviews are of the item ${JSON.stringify(r.itemId)}`);
    itemIds.add(r.itemId);
    reviews.push(parsed.data);
  });
  for (const key of Object.keys(input.unknownFields ?? {})) {
    if (MANIFEST_KEYS.has(key)) invalid(`unknownFields has "${key}", which is a field the format knows`);
  }
  const manifest = {
    ...(input.unknownFields ?? {}),
    format: RESULT_FORMAT,
    formatVersion: FORMAT_VERSION,
    minLoupeVersion: MIN_LOUPE_VERSION,
    batch: { id: input.batchId, revision: input.revision },
    reviewer: { id: input.reviewer.id, name: input.reviewer.name },
    ...(input.assignedAs ? { assignedAs: { id: input.assignedAs.id, name: input.assignedAs.name } } : {}),
    ...(input.createdAt === undefined ? {} : { createdAt: input.createdAt }),
    counts: { reviews: reviews.length, events: events.length },
  };
  const check = ResultManifest.safeParse({ ...manifest, parts: [] });
  if (!check.success) invalid(`manifest: ${zodProblem(check.error)}`);
  const listed = [
    { path: PART.reviews, data: jsonlBytes(reviews) },
    { path: PART.events, data: jsonlBytes(events) },
  ];
  return containerBytes(manifest, listed, [], input, 'result', limits);
}
