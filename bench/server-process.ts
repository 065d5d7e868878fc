// The real `loupe server` for the server benchmark, in a process of its own as it runs in use: over the
// embedded store in a temp folder, or over a PostgreSQL database made for the run and dropped after it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const BIN = fileURLToPath(new URL('../cli/bin/loupe.js', import.meta.url));

export interface BenchServer {
  url: string;
  coordinator: string;
  /** What the database says it is: "PGlite", or PostgreSQL's server_version. */
  database: string;
  stop(): Promise<void>;
}

/** `loupe server` with these store options on a free port; its request log (stdout) is discarded unread. */
async function start(storeArgs: string[], env: Record<string, string> = {}): Promise<Omit<BenchServer, 'database'>> {
  const child = spawn(process.execPath, [BIN, 'server', ...storeArgs, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const found = /listening on (http:\/\/\S+:\d+)/u.exec(stderr)?.[1];
      if (found) resolve(found);
    });
    void exited.then((code) => reject(new Error(`loupe server exited with ${code} before listening:\n${stderr}`)));
  });
  const coordinator = /\n {4}(loupe_[A-Za-z0-9_-]{43})\n/u.exec(stderr)?.[1];
  if (!coordinator) throw new Error(`loupe server printed no coordinator token:\n${stderr}`);
  return {
    url,
    coordinator,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function pgliteServer(): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-server-'));
  // An empty LOUPE_DATABASE_URL: the caller's own must not turn this into a PostgreSQL run.
  const server = await start(['--data', dir], { LOUPE_DATABASE_URL: '' });
  return {
    ...server,
    database: 'PGlite',
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database of its own on the PostgreSQL server `adminUrl` (its role may CREATE DATABASE), dropped at stop. */
export async function postgresServer(adminUrl: string): Promise<BenchServer> {
  const name = `loupe_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query<Record<string, string>>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const [version] = await admin('SHOW server_version');
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    // In the environment, which keeps the password out of the process list.
    const server = await start([], { LOUPE_DATABASE_URL: url.toString() });
    return {
      ...server,
      database: `PostgreSQL ${version?.server_version ?? ''}`.trim(),
      async stop() {
        await server.stop();
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } catch (err) {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw err;
  }
}
