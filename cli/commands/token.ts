import { Role } from '../../shared/sync';
import { inputError, required, text, usageError, type Command } from '../shell';
import { WHERE_HELP, WHERE_OPTIONS, withTokenAdmin } from './token-admin';

export const tokenIssue: Command = {
  name: 'token issue',
  summary: 'issue a token for a reviewer (or a coordinator)',
  help: `Usage: loupe token issue --reviewer ID --name TEXT [--role reviewer|coordinator]
                         [--data DIR | --database URL | --server URL]

Makes a token and prints it on stdout, once: the server keeps only its hash. Give it to the person,
who enters it in Loupe with the server's address.

Options:
  --reviewer ID     the reviewer id the token acts as: the id batches assign work to
  --name TEXT       whose token it is, for people
  --role ROLE       reviewer (default) or coordinator
${WHERE_HELP}

Example, while the server runs:
  LOUPE_TOKEN=loupe_… loupe token issue --server https://loupe.example.org --reviewer r-ana --name "Dr Ana Ruiz"`,
  options: { ...WHERE_OPTIONS, reviewer: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const reviewerId = required(args, this, 'reviewer', 'ID (the reviewer the token is for)');
    const name = required(args, this, 'name', 'TEXT (whose token it is)');
    const role = Role.safeParse(text(args, 'role') ?? 'reviewer');
    if (!role.success) throw usageError('loupe token issue: --role is reviewer or coordinator');
    const issued = await withTokenAdmin(args, this, io, (admin) => admin.issue({ role: role.data, reviewerId, name }));
    io.out(`${issued.token}\n`);
    io.note(`Issued ${issued.id}, a ${issued.role} token for ${issued.name} (${issued.reviewerId}). It is shown this once; revoke it with "loupe token revoke ${issued.id}".`);
  },
};

export const tokenList: Command = {
  name: 'token list',
  summary: 'list tokens (never their secrets)',
  help: `Usage: loupe token list [--data DIR | --database URL | --server URL]

One token a line, tab-separated: id, role, reviewer id, name, created, revoked (or "active").

Options:
${WHERE_HELP}`,
  options: { ...WHERE_OPTIONS },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const tokens = await withTokenAdmin(args, this, io, (admin) => admin.list());
    for (const t of tokens) io.out(`${[t.id, t.role, t.reviewerId, t.name, t.createdAt, t.revokedAt ?? 'active'].join('\t')}\n`);
    io.note(`${tokens.length} token${tokens.length === 1 ? '' : 's'}, ${tokens.filter((t) => t.revokedAt === null).length} active`);
  },
};

export const tokenRevoke: Command = {
  name: 'token revoke',
  summary: 'revoke a token: it stops working at once',
  help: `Usage: loupe token revoke ID [--data DIR | --database URL | --server URL]

Revokes the token ID (as "loupe token list" shows it). Revoking again is fine.

Options:
${WHERE_HELP}`,
  options: { ...WHERE_OPTIONS },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const id = args.positionals[0]!;
    const revoked = await withTokenAdmin(args, this, io, (admin) => admin.revoke(id));
    if (!revoked) throw inputError(`loupe token revoke: no token ${JSON.stringify(id)} — "loupe token list" shows them`);
    io.note(`Revoked ${revoked.id} (${revoked.name}).`);
  },
};
