import { issueToken, listTokens, revokeToken } from '../../server/auth';
import { DataDirBusyError, migrate, openStore, type Store } from '../../server/store';
import { ErrorBody, IssuedToken, TokenInfo, TokenList, type Role } from '../../shared/sync';
import { inputError, serverAddress, serverApi, text, usageError, type Args, type Command, type Io } from '../shell';
import { DEFAULT_DATA_DIR, storeLocation, storeProblem } from './server';

/** What `loupe token` does, the same whether on the database directly or through a running server's API. */
interface TokenAdmin {
  issue(request: { role: Role; reviewerId: string; name: string }): Promise<IssuedToken>;
  list(): Promise<TokenInfo[]>;
  /** Null when there is no such token. */
  revoke(id: string): Promise<TokenInfo | null>;
}

export const WHERE_OPTIONS = {
  data: { type: 'string' },
  database: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
} as const;

export const WHERE_HELP = `  --data DIR        the server's data folder (default ${DEFAULT_DATA_DIR}); stop the server first
  --database URL    or its PostgreSQL database (or set LOUPE_DATABASE_URL); the server may run
  --server URL      or a running server, through its API, e.g. https://loupe.example.org
  --token TOKEN     with --server: a coordinator's token; better set LOUPE_TOKEN, which keeps it out
                    of the process list`;

/**
 * On the database directly: whoever can read the data folder or holds the database URL is its
 * administrator already, so it needs no running server and no token, and a lost coordinator token can be
 * replaced (docs/decisions.md). The embedded database serves one process, so with --data the server
 * must be stopped.
 */
async function onStore<T>(args: Args, command: Command, work: (admin: TokenAdmin) => Promise<T>): Promise<T> {
  const where = storeLocation(args, command);
  let store: Store;
  try {
    store = await openStore(where);
    await migrate(store, async () => undefined);
  } catch (err) {
    if (err instanceof DataDirBusyError) throw inputError(`loupe ${command.name}: ${err.message}; or, while it runs, use --server URL`);
    throw storeProblem(err, where);
  }
  try {
    return await work({
      issue: (request) => issueToken(store, request),
      list: () => listTokens(store),
      revoke: (id) => revokeToken(store, id),
    });
  } finally {
    await store.close();
  }
}

/** Through a running server's API (POST, GET and DELETE /v1/tokens), with a coordinator's token. */
function onServer(base: string, token: string, command: Command, io: Io): TokenAdmin {
  const api = serverApi(`loupe ${command.name}`, base, token, io);
  return {
    issue: async (request) => api.expect(await api.send('POST', '/v1/tokens', request), IssuedToken),
    list: async () => api.expect(await api.send('GET', '/v1/tokens'), TokenList).tokens,
    async revoke(id) {
      const answer = await api.send('DELETE', `/v1/tokens/${encodeURIComponent(id)}`);
      // A Loupe server's 404 here means no such token; anything else that says 404 is not one (expect says so).
      return answer.status === 404 && ErrorBody.safeParse(answer.body).success ? null : api.expect(answer, TokenInfo);
    },
  };
}

/** Runs `work` with the token store the options name: --server URL, else --database or --data. */
export async function withTokenAdmin<T>(args: Args, command: Command, io: Io, work: (admin: TokenAdmin) => Promise<T>): Promise<T> {
  const label = `loupe ${command.name}`;
  const address = text(args, 'server');
  const given = text(args, 'token');
  if (address === undefined) {
    if (given !== undefined) throw usageError(`${label}: --token is for --server; on --data or --database no token is needed`);
    return onStore(args, command, work);
  }
  if (text(args, 'data') !== undefined || text(args, 'database') !== undefined) {
    throw usageError(`${label}: give one of --server, --data or --database`);
  }
  const base = serverAddress(label, address);
  const token = given ?? process.env.LOUPE_TOKEN;
  if (token === undefined || token.trim() === '') {
    throw usageError(
      `${label}: --server needs a coordinator's token — set LOUPE_TOKEN (or give --token): the token the server printed at its first start, or one from "loupe token issue --role coordinator"`,
    );
  }
  return work(onServer(base, token.trim(), command, io));
}
