import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DataDirBusyError, backupPglite, restorePglite, type StoreLocation } from '../../server/store';
import { startServer } from '../../server/http';
import { inputError, required, text, usageError, type Args, type Command } from '../shell';

export const DEFAULT_DATA_DIR = './loupe-data';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;

/** --database, else LOUPE_DATABASE_URL (which keeps a password out of the process list), else --data. */
export function storeLocation(args: Args, command: Command): StoreLocation {
  const database = text(args, 'database') ?? process.env.LOUPE_DATABASE_URL;
  const data = text(args, 'data');
  if (database !== undefined && database !== '') {
    if (data !== undefined) throw usageError(`loupe ${command.name}: give --data or --database, not both`);
    if (!/^postgres(ql)?:\/\//u.test(database)) throw usageError(`loupe ${command.name}: --database must be a PostgreSQL URL such as postgres://user:password@host:5432/loupe`);
    return { database };
  }
  return { dataDir: resolve(data ?? DEFAULT_DATA_DIR) };
}

/** What a person can do when the store does not open: the folder is busy, or the database refused. */
export function storeProblem(err: unknown, where: StoreLocation): Error {
  if (err instanceof DataDirBusyError) return inputError(`loupe: ${err.message}`);
  const message = err instanceof Error ? err.message : String(err);
  if ('database' in where) return inputError(`loupe: cannot use the database: ${message} — check the URL, that PostgreSQL runs, and the role's password`);
  return inputError(`loupe: cannot open the data folder ${where.dataDir}: ${message}`);
}

function port(args: Args): number {
  const given = text(args, 'port');
  if (given === undefined) return DEFAULT_PORT;
  const n = Number(given);
  if (!/^\d{1,5}$/u.test(given) || n > 65535) throw usageError(`loupe server: --port must be a number from 0 to 65535, not ${JSON.stringify(given)}`);
  return n;
}

/** Names proxy-addr (Fastify's trustProxy) knows for groups of addresses. */
const PROXY_GROUPS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * The reverse proxies whose X-Forwarded-For is believed, by address or subnet. Trusting any sender (Fastify's
 * `trustProxy: true`) would let a client name its own address in the header and so dodge the slowing down
 * of bad tokens; with the proxies named, the client's address is the one the nearest proxy added.
 */
function trustedProxies(args: Args): string[] | undefined {
  const given = text(args, 'trust-proxy');
  if (given === undefined) return undefined;
  const list = given.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const bad = list.find((a) => {
    if (PROXY_GROUPS.includes(a)) return false;
    const [address = '', bits, ...rest] = a.split('/');
    const family = isIP(address);
    return family === 0 || rest.length > 0 || (bits !== undefined && !(/^\d{1,3}$/u.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
  });
  if (list.length === 0 || bad !== undefined) {
    throw usageError(
      `loupe server: --trust-proxy takes the proxies' addresses or subnets, comma-separated (e.g. 127.0.0.1, 10.0.0.0/8 or loopback)${bad === undefined ? '' : `, not ${JSON.stringify(bad)}`}`,
    );
  }
  return list;
}

function pem(path: string | undefined, what: string): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw inputError(`loupe server: cannot read the ${what} ${path} — check the path and who may read it`);
  }
}

export const server: Command = {
  name: 'server',
  summary: 'run the sync server (embedded database by default, or PostgreSQL)',
  help: `Usage: loupe server [--data DIR | --database URL] [--host H] [--port N] [--cert FILE --key FILE] [--trust-proxy A]

Runs the sync server (docs/server.md). Reviewers' apps push their work to it and get new batches from
it; the HTTP API is described at /openapi.json.

Options:
  --data DIR        keep the data in this folder with the embedded database (default ${DEFAULT_DATA_DIR});
                    one server process at a time
  --database URL    use PostgreSQL instead, e.g. postgres://loupe:secret@db.example.org:5432/loupe;
                    any number of server processes may share it (or set LOUPE_DATABASE_URL)
  --host H          the address to listen on (default ${DEFAULT_HOST}: this machine only)
  --port N          the port (default ${DEFAULT_PORT}; 0 picks a free one)
  --cert FILE       a PEM certificate: serve HTTPS (with --key)
  --key FILE        its PEM private key
  --trust-proxy A   behind a reverse proxy at A (addresses or subnets, comma-separated; loopback for
                    one on this machine): take the client's address from its X-Forwarded-For

The first start prints a coordinator token, once. Logs are JSON lines on stdout.
Related: "loupe server backup", "loupe server restore", "loupe token".

Example:
  loupe server --data /srv/loupe --host 0.0.0.0 --cert cert.pem --key key.pem`,
  options: {
    data: { type: 'string' },
    database: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'trust-proxy': { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const where = storeLocation(args, this);
    const host = text(args, 'host') ?? DEFAULT_HOST;
    const listenPort = port(args);
    const cert = pem(text(args, 'cert'), 'certificate');
    const key = pem(text(args, 'key'), 'key');
    const trustProxy = trustedProxies(args);
    if ((cert === undefined) !== (key === undefined)) throw usageError('loupe server: HTTPS needs both --cert and --key');
    let running;
    try {
      running = await startServer({
        where,
        host,
        port: listenPort,
        logger: true,
        ...(trustProxy ? { trustProxy } : {}),
        ...(cert !== undefined && key !== undefined ? { https: { cert, key } } : {}),
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw inputError(`loupe server: ${host}:${listenPort} is already in use — stop what listens there, or pick another --port`);
      if (code === 'EACCES') throw inputError(`loupe server: not allowed to listen on ${host}:${listenPort} — ports below 1024 need privileges; pick another --port`);
      throw storeProblem(err, where);
    }
    const { url, firstCoordinator } = running;
    const said = [`Loupe sync server listening on ${url} (${'database' in where ? 'PostgreSQL' : `data in ${where.dataDir}`})`];
    if (firstCoordinator) {
      said.push(
        '',
        'First start: this is the coordinator token. It is shown this once and stored only as a hash — keep it somewhere safe.',
        '',
        `    ${firstCoordinator.token}`,
        '',
        `Use it as "Authorization: Bearer <token>", e.g.  curl -H "Authorization: Bearer ${firstCoordinator.token.slice(0, 10)}…" -H "loupe-protocol: 1" ${url}/v1/me`,
        `Issue reviewer tokens with it:  LOUPE_TOKEN=<token> loupe token issue --server ${url} --reviewer ID --name NAME`,
        '',
      );
    }
    if (!host.startsWith('127.') && host !== 'localhost' && host !== '::1' && cert === undefined) {
      said.push('Warning: listening beyond this machine over plain HTTP — tokens travel readable; use --cert/--key or a reverse proxy with HTTPS (docs/server.md).');
    }
    // In one write, so that whoever reads stderr (a supervisor, a test) gets the token with the address.
    io.warn(said.join('\n'));
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void running.close().finally(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};

export const serverBackup: Command = {
  name: 'server backup',
  summary: "copy the embedded database to one file (the server stopped)",
  help: `Usage: loupe server backup [--data DIR] --out FILE

Writes the whole embedded database of DIR (default ${DEFAULT_DATA_DIR}) to FILE, a gzipped tar, from a
consistent state. Stop the server first: the embedded database serves one process at a time.
For PostgreSQL use pg_dump (docs/server.md).`,
  options: { data: { type: 'string' }, out: { type: 'string', short: 'o' } },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const out = required(args, this, 'out', 'FILE (where to write the backup)');
    if (existsSync(out)) throw inputError(`${out}: already exists — a backup never replaces a file; pick another name`);
    const dataDir = resolve(text(args, 'data') ?? DEFAULT_DATA_DIR);
    let bytes: number;
    try {
      bytes = await backupPglite(dataDir, out);
    } catch (err) {
      throw storeProblem(err, { dataDir });
    }
    io.note(`Wrote ${out} (${bytes} bytes): the database of ${dataDir}. Restore it with "loupe server restore --from ${out} --data NEWDIR".`);
  },
};

export const serverRestore: Command = {
  name: 'server restore',
  summary: 'make a data folder from a backup',
  help: `Usage: loupe server restore --from FILE --data DIR

Restores a backup made by "loupe server backup" into DIR, which must not exist or be empty: an existing
database is never overwritten. Then start the server with --data DIR.`,
  options: { data: { type: 'string' }, from: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const from = required(args, this, 'from', 'FILE (the backup)');
    const dataDir = resolve(required(args, this, 'data', 'DIR (the new data folder)'));
    if (!existsSync(from)) throw inputError(`${from}: no such file — check the name and the folder`);
    try {
      await restorePglite(dataDir, from);
    } catch (err) {
      throw storeProblem(err, { dataDir });
    }
    io.note(`Restored ${from} into ${dataDir}. Start the server with "loupe server --data ${dataDir}".`);
  },
};
