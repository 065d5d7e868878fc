// The raw baseline's server (bench/raw-post.ts): a trivial Fastify route that reads a POSTed body and
// answers a small JSON, nothing else — no parsing, validation, authentication or database. Run as a
// process of its own, as `loupe server` is; prints its port on stdout once it listens.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 256 * 1024 * 1024 });
// The body is read whole, as any server must, and left unparsed.
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.post('/raw', async (request) => ({ ok: true, bytes: request.body.length }));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${app.server.address().port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
