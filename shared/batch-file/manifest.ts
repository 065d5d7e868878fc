import { z } from 'zod';
import { Batch, Item, ReviewEvent, TaskSchema } from '../domain';
import { Review } from '../review';
import { isEncryptionPublicKey } from './keys';

/**
 * The JSON parts of `.loupe` and `.loupe-result` files, as zod schemas; their types are `z.infer` of
 * these, and docs/schemas/ holds the JSON Schemas generated from them (json-schemas.ts).
 */

/** The format this Loupe writes. A file of the same major version and any minor version opens. */
export const FORMAT_MAJOR = 1;
export const FORMAT_MINOR = 0;
export const FORMAT_VERSION = `${FORMAT_MAJOR}.${FORMAT_MINOR}`;
/** The first Loupe release that reads format 1.0; written into every manifest as `minLoupeVersion`. */
export const MIN_LOUPE_VERSION = '0.1.0';

export const BATCH_FORMAT = 'loupe-batch';
export const RESULT_FORMAT = 'loupe-result';
/** The media types of the two files, as the desktop registers them (build/electron-builder.yml). */
export const BATCH_MEDIA_TYPE = 'application/vnd.loupe.batch+zip';
export const RESULT_MEDIA_TYPE = 'application/vnd.loupe.result+zip';

/** Fixed part names. */
export const PART = {
  manifest: 'manifest.json',
  signature: 'signature.json',
  items: 'items.jsonl',
  attachmentIndex: 'attachments.jsonl',
  attachmentsFolder: 'attachments/',
  reviews: 'reviews.jsonl',
  events: 'events.jsonl',
} as const;

const FormatVersion = z
  .string()
  .regex(/^\d{1,6}\.\d{1,6}$/u, 'must be "major.minor", such as "1.0"')
  .describe('The format version as "major.minor". A reader opens every minor version of the majors it knows.');
const MinLoupeVersion = z.string().min(1).max(40).describe('The oldest Loupe release that reads this file; named in the message of a Loupe too old to read it.');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/u, 'must be 64 lowercase hex digits').describe('SHA-256 of the uncompressed bytes, lowercase hex.');

/** One part of the file with the size and digest of its uncompressed bytes. */
export const PartDigest = z
  .object({
    path: z.string().min(1).max(512).describe('The zip entry name.'),
    size: z.number().int().nonnegative().describe('Uncompressed size in bytes.'),
    sha256: Sha256,
  })
  .strict();
export type PartDigest = z.infer<typeof PartDigest>;

export const ManifestReviewer = z.object({ id: z.string().min(1), name: z.string() }).strict();
export type ManifestReviewer = z.infer<typeof ManifestReviewer>;

/**
 * The coordinator's X25519 public encryption key, to which a reviewer's Loupe encrypts the results of the
 * batch. The pattern is what a JSON Schema can say; the refinement also decodes the key.
 */
export const ReturnTo = z
  .string()
  .regex(/^loupe-x25519:[A-Za-z0-9_-]{43}$/u, 'must be an X25519 public key such as "loupe-x25519:…"')
  .refine((v) => isEncryptionPublicKey(v), 'must be an X25519 public key such as "loupe-x25519:…"')
  .describe(
    'Optional: the coordinator\'s X25519 public encryption key ("loupe-x25519:…"). Results of this batch are encrypted to it, so that only the coordinator can open them. Absent: results travel unencrypted.',
  );

export const BatchManifest = z
  .object({
    format: z.literal(BATCH_FORMAT),
    formatVersion: FormatVersion,
    minLoupeVersion: MinLoupeVersion,
    batch: Batch.describe('The batch as Loupe stores it; `itemCount` equals `counts.items`.'),
    schema: TaskSchema.describe('The task schema of every item (docs/schema-format.md).'),
    instructions: z.string().max(1_000_000).optional().describe('What the coordinator asks of the reviewers of this batch.'),
    reviewers: z.array(ManifestReviewer).describe('The reviewers this batch is meant for; may be empty.'),
    returnTo: ReturnTo.optional(),
    counts: z.object({ items: z.number().int().nonnegative(), attachments: z.number().int().nonnegative() }).strict(),
    parts: z.array(PartDigest).describe('Every part except manifest.json and signature.json; attachments are listed in attachments.jsonl, which is listed here.'),
  })
  .loose()
  .describe('manifest.json of a .loupe batch file (docs/batch-format.md). Unknown top-level fields are kept.');
