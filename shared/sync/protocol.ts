import { z } from 'zod';
import { Batch, ReviewStatus, TaskSchema } from '../domain';
import { ItemLine, ResultEvent } from '../batch-file/manifest';
import { Review } from '../review';

/**
 * The sync protocol, version 1 (docs/sync-protocol.md): every request and response body as a zod schema.
 * The server validates with these, the client will too, and GET /openapi.json is generated from them,
 * so a shape is written once.
 */

/** The protocol this code speaks. A change an older peer would misread takes a new number. */
export const PROTOCOL_VERSION = 1;
/** The oldest and newest protocol a server of this code accepts. */
export const PROTOCOL_RANGE = { min: 1, max: 1 } as const;
/** Every /v1 request names its protocol in this header; a missing or unsupported one is answered with 426. */
export const PROTOCOL_HEADER = 'loupe-protocol';

/** Most events one push may carry. */
export const MAX_PUSH_EVENTS = 1000;
export const DEFAULT_PAGE = 500;
export const MAX_PAGE = 1000;

/** A random id each installation makes once; its pushes are numbered 1, 2, 3… */
export const ClientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/u, 'a client id is 8 to 100 letters, digits, "-" or "_"')
  .describe('Stable id of one installation of Loupe (one device); its pushes are numbered from 1.');

export const Role = z.enum(['coordinator', 'reviewer']);
export type Role = z.infer<typeof Role>;

/** One error answer: what went wrong in words a person can act on, and a code for programs. */
export const ErrorBody = z
  .object({
    error: z.string().describe('A short code: "unauthorized", "forbidden", "invalid", "protocol", "conflict", "not-found", "too-large", "slow-down".'),
    message: z.string().describe('What went wrong and what to do about it.'),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('Each field that failed validation.'),
    expectedSeq: z.number().int().optional().describe('With a sequence gap: the push number the server expects next.'),
    supported: z.object({ min: z.number().int(), max: z.number().int() }).optional().describe('With 426: the protocol versions this server speaks.'),
  })
  .describe('Every error is answered with this body.');
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Health = z.object({ ok: z.literal(true), protocol: z.object({ min: z.number().int(), max: z.number().int() }), version: z.string() });
export type Health = z.infer<typeof Health>;

/** Who a token belongs to. */
export const Me = z.object({ tokenId: z.string(), role: Role, reviewerId: z.string(), name: z.string() });
export type Me = z.infer<typeof Me>;

// ---- tokens ---------------------------------------------------------------------------------------

export const IssueTokenRequest = z
  .object({
    role: Role.default('reviewer'),
    reviewerId: z.string().min(1).max(200).describe('The reviewer id the token acts as: the id batches assign work to, and every event pushed with it must carry.'),
    name: z.string().min(1).max(200).describe('Whose token it is, for people.'),
  })
  .strict();
export type IssueTokenRequest = z.input<typeof IssueTokenRequest>;

