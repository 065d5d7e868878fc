// The benchmark page. It runs the app's own import path (renderer/import → shared/import → storeBatch) and
// a bare Dexie bulkPut of the same records, in real Chromium, and exposes both on `window.loupeBench`
// for scripts/bench.mjs to call. No UI: the UI budgets are measured in the app itself.
import Dexie from 'dexie';
import { fieldEffort, hter } from '../shared/effort';
import { batchFileRoundTrip, mergeWorkload } from './batch-files';
import { parseAiOutput } from '../shared/import';
import { importFiles, type FileReport } from '../renderer/import/import-files';
import { LoupeDatabase, loadItemState } from '../renderer/storage';

export interface SourceLines {
  src: string[];
  mt: string[];
}

export interface ImportTiming {
  ms: number;
  /** Time in each phase the import reports: reading (file read, decoding, digest), parsing, saving. */
  phases: Record<string, number>;
  itemCount: number;
  batchId: string;
  outcome: FileReport['outcome'];
}

export interface PostEdits {
  mt: string[];
  pe: string[];
  /** The published HTER of each line, as text. */
  hter: string[];
}

export interface EffortFigures {
  lines: number;
  within0001: number;
  maxDifference: number;
  worstLine: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export interface BulkPutTiming {
  ms: number;
  itemCount: number;
}

/** `count` lines of AI output as the pipeline gives it (BRIEF 3.1), cycling through the given sentences. */
function buildJsonl(lines: SourceLines, count: number, idPrefix: string): string {
  const n = lines.src.length;
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    out[i] = JSON.stringify({ id: `${idPrefix}-${i + 1}`, input: { source: lines.src[i % n] }, output: lines.mt[i % n] });
  }
  return out.join('\n') + '\n';
}

/** A document of at least `words` words made of whole sentences, for the long-text budget. */
function buildDocument(lines: SourceLines, words: number): { source: string; output: string; words: number } {
  const src: string[] = [];
  const mt: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i += 1) {
    const line = lines.mt[i % lines.mt.length] as string;
    mt.push(line);
    src.push(lines.src[i % lines.src.length] as string);
    count += line.split(/\s+/).filter(Boolean).length;
  }
  return { source: src.join(' '), output: mt.join(' '), words: count };
}

const texts = new Map<string, string>();

async function openDb(name: string): Promise<LoupeDatabase> {
  const db = new LoupeDatabase(name);
  await db.open();
  return db;
}

