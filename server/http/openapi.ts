import { z } from 'zod';
import { ErrorBody, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync';
import type { Route } from './routes';

const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

/** Query or path parameters from an object schema, one OpenAPI parameter per property. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const s = json(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const ERRORS: Record<string, string> = {
  '400': 'The request is not valid: the message says what to change.',
  '401': 'No token, or a token that is not valid (wrong, or revoked).',
  '403': 'The token may not do this.',
  '404': 'No such thing, or not one this token may see.',
  '409': 'Conflicts with what the server holds (a push out of order, a batch revision).',
  '413': 'The body is larger than this route accepts.',
  '426': `The client speaks another protocol version than this server (header ${PROTOCOL_HEADER}).`,
  '429': 'Too many bad tokens from this address: wait for Retry-After seconds.',
};

/** The OpenAPI 3.1 description of every route, generated from the same zod schemas that validate them. */
export function openApiDocument(table: readonly Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of table) {
    const path = r.url.replace(/:(\w+)/gu, '{$1}');
    const v1 = r.url.startsWith('/v1/');
    const errors = Object.entries(ERRORS).filter(([code]) => {
      if (code === '426') return v1;
      if (['401', '429'].includes(code)) return r.access !== 'public';
      if (code === '403') return r.access === 'coordinator' || r.url === '/v1/events';
      if (code === '413') return r.body !== undefined;
      return r.access !== 'public';
    });
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      ...(r.access === 'public' ? { security: [] } : {}),
      parameters: [
        ...parameters(r.params, 'path'),
        ...parameters(r.query, 'query'),
        ...(v1 ? [{ name: PROTOCOL_HEADER, in: 'header', required: true, description: 'The sync protocol the client speaks.', schema: { type: 'integer', const: PROTOCOL_VERSION } }] : []),
      ],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(r.body, 'input') } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'Done.', content: { 'application/json': { schema: json(r.response, 'output') } } },
        ...Object.fromEntries(errors.map(([code, description]) => [code, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Loupe sync server', version, description: 'The HTTP API of `loupe server` (docs/sync-protocol.md).' },
    security: [{ token: [] }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'A token issued by a coordinator ("loupe token issue").' } },
      schemas: { Error: json(ErrorBody, 'output') },
    },
    paths,
  };
}
