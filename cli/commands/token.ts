import { issueToken, listTokens, revokeToken } from '../../server/auth';
import { migrate, openStore, type Store, type StoreLocation } from '../../server/store';
import { Role } from '../../shared/sync';
import { inputError, required, text, usageError, type Args, type Command } from '../shell';
import { DEFAULT_DATA_DIR, storeLocation, storeProblem } from './server';

/**
 * Token administration works on the database directly, as whoever can read the data folder or holds the
 * database URL is its administrator already: it needs no running server and no coordinator token, so a
 * lost coordinator token can be replaced (docs/decisions.md). The embedded database serves one process
 * at a time, so with --data the server must be stopped; while it runs, use the API.
 */
async function withStore<T>(args: Args, command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  const where: StoreLocation = storeLocation(args, command);
  let store: Store;
  try {
    store = await openStore(where);
    await migrate(store, async () => undefined);
  } catch (err) {
    throw storeProblem(err, where);
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const WHERE_HELP = `  --data DIR        the server's data folder (default ${DEFAULT_DATA_DIR}); stop the server first
  --database URL    or its PostgreSQL database (or set LOUPE_DATABASE_URL); the server may run`;

const where = { data: { type: 'string' }, database: { type: 'string' } } as const;

export const tokenIssue: Command = {
  name: 'token issue',
  summary: 'issue a token for a reviewer (or a coordinator)',
  help: `Usage: loupe token issue --reviewer ID --name TEXT [--role reviewer|coordinator] [--data DIR | --database URL]

Makes a token and prints it on stdout, once: the server keeps only its hash. Give it to the person,
who enters it in Loupe with the server's address.

Options:
  --reviewer ID     the reviewer id the token acts as: the id batches assign work to
  --name TEXT       whose token it is, for people
  --role ROLE       reviewer (default) or coordinator
${WHERE_HELP}`,
  options: { ...where, reviewer: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const reviewerId = required(args, this, 'reviewer', 'ID (the reviewer the token is for)');
    const name = required(args, this, 'name', 'TEXT (whose token it is)');
    const role = Role.safeParse(text(args, 'role') ?? 'reviewer');
    if (!role.success) throw usageError('loupe token issue: --role is reviewer or coordinator');
    const issued = await withStore(args, this, (store) => issueToken(store, { role: role.data, reviewerId, name }));
    io.out(`${issued.token}\n`);
    io.note(`Issued ${issued.id}, a ${issued.role} token for ${issued.name} (${issued.reviewerId}). It is shown this once; revoke it with "loupe token revoke ${issued.id}".`);
  },
};

export const tokenList: Command = {
  name: 'token list',
  summary: 'list tokens (never their secrets)',
  help: `Usage: loupe token list [--data DIR | --database URL]

One token a line, tab-separated: id, role, reviewer id, name, created, revoked (or "active").

Options:
${WHERE_HELP}`,
  options: { ...where },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const tokens = await withStore(args, this, (store) => listTokens(store));
    for (const t of tokens) io.out(`${[t.id, t.role, t.reviewerId, t.name, t.createdAt, t.revokedAt ?? 'active'].join('\t')}\n`);
    io.note(`${tokens.length} token${tokens.length === 1 ? '' : 's'}, ${tokens.filter((t) => t.revokedAt === null).length} active`);
  },
};

export const tokenRevoke: Command = {
  name: 'token revoke',
  summary: 'revoke a token: it stops working at once',
  help: `Usage: loupe token revoke ID [--data DIR | --database URL]

Revokes the token ID (as "loupe token list" shows it). Revoking again is fine.

Options:
${WHERE_HELP}`,
  options: { ...where },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const id = args.positionals[0]!;
    const revoked = await withStore(args, this, (store) => revokeToken(store, id));
    if (!revoked) throw inputError(`loupe token revoke: no token ${JSON.stringify(id)} — "loupe token list" shows them`);
    io.note(`Revoked ${revoked.id} (${revoked.name}).`);
  },
};
