/** The HTTP face of the server: the Fastify app, its routes described once, OpenAPI, and starting it. */
export { createServer, DEFAULT_BODY_LIMIT, type ServerOptions } from './app';
export { prepareStore, startServer, packageVersion, type StartOptions, type RunningServer } from './start';
export { openApiDocument } from './openapi';
export { routes, BATCH_BODY_LIMIT, type Route, type Access } from './routes';