export const TokenInfo = z.object({
  id: z.string(),
  role: Role,
  reviewerId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

export const IssuedToken = TokenInfo.extend({ token: z.string().describe('The secret, shown this once: the server keeps only its SHA-256.') });
export type IssuedToken = z.infer<typeof IssuedToken>;

export const TokenList = z.object({ tokens: z.array(TokenInfo) });
export type TokenList = z.infer<typeof TokenList>;

export const TokenParams = z.object({ id: z.string().min(1).max(100) });

// ---- batches --------------------------------------------------------------------------------------

/** A reviewer a batch is for; without `itemIds` every item of the batch is theirs. */
export const BatchReviewer = z
  .object({
    id: z.string().min(1).max(200),
    name: z.string().max(200),
    itemIds: z.array(z.string().min(1)).optional().describe('The items this reviewer reviews (a split); all of them when absent.'),
  })
  .strict();
export type BatchReviewer = z.infer<typeof BatchReviewer>;

/** The parts a `.loupe` holds, as JSON: its manifest's batch, schema, instructions and reviewers, and its item lines. */
export const PublishBatchRequest = z
  .object({
    batch: Batch,
    schema: TaskSchema,
    instructions: z.string().max(1_000_000).optional(),
    reviewers: z.array(BatchReviewer).min(1, 'name at least one reviewer: a batch on the server is for someone'),
    items: z.array(ItemLine).min(1),
  })
  .strict()
  .describe("A batch to publish: the same parts as a .loupe file's manifest and items.jsonl (docs/batch-format.md).");
export type PublishBatchRequest = z.input<typeof PublishBatchRequest>;

export const PublishBatchResponse = z.object({
  batchId: z.string(),
  revision: z.number().int(),
  outcome: z.enum(['created', 'updated', 'unchanged']).describe('"unchanged": the same content was already published under this revision.'),
});
export type PublishBatchResponse = z.infer<typeof PublishBatchResponse>;

export const BatchParams = z.object({ id: z.string().min(1).max(200) });

export const BatchSummary = z.object({
  batch: Batch,
  reviewers: z.array(z.object({ id: z.string(), name: z.string(), itemCount: z.number().int() })),
  publishedAt: z.string(),
});
export type BatchSummary = z.infer<typeof BatchSummary>;

export const BatchList = z.object({ batches: z.array(BatchSummary) });
export type BatchList = z.infer<typeof BatchList>;

export const BatchDetail = BatchSummary.extend({ schema: TaskSchema, instructions: z.string().optional() });
export type BatchDetail = z.infer<typeof BatchDetail>;

export const ItemsQuery = z.object({
  after: z.coerce.number().int().min(-1).default(-1).describe('Items with a seq greater than this; -1 (the default) from the start.'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
});
export const ItemsPage = z.object({
  items: z.array(ItemLine).describe("The items, in batch order; a reviewer gets only theirs."),
  hasMore: z.boolean(),
});
export type ItemsPage = z.infer<typeof ItemsPage>;

export const ReviewerProgress = z.object({
  reviewerId: z.string(),
  name: z.string(),
  assigned: z.number().int().describe('Items assigned to the reviewer.'),
  counts: z.record(ReviewStatus, z.number().int()).describe('Items by the status of their latest event; pending = assigned minus the rest.'),
});
export const BatchProgress = z.object({ batchId: z.string(), reviewers: z.array(ReviewerProgress) });
export type BatchProgress = z.infer<typeof BatchProgress>;

export const ConflictInfo = z.object({
  itemId: z.string(),
  reviews: z.array(Review).describe('Every verdict involved, whole, as replayed from its events.'),
  pairs: z.array(z.object({ reviewers: z.tuple([z.string(), z.string()]), differs: z.array(z.enum(['status', 'values'])), fields: z.array(z.string()) })),
});
export const ConflictList = z.object({ batchId: z.string(), conflicts: z.array(ConflictInfo), settled: z.number().int().describe('Conflicts a coordinator has decided.') });
export type ConflictList = z.infer<typeof ConflictList>;

// ---- push and pull --------------------------------------------------------------------------------

export const PushRequest = z
  .object({
    clientId: ClientId,
    seq: z.number().int().min(1).describe("This client's push number: 1 for its first push, then one more each time; a repeat is acknowledged without effect."),
    events: z.array(ResultEvent).min(1).max(MAX_PUSH_EVENTS),
  })
  .strict();
export type PushRequest = z.input<typeof PushRequest>;

export const PushResponse = z.object({
  seq: z.number().int().describe('The push acknowledged.'),
  repeat: z.boolean().describe('True when this push had already taken effect: nothing changed now.'),
  accepted: z.number().int().describe('Events new to the server.'),
  duplicates: z.number().int().describe('Events the server already held with the same content (from another push, or a result file).'),
  clashes: z.array(z.string()).describe('Ids of events the server already held with other content: the first one kept, these need a look.'),
  receivedAt: z.string().describe('When the server took the push (its clock).'),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const ChangesQuery = z.object({
  cursor: z.string().max(200).optional().describe('Where the previous page ended; absent for everything from the start.'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
});

export const Change = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('batch'),
    batchId: z.string(),
    revision: z.number().int(),
    at: z.string().describe('When the server published it.'),
  }).describe('A batch was published or revised: fetch it with GET /v1/batches/{id} and its items.'),
  z.object({
    kind: z.literal('event'),
    event: ResultEvent,
    receivedAt: z.string().describe('When the server received the event (its clock, not the client\'s).'),
  }),
]);
export type Change = z.infer<typeof Change>;

export const ChangesPage = z.object({
  changes: z.array(Change),
  cursor: z.string().describe('Give this back to get what changed after this page; opaque.'),
  hasMore: z.boolean().describe('True when more changes are waiting now: ask again at once.'),
});
export type ChangesPage = z.infer<typeof ChangesPage>;
