import { z } from 'zod';
import {
  BatchDetail,
  BatchList,
  BatchParams,
  BatchProgress,
  ChangesPage,
  ChangesQuery,
  ConflictList,
  Health,
  IssuedToken,
  IssueTokenRequest,
  ItemsPage,
  ItemsQuery,
  Me,
  PROTOCOL_RANGE,
  PublishBatchRequest,
  PublishBatchResponse,
  PushRequest,
  PushResponse,
  TokenInfo,
  TokenList,
  TokenParams,
} from '../../shared/sync';
import { issueToken, listTokens, revokeToken, type Principal } from '../auth';
import type { Store } from '../store';
import { batchConflicts, batchItems, batchProgress, getBatch, listBatches, notFound, publishBatch, pullChanges, pushEvents } from '../sync';

/** Who may call a route: anyone, any valid token, or a coordinator's token. */
export type Access = 'public' | 'token' | 'coordinator';

export interface RouteContext<B, Q, P> {
  store: Store;
  /** Present on every route but the public ones. */
  principal: Principal;
  body: B;
  query: Q;
  params: P;
}

/**
 * One route, described once: its schemas validate the request (zod) and describe it in /openapi.json,
 * and the handler's types come from them.
 */
export interface Route<B = unknown, Q = unknown, P = unknown, R = unknown> {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  summary: string;
  access: Access;
  /** For coordinator routes: what only a coordinator may do, for the refusal of anyone else ("list tokens"). */
  action?: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  response: z.ZodType<R>;
  /** The status of a success; 200 unless said. */
  status?: number;
  /** Largest body accepted, in bytes, when not the server's default. */
  bodyLimit?: number;
  handle(ctx: RouteContext<B, Q, P>): Promise<R>;
}

function route<B = undefined, Q = undefined, P = undefined, R = unknown>(r: Route<B, Q, P, R>): Route {
  return r as unknown as Route;
}

/** A published batch may be large (100,000 items of text); every other body is small. */
export const BATCH_BODY_LIMIT = 256 * 1024 * 1024;

export function routes(version: string): readonly Route[] {
  return [
    route({
      method: 'GET',
      url: '/health',
      summary: 'Whether the server is up, and the protocol versions it speaks.',
      access: 'public',
      response: Health,
      handle: async ({ store }) => {
        await store.query('SELECT 1');
        return { ok: true as const, protocol: { ...PROTOCOL_RANGE }, version };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/me',
      summary: 'Who the token belongs to.',
      access: 'token',
      response: Me,
      handle: async ({ principal }) => ({ ...principal }),
    }),
    route({
      method: 'POST',
      url: '/v1/tokens',
      summary: 'Issue a token (coordinator). The secret is in this answer only.',
      access: 'coordinator',
      action: 'issue tokens',
      body: IssueTokenRequest,
      response: IssuedToken,
      status: 201,
      handle: ({ store, body }) => issueToken(store, body),
    }),
    route({
      method: 'GET',
      url: '/v1/tokens',
      summary: 'Every token, revoked ones included, without secrets (coordinator).',
      access: 'coordinator',
      action: 'list tokens',
      response: TokenList,
      handle: async ({ store }) => ({ tokens: await listTokens(store) }),
    }),
    route({
      method: 'DELETE',
      url: '/v1/tokens/:id',
      summary: 'Revoke a token (coordinator). Revoking again is fine.',
      access: 'coordinator',
      action: 'revoke tokens',
      params: TokenParams,
      response: TokenInfo,
      handle: async ({ store, params }) => {
        const revoked = await revokeToken(store, params.id);
        if (!revoked) throw notFound(`no token ${JSON.stringify(params.id)}; "GET /v1/tokens" lists them`);
        return revoked;
      },
    }),
    route({
      method: 'POST',
      url: '/v1/batches',
      summary: 'Publish a batch, or a newer revision of it (coordinator).',
      access: 'coordinator',
      action: 'publish batches',
      body: PublishBatchRequest,
      response: PublishBatchResponse,
      bodyLimit: BATCH_BODY_LIMIT,
      handle: ({ store, body }) => publishBatch(store, body),
    }),
    route({
      method: 'GET',
      url: '/v1/batches',
      summary: 'The batches this token may see: all for a coordinator, the assigned ones for a reviewer.',
      access: 'token',
      response: BatchList,
      handle: async ({ store, principal }) => ({ batches: await listBatches(store, principal) }),
    }),
    route({
      method: 'GET',
      url: '/v1/batches/:id',
      summary: 'A batch with its schema and instructions.',
      access: 'token',
      params: BatchParams,
      response: BatchDetail,
      handle: ({ store, principal, params }) => getBatch(store, principal, params.id),
    }),
    route({
      method: 'GET',
      url: '/v1/batches/:id/items',
      summary: "A page of the batch's items, in order; a reviewer with a share gets only theirs.",
      access: 'token',
      params: BatchParams,
      query: ItemsQuery,
      response: ItemsPage,
      handle: ({ store, principal, params, query }) => batchItems(store, principal, params.id, query.after, query.limit),
    }),
    route({
      method: 'GET',
      url: '/v1/batches/:id/progress',
      summary: "Each reviewer's progress on the batch (coordinator).",
      access: 'coordinator',
      action: "see reviewers' progress",
      params: BatchParams,
      response: BatchProgress,
      handle: ({ store, principal, params }) => batchProgress(store, principal, params.id),
    }),
    route({
      method: 'GET',
      url: '/v1/batches/:id/conflicts',
      summary: 'Different verdicts on one item, kept whole, waiting for a decision (coordinator).',
      access: 'coordinator',
      action: 'see conflicts',
      params: BatchParams,
      response: ConflictList,
      handle: ({ store, principal, params }) => batchConflicts(store, principal, params.id),
    }),
    route({
      method: 'POST',
      url: '/v1/events',
      summary: "Push events: a client's numbered push, taken at most once.",
      access: 'token',
      body: PushRequest,
      response: PushResponse,
      handle: ({ store, principal, body }) => pushEvents(store, principal, body),
    }),
    route({
      method: 'GET',
      url: '/v1/changes',
      summary: 'What changed since a cursor, one page at a time.',
      access: 'token',
      query: ChangesQuery,
      response: ChangesPage,
      handle: ({ store, principal, query }) => pullChanges(store, principal, query.cursor, query.limit),
    }),
  ];
}
