import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { IssuedToken } from '../../shared/sync';
import { bootstrapCoordinator } from '../auth';
import { migrate, openStore, type Store, type StoreLocation } from '../store';
import { createServer, type ServerOptions } from './app';

/**
 * Migrates the store and, on the very first start, makes the first coordinator token — in one
 * transaction under the migration lock, so several processes starting at once agree on both.
 */
export async function prepareStore(store: Store): Promise<{ migrations: number[]; firstCoordinator: IssuedToken | null }> {
  const { applied, result } = await migrate(store, bootstrapCoordinator);
  return { migrations: applied, firstCoordinator: result };
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export interface StartOptions extends Omit<ServerOptions, 'store' | 'version'> {
  where: StoreLocation;
  host: string;
  port: number;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  /** Where it listens, e.g. http://127.0.0.1:8787. */
  url: string;
  firstCoordinator: IssuedToken | null;
  migrations: number[];
  /** Stops taking requests, finishes those under way, then closes the store. */
  close(): Promise<void>;
}

/** Opens the store, prepares it and listens: what `loupe server` runs. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { where, host, port, ...serverOptions } = options;
  const store = await openStore(where);
  try {
    const prepared = await prepareStore(store);
    const app = createServer({ ...serverOptions, store, version: packageVersion() });
    await app.listen({ host, port });
    const address = app.server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      app,
      store,
      url: `${options.https ? 'https' : 'http'}://${shownHost}:${bound}`,
      ...prepared,
      async close() {
        try {
          await app.close();
        } finally {
          await store.close();
        }
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
