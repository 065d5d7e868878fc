// The raw baseline: POSTing bytes to a server that does nothing with them but read them. What the push
// budget of issue 4 compares against (a push of 10,000 events ≤ 2× this), for any caller with the bodies.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RawPostBaseline {
  /** Requests in one round: one per body. */
  requests: number;
  /** Bytes of the bodies in one round. */
  bytes: number;
  /** The best round, from the first request sent to the last answer read. */
  ms: number;
  /** `bytes` over `ms`, in MiB/s. */
  mbPerSecond: number;
  /** Every round's time, in order. */
  roundsMs: number[];
}

const SINK = fileURLToPath(new URL('./raw-sink.mjs', import.meta.url));

/** Starts bench/raw-sink.mjs; resolves to its URL and a way to stop it. */
async function startSink(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [SINK], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /^(\d+)\n/u.exec(out);
      if (line) resolve(line[1]!);
    });
    void exited.then(() => reject(new Error('bench/raw-sink.mjs stopped before it listened')));
  });
  return {
    url: `http://127.0.0.1:${port}/raw`,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * POSTs `bodies` one after another — each waits for its answer, as a client's numbered pushes do — to a
 * trivial Fastify route in a process of its own on 127.0.0.1 (bench/raw-sink.mjs) that only reads the
 * body, and times it: the least any server could take for the same bytes over the same HTTP. The same
 * headers as a push (content type, token, protocol). Best of `rounds`, after one warm-up round.
 */
export async function rawPostBaseline(bodies: readonly (string | Uint8Array<ArrayBuffer>)[], options: { rounds?: number } = {}): Promise<RawPostBaseline> {
  const rounds = options.rounds ?? 3;
  const bytes = bodies.reduce((sum, b) => sum + (typeof b === 'string' ? Buffer.byteLength(b) : b.byteLength), 0);
  const sink = await startSink();
  const headers = { 'content-type': 'application/json', authorization: `Bearer loupe_${'x'.repeat(43)}`, 'loupe-protocol': '1' };
  const once = async () => {
    const t0 = performance.now();
    for (const body of bodies) {
      const res = await fetch(sink.url, { method: 'POST', headers, body });
      if (res.status !== 200) throw new Error(`the raw sink answered ${res.status}`);
      await res.arrayBuffer();
    }
    return performance.now() - t0;
  };
  try {
    await once();
    const roundsMs: number[] = [];
    for (let r = 0; r < rounds; r += 1) roundsMs.push(await once());
    const ms = Math.min(...roundsMs);
    return { requests: bodies.length, bytes, ms, mbPerSecond: bytes / 2 ** 20 / (ms / 1000), roundsMs };
  } finally {
    await sink.stop();
  }
}
