import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { PROTOCOL_HEADER, PROTOCOL_RANGE, PROTOCOL_VERSION, type ErrorBody } from '../../shared/sync';
import { authenticate, blockedFor, recordFailure, type Principal } from '../auth';
import type { Store } from '../store';
import { ApiError } from '../sync';
import { allowBrowsers } from './cors';
import { openApiDocument } from './openapi';
import { routes, type Route } from './routes';

export interface ServerOptions {
  store: Store;
  /** Fastify's logger: true for JSON lines on stdout, false for none, or its options. */
  logger?: FastifyServerOptions['logger'];
  /** PEM certificate and key: serve HTTPS. */
  https?: { cert: string | Buffer; key: string | Buffer };
  /** Behind a reverse proxy: the proxies (addresses, subnets) whose X-Forwarded-For names the client (Fastify's trustProxy). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Largest body of every route but batch publishing, in bytes. */
  bodyLimit?: number;
  /** Reported by /health and /openapi.json. */
  version?: string;
}

export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** The protocol a /v1 request speaks, or the 426 answer that says why it cannot be served. */
function protocolProblem(request: FastifyRequest): ErrorBody | null {
  const raw = request.headers[PROTOCOL_HEADER];
  const given = typeof raw === 'string' && /^\d{1,6}$/u.test(raw) ? Number(raw) : null;
  if (given !== null && given >= PROTOCOL_RANGE.min && given <= PROTOCOL_RANGE.max) return null;
  const base = { error: 'protocol', supported: { ...PROTOCOL_RANGE } };
  const speaks = PROTOCOL_RANGE.min === PROTOCOL_RANGE.max ? `${PROTOCOL_RANGE.min}` : `${PROTOCOL_RANGE.min} to ${PROTOCOL_RANGE.max}`;
  if (given === null) {
    return { ...base, message: `this is a Loupe sync server (sync protocol ${speaks}); the request did not say which protocol it speaks (header ${PROTOCOL_HEADER}) — update Loupe` };
  }
  return given < PROTOCOL_RANGE.min
    ? { ...base, message: `this Loupe is too old for the server: it speaks sync protocol ${given}, the server ${speaks} — update Loupe; nothing was changed` }
    : { ...base, message: `this Loupe is newer than the server: it speaks sync protocol ${given}, the server ${speaks} — ask whoever runs the server to update it; nothing was changed` };
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/iu.exec(header) : null;
  return match ? match[1]! : null;
}

/** Checks protocol and token before the body is read, so nobody unknown gets a large body parsed. */
function guard(store: Store, r: Route) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (r.url.startsWith('/v1/')) {
      const problem = protocolProblem(request);
      if (problem) return send(reply.header('upgrade', `Loupe-Protocol/${PROTOCOL_VERSION}`), 426, problem);
    }
    if (r.access === 'public') return;
    const wait = await blockedFor(store, request.ip);
    if (wait > 0) {
      return send(reply.header('retry-after', String(wait)), 429, {
        error: 'slow-down',
        message: `too many bad tokens from this address; try again in ${wait} s with a valid token`,
      });
    }
    const token = bearer(request);
    if (token === null) {
      return send(reply, 401, { error: 'unauthorized', message: 'no token: send "Authorization: Bearer <token>" with a token a coordinator issued' });
    }
    const principal = await authenticate(store, token);
    if (!principal) {
      await recordFailure(store, request.ip);
      return send(reply, 401, { error: 'unauthorized', message: 'this token is not valid (mistyped, or revoked); ask the coordinator for a new one' });
    }
    if (r.access === 'coordinator' && principal.role !== 'coordinator') {
      return send(reply, 403, { error: 'forbidden', message: `only a coordinator may ${r.action ?? 'do this'}; this token is reviewer ${principal.reviewerId}'s` });
    }
    request.principal = principal;
  };
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, what: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new ApiError(400, { error: 'invalid', message: `${what}${first.path ? ` at ${first.path}` : ''}: ${first.message}${more}`, issues: issues.slice(0, 50) });
}

/** Fastify's own refusals (body too large, not JSON…) in the same shape as ours, worded for a person. */
function frameworkError(err: { code?: string; statusCode?: number; message: string }, limit: number): [number, ErrorBody] | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [413, { error: 'too-large', message: `the body is larger than this route accepts (${limit} bytes); send less at a time` }];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, { error: 'invalid', message: 'send the body as JSON (Content-Type: application/json)' }];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [400, { error: 'invalid', message: 'the body is empty; send a JSON object' }];
    default:
      if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        return [400, { error: 'invalid', message: `the body is not valid JSON: ${err.message}` }];
      }
      if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
        return [err.statusCode, { error: 'invalid', message: err.message }];
      }
      return null;
  }
}

/**
 * The sync server as a Fastify instance, not yet listening (docs/sync-protocol.md). It keeps no state
 * of its own: everything lives in the store, so several instances can serve one PostgreSQL database.
 * The caller opens and migrates the store (prepareStore) and closes it after the server.
 */
export function createServer(options: ServerOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const version = options.version ?? '0.0.0';
  const app = Fastify({
    logger: options.logger ?? true,
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;

  const table = routes(version);
  const document = openApiDocument(table, version);

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (err instanceof ApiError) return send(reply, err.status, err.body);
    const known = frameworkError(err, request.routeOptions.bodyLimit ?? bodyLimit);
    if (known) return send(reply, known[0], known[1]);
    request.log.error({ err }, 'request failed');
    return send(reply, 500, { error: 'internal', message: `the server failed to answer; its log has the details under request id ${request.id}` });
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, { error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}; GET /openapi.json lists them` }),
  );

  allowBrowsers(app);
  app.get('/openapi.json', async () => document);
  for (const r of table) {
    app.route({
      method: r.method,
      url: r.url,
      ...(r.bodyLimit ? { bodyLimit: r.bodyLimit } : {}),
      onRequest: guard(options.store, r),
      handler: async (request, reply) => {
        const ctx = {
          store: options.store,
          principal: request.principal!,
          body: parse(r.body, request.body, 'the body'),
          query: parse(r.query, request.query, 'the query'),
          params: parse(r.params, request.params, 'the address'),
        };
        const result = await r.handle(ctx);
        return reply.code(r.status ?? 200).send(result);
      },
    });
  }
  return app;
}
