// Serves the built web shell at / and the benchmark page at /__bench/ from ONE origin, so that the benchmark
// page can fill the very IndexedDB the app then opens. The same static server as scripts/web.mjs.
import { createServer } from 'node:http';
import { fileUnder, sendFile, urlPath } from '../scripts/static-files.mjs';

/** Resolves to { url, close } once listening on 127.0.0.1 at a free port. */
export function serveBench({ appDir, benchDir }) {
  const server = createServer(async (req, res) => {
    const path = urlPath(req.url);
    const file = path === null ? null : path.startsWith('/__bench/') ? fileUnder(benchDir, path.slice('/__bench'.length)) : fileUnder(appDir, path);
    await sendFile(req, res, file);
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolveServer({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