const bench = {
  /** Builds and keeps the JSONL text under `key`; returns its size in bytes. */
  prepareJsonl(key: string, lines: SourceLines, count: number, idPrefix: string): number {
    const text = buildJsonl(lines, count, idPrefix);
    texts.set(key, text);
    return new TextEncoder().encode(text).length;
  },

  /** Builds and keeps one-line JSONL holding `items` long documents of `words` words each. */
  prepareLongText(key: string, lines: SourceLines, words: number, items: number): number {
    const doc = buildDocument(lines, words);
    const rows = Array.from({ length: items }, (_, i) => JSON.stringify({ id: `doc-${i + 1}`, input: { source: doc.source }, output: doc.output }));
    texts.set(key, rows.join('\n') + '\n');
    return doc.words;
  },

  async deleteDatabase(name: string): Promise<void> {
    await Dexie.delete(name);
  },

  /**
   * Imports the kept text as the user's file would be imported: `importFiles` reads the File, decodes and
   * digests it, parses it (shared/import) and stores the batch in one transaction (storeBatch).
   */
  async importThroughApp(dbName: string, key: string, fileName: string): Promise<ImportTiming> {
    const text = texts.get(key);
    if (text === undefined) throw new Error(`no text prepared under "${key}"`);
    const db = await openDb(dbName);
    try {
      const file = new File([text], fileName, { type: 'application/x-ndjson' });
      const starts: Array<[string, number]> = [];
      const t0 = performance.now();
      const [report] = await importFiles(db, [file], {
        onProgress: (p) => {
          if (starts[starts.length - 1]?.[0] !== p.phase) starts.push([p.phase, performance.now()]);
        },
      });
      const t1 = performance.now();
      if (!report) throw new Error('importFiles reported nothing');
      if (report.outcome !== 'imported') throw new Error(`import ${report.outcome}: ${JSON.stringify(report).slice(0, 500)}`);
      const phases: Record<string, number> = {};
      starts.forEach(([phase, at], i) => {
        phases[phase] = (phases[phase] ?? 0) + ((starts[i + 1]?.[1] ?? t1) - at);
      });
      return { ms: t1 - t0, phases, itemCount: report.batch.itemCount, batchId: report.batch.id, outcome: report.outcome };
    } finally {
      db.close();
    }
  },

  /**
   * The baseline: the very records the import stores (parsed beforehand, not timed), written with one bare
   * Dexie `bulkPut` into the same table of a database of the same schema.
   */
  async bulkPutBaseline(dbName: string, key: string, fileName: string): Promise<BulkPutTiming> {
    const text = texts.get(key);
    if (text === undefined) throw new Error(`no text prepared under "${key}"`);
    const parsed = await parseAiOutput(text, { fileName, format: 'jsonl' });
    if (!parsed.ok) throw new Error(`parse failed: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
    const items = parsed.records.map((r) => ({ ...r, batchId: 'b-baseline' }));
    const db = await openDb(dbName);
    try {
      const t0 = performance.now();
      await db.items.bulkPut(items);
      const t1 = performance.now();
      return { ms: t1 - t0, itemCount: items.length };
    } finally {
      db.close();
    }
  },

  /** The items and batches stored in a database, to check that an import really landed. */
  async counts(dbName: string): Promise<{ items: number; batches: number }> {
    const db = await openDb(dbName);
    try {
      return { items: await db.items.count(), batches: await db.batches.count() };
    } finally {
      db.close();
    }
  },

  /**
   * The storage part of opening an item: `loadItemState` (item, review and draft in one read transaction) for
   * `count` items in batch order, each timed alone. The floor under the UI's open-next time.
   */
  async timeLoadItemState(dbName: string, batchId: string, count: number): Promise<number[]> {
    const db = await openDb(dbName);
    try {
      const ids = (await db.items.where('[batchId+seq]').between([batchId, 0], [batchId, count], true, false).primaryKeys()).map(([, id]) => id);
      const reviewer = { id: 'bench-reviewer', name: 'Bench' };
      const times: number[] = [];
      for (const id of ids) {
        const t0 = performance.now();
        const state = await loadItemState(db, batchId, id, reviewer);
        times.push(performance.now() - t0);
        if (!state) throw new Error(`item ${id} not found`);
      }
      return times;
    } finally {
      db.close();
    }
  },

  /** The first item id of a batch (its seq 0). */
  async firstItemId(dbName: string, batchId: string): Promise<string | undefined> {
    const db = await openDb(dbName);
    try {
      return (await db.items.where('[batchId+seq]').equals([batchId, 0]).first())?.id;
    } finally {
      db.close();
    }
  },

  /** shared/effort's HTER of every line against the published figure, and how long each line took. */
  effortAgainstPublished(data: PostEdits): EffortFigures {
    const times: number[] = [];
    let within = 0;
    let maxDifference = 0;
    let worstLine = 0;
    for (let i = 0; i < data.mt.length; i += 1) {
      const t0 = performance.now();
      const h = hter(data.mt[i] as string, data.pe[i] as string);
      times.push(performance.now() - t0);
      const difference = Math.abs(h - Number(data.hter[i]));
      if (difference <= 0.001) within += 1;
      if (difference > maxDifference) {
        maxDifference = difference;
        worstLine = i + 1;
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      lines: data.mt.length,
      within0001: within,
      maxDifference,
      worstLine,
      meanMs: times.reduce((a, b) => a + b, 0) / times.length,
      p95Ms: percentile(sorted, 95),
      maxMs: sorted[sorted.length - 1] ?? NaN,
    };
  },

  /**
   * The effort of one long document (as the export computes it per item): the AI output against a final
   * text with every `every`-th sentence replaced by its post-edit.
   */
  effortOfDocument(data: PostEdits, words: number, every: number): { words: number; ms: number; charEdits: number; hter: number } {
    const before: string[] = [];
    const after: string[] = [];
    let count = 0;
    for (let i = 0; count < words; i += 1) {
      const k = i % data.mt.length;
      before.push(data.mt[k] as string);
      after.push(i % every === 0 ? (data.pe[k] as string) : (data.mt[k] as string));
      count += (data.mt[k] as string).split(/\s+/).filter(Boolean).length;
    }
    const t0 = performance.now();
    const effort = fieldEffort(before.join(' '), after.join(' '));
    return { words: count, ms: performance.now() - t0, ...effort };
  },

  forget(key: string): void {
    texts.delete(key);
  },

  /** Writing and reading a `.loupe` batch in the page, against bare fflate + JSON (bench/batch-files.ts). */
  batchFileRoundTrip,
  mergeWorkload,
};

export type LoupeBench = typeof bench;

declare global {
  interface Window {
    loupeBench: LoupeBench;
  }
}

window.loupeBench = bench;
document.title = 'Loupe benchmarks (ready)';