export type BatchManifest = z.infer<typeof BatchManifest>;

/** One line of `items.jsonl`: an item without its `batchId` (it is the manifest's). Unknown keys are kept. */
export const ItemLine = Item.omit({ batchId: true }).loose().describe('One line of items.jsonl: an item of the batch (its batchId is the manifest\'s batch.id).');
export type ItemLine = z.infer<typeof ItemLine>;

/** One line of `attachments.jsonl`: an attachment, stored as `attachments/<path>`. */
export const AttachmentLine = z
  .object({
    path: z.string().min(1).max(512).describe('How items refer to it (an image context value); stored as attachments/<path>.'),
    size: z.number().int().nonnegative(),
    sha256: Sha256,
  })
  .strict()
  .describe('One line of attachments.jsonl.');
export type AttachmentLine = z.infer<typeof AttachmentLine>;

export const ResultManifest = z
  .object({
    format: z.literal(RESULT_FORMAT),
    formatVersion: FormatVersion,
    minLoupeVersion: MinLoupeVersion,
    batch: z.object({ id: z.string().min(1), revision: z.number().int().positive() }).strict().describe('The batch these results are for.'),
    reviewer: ManifestReviewer.describe('Whose results these are; every review and event is theirs.'),
    assignedAs: ManifestReviewer.optional().describe(
      'The reviewer the batch file was handed out to, when its manifest named exactly one: the id the coordinator gave, which `reviewer` (the local profile that did the work) is matched to on the desk. Absent when the batch file named none or several.',
    ),
    createdAt: z.string().optional().describe('When the file was written (ISO 8601), if the writer said.'),
    counts: z.object({ reviews: z.number().int().nonnegative(), events: z.number().int().nonnegative() }).strict(),
    parts: z.array(PartDigest).describe('Every part except manifest.json and signature.json.'),
  })
  .loose()
  .describe('manifest.json of a .loupe-result file (docs/batch-format.md). Unknown top-level fields are kept.');
export type ResultManifest = z.infer<typeof ResultManifest>;

/**
 * One line of `events.jsonl`: a review event, optionally with `seen` — the ids of other reviewers'
 * events that were on screen when it was made (adjudication), which makes it "made after seeing" them.
 */
export const ResultEvent = ReviewEvent.loose()
  .describe('One line of events.jsonl: a committed change (BRIEF 1), in the order it was made.');
export type ResultEvent = z.infer<typeof ResultEvent>;

/** One line of `reviews.jsonl`: the reviewer's current verdict on an item (the fold of their events). */
export const ResultReview = Review.loose().describe("One line of reviews.jsonl: the reviewer's current review of one item.");
export type ResultReview = z.infer<typeof ResultReview>;

/** `signature.json`: an Ed25519 signature of the exact bytes of manifest.json. */
export const SignatureFile = z
  .object({
    algorithm: z.literal('ed25519'),
    signs: z.literal(PART.manifest).describe('The part signed: always manifest.json, byte for byte.'),
    publicKey: z.string().regex(/^loupe-ed25519:[A-Za-z0-9_-]{43}$/u).describe('The signer\'s public key in Loupe\'s text form.'),
    signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/u).describe('The 64-byte signature, base64url without padding.'),
  })
  .loose()
  .describe('signature.json of a .loupe or .loupe-result file.');
export type SignatureFile = z.infer<typeof SignatureFile>;

/** The part of a manifest read before anything else, to tell its kind and version. */
export const ManifestHead = z.object({ format: z.string(), formatVersion: z.string().optional(), minLoupeVersion: z.unknown().optional() });

export function knownKeys(schema: z.ZodObject): Set<string> {
  return new Set(Object.keys(schema.shape));
}
