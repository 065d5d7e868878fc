// Batch-file workloads of issue 3, run the same way in Node (what the `loupe` command runs) and in
// Chromium (the app): writing and reading plus verifying a batch against a bare fflate zip/unzip and JSON
// parse of the same bytes, and merging result files. Pure: shared/ and fflate only.
import { strToU8, strFromU8, unzipSync, zipSync } from 'fflate';
import { mergeResults, readBatchFile, writeBatchFile, type ResultEvent } from '../shared/batch-file';
import type { Batch, Item, TaskSchema } from '../shared/domain';

export interface Sentences {
  src: string[];
  mt: string[];
}

export interface RoundTrip {
  items: number;
  fileBytes: number;
  writeMs: number;
  bareZipMs: number;
  readMs: number;
  bareUnzipMs: number;
}

export interface MergeTiming {
  files: number;
  eventsPerFile: number;
  ms: number;
  reviews: number;
  conflicts: number;
}

const SCHEMA: TaskSchema = {
  name: 'Post-editing',
  fields: [{ name: 'text', kind: 'longtext', label: 'Translation' }],
  context: [{ name: 'source', kind: 'longtext', label: 'Source' }],
} as TaskSchema;

function batchOf(count: number): Batch {
  return {
    id: 'bench-batch',
    name: 'Benchmark batch',
    schemaId: 'bench-schema',
    createdAt: '2026-11-25T00:00:00.000Z',
    itemCount: count,
    source: { format: 'jsonl', fileName: 'bench.jsonl', sha256: '0'.repeat(64) },
    revision: 1,
  };
}

function itemsOf(lines: Sentences, count: number): Item[] {
  const n = lines.src.length;
  return Array.from({ length: count }, (_, i) => ({
    batchId: 'bench-batch',
    id: `seg-${i + 1}`,
    seq: i,
    context: { source: lines.src[i % n]! },
    output: { text: lines.mt[i % n]! },
  }));
}

/** Best of `rounds` (the least disturbed by other work on the machine). */
async function best(rounds: number, run: () => unknown): Promise<number> {
  let min = Infinity;
  for (let r = 0; r < rounds; r += 1) {
    const t0 = performance.now();
    await run();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/**
 * Loupe's writer and reader (checksums, limits, schema validation of every line) against the least any
 * reader must do with the same file: zip the same JSONL at the same level, unzip it and JSON.parse each line.
 */
export async function batchFileRoundTrip(lines: Sentences, count: number, rounds = 3): Promise<RoundTrip> {
  const batch = batchOf(count);
  const items = itemsOf(lines, count);
  const file = await writeBatchFile({ batch, schema: SCHEMA, items });
  const writeMs = await best(rounds, () => writeBatchFile({ batch, schema: SCHEMA, items }));
  const bareZipMs = await best(rounds, () => {
    const jsonl = items.map((item) => JSON.stringify(item)).join('\n');
    return zipSync({ 'items.jsonl': [strToU8(jsonl), { level: 6 }], 'manifest.json': [strToU8(JSON.stringify({ batch, schema: SCHEMA })), { level: 0 }] });
  });
  const readMs = await best(rounds, async () => {
    const read = await readBatchFile(file, { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    if (read.items.length !== count) throw new Error(`read ${read.items.length} items, not ${count}`);
  });
  const bareUnzipMs = await best(rounds, () => {
    const parts = unzipSync(file);
    let n = 0;
    for (const [name, bytes] of Object.entries(parts)) {
      if (!name.endsWith('.jsonl') && !name.endsWith('.json')) continue;
      const text = strFromU8(bytes);
      if (name.endsWith('.json')) JSON.parse(text);
      else
        for (const line of text.split('\n')) {
          if (!line) continue;
          JSON.parse(line);
          n += 1;
        }
    }
    return n;
  });
  return { items: count, fileBytes: file.length, writeMs, bareZipMs, readMs, bareUnzipMs };
}

/** `files` reviewers' results of `perFile` items each on one batch, a tenth of the items overlapping. */
export function mergeWorkload(files: number, perFile: number): MergeTiming {
  const total = files * perFile;
  const items = itemsOf({ src: ['source'], mt: ['AI output'] }, total);
  const overlap = Math.floor(perFile / 10);
  const sources = Array.from({ length: files }, (_, f) => {
    const reviewer = { id: `r${f}`, name: `Reviewer ${f}` };
    const events: ResultEvent[] = [];
    for (let k = 0; k < perFile; k += 1) {
      // The first `overlap` items of every file are shared; the rest are the reviewer's own.
      const item = k < overlap ? items[k]! : items[f * perFile + k]!;
      const corrected = (f + k) % 3 === 0;
      events.push({
        id: `r${f}-e${k}`,
        batchId: 'bench-batch',
        itemId: item.id,
        reviewerId: reviewer.id,
        reviewerName: reviewer.name,
        deviceId: `device-${f}`,
        at: new Date(Date.UTC(2026, 10, 25, 9) + k * 1000 + f).toISOString(),
        action: corrected ? 'correct' : 'accept',
        status: corrected ? 'corrected' : 'accepted',
        changes: corrected ? [{ field: 'text', old: 'AI output', new: `fixed by ${reviewer.id}` }] : [],
        timeSpentMs: 4000,
      });
    }
    return { batchId: 'bench-batch', revision: 1, reviewer, events };
  });
  const t0 = performance.now();
  const outcome = mergeResults({ id: 'bench-batch', revision: 1 }, items, sources);
  const ms = performance.now() - t0;
  return { files, eventsPerFile: perFile, ms, reviews: outcome.reviews.length, conflicts: outcome.conflicts.length };
}
