import type { FastifyInstance } from 'fastify';
import { PROTOCOL_HEADER } from '../../shared/sync';

/**
 * Lets Loupe's web shell, served from another origin, call the server from a browser. Any origin may:
 * the server trusts a request for its bearer token alone and never for cookies, so a page that does not
 * hold a token gains nothing by being let through. Preflights are answered here, before any route.
 */
export function allowBrowsers(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'retry-after, upgrade');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      return reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, DELETE')
        .header('access-control-allow-headers', `authorization, content-type, accept, ${PROTOCOL_HEADER}`)
        .header('access-control-max-age', '600')
        .send();
    }
  });
}
