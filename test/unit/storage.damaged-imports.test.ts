// The corruption promise at the level a user sees it: damaged batch and result files imported
// through the app's own import path (renderer/import) into a database that already holds work. Each is
// refused with a message naming the file, or — where the damage touches nothing that is read — found
// to be the file already here; and after all of them the database is exactly as it was.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeResultFile, type ResultEvent } from '../../shared/batch-file';
import { importFiles, type FileLike, type FileReport } from '../../renderer/import/import-files';
import { LoupeDatabase } from '../../renderer/storage';
import { BATCH_ID, demoItems, loupeFile } from './loupe-fixtures';

const asFile = (name: string, bytes: Uint8Array): FileLike => ({ name, arrayBuffer: async () => bytes.slice().buffer });
const openAnyway = { trustedKeys: [], decryptWith: [], confirm: async () => 'open' as const };

/** A deterministic walk through the file: every byte position gets flipped by some variant. */
function damaged(bytes: Uint8Array, count: number): Array<{ label: string; bytes: Uint8Array }> {
  const out: Array<{ label: string; bytes: Uint8Array }> = [];
  const cuts = Math.floor(count / 3);
  for (let k = 0; k < cuts; k++) {
    const at = Math.floor((k * bytes.length) / cuts);
    out.push({ label: `cut at ${at}`, bytes: bytes.slice(0, at) });
  }
  let seed = 12345;
  while (out.length < count) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const at = seed % bytes.length;
    const copy = bytes.slice();
    copy[at] = copy[at]! ^ (1 << (seed % 8));
    out.push({ label: `bit flipped at ${at}`, bytes: copy });
  }
  return out;
}

async function dump(db: LoupeDatabase) {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

let db: LoupeDatabase;
let batchBytes: Uint8Array;
let resultBytes: Uint8Array;

beforeAll(async () => {
  db = new LoupeDatabase(`damaged-imports-${Date.now()}`);
  const { schema, items } = await demoItems(6);
  batchBytes = await loupeFile({ schema, items });
  const events: ResultEvent[] = items.slice(0, 3).map((item, k) => ({
    id: `ana-${k}`,
    batchId: BATCH_ID,
    itemId: item.id,
    reviewerId: 'r-ana',
    reviewerName: 'Ana',
    deviceId: 'laptop-1',
    at: `2026-11-25T09:0${k}:00.000Z`,
    action: 'accept',
    status: 'accepted',
    changes: [],
    timeSpentMs: 3000,
  }));
  resultBytes = await writeResultFile({ batchId: BATCH_ID, revision: 1, reviewer: { id: 'r-ana', name: 'Ana' }, reviews: [], events });
  const first = await importFiles(db, [asFile('ward7.loupe', batchBytes), asFile('ana.loupe-result', resultBytes)], { batchFiles: openAnyway });
  expect(first.map((r) => r.outcome)).toEqual(['batch-file', 'results']);
});

afterAll(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function judge(report: FileReport, fileName: string): 'refused' | 'same' {
  if (report.outcome === 'failed') {
    for (const e of report.errors) expect(e.message).toContain(fileName);
    return 'refused';
  }
  if (report.outcome === 'batch-file') {
    expect(report.status).toBe('unchanged');
    return 'same';
  }
  if (report.outcome === 'results') {
    expect(report.added).toBe(0);
    return 'same';
  }
  throw new Error(`${fileName}: unexpected outcome ${report.outcome}`);
}

describe('damaged files imported over existing work', () => {
  it.each([
    ['a batch (.loupe)', 'ward7-copy.loupe', () => batchBytes],
    ['results (.loupe-result)', 'ana-copy.loupe-result', () => resultBytes],
  ])('%s: 600 damaged copies are refused or found identical, and nothing in the database changes', async (_kind, fileName, bytes) => {
    const before = await dump(db);
    const counts = { refused: 0, same: 0 };
    for (const variant of damaged(bytes(), 600)) {
      const [report] = await importFiles(db, [asFile(fileName, variant.bytes)], { batchFiles: openAnyway });
      counts[judge(report!, fileName)] += 1;
    }
    console.log(`${fileName}: ${counts.refused} refused, ${counts.same} found identical`);
    expect(counts.refused).toBeGreaterThan(500);
    expect(await dump(db)).toEqual(before);
  });
});
