// `loupe results export`: result files made here with writeResultFile, merged by the real command into
// the rows of BRIEF 3.3, checked field by field.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatchFile, readResultFile, writeResultFile, type EncryptionPublicKey, type ResultEvent } from '../../shared/batch-file';
import type { Item, ReviewAction, ReviewStatus } from '../../shared/domain';
import { fieldEffort } from '../../shared/effort';
import { initialReview, replay } from '../../shared/review';
import { DEMO_JSONL, DEMO_SCHEMA, expectOneLine, loupe, tempDir } from './run';

let t: ReturnType<typeof tempDir>;
const at = (name: string) => join(t.dir, name);
let items: Item[];
let batchId: string;
let overlap: [Item, Item];
let anaOnly: [Item, Item];

const REVIEWERS = { ana: 'Ana Ruiz', ben: 'Ben Okafor' };
type Who = keyof typeof REVIEWERS;
const STATUS: Partial<Record<ReviewAction, ReviewStatus>> = { accept: 'accepted', correct: 'corrected', reject: 'rejected' };

let clock = Date.parse('2026-11-26T09:00:00.000Z');
function event(who: Who, item: Item, action: 'accept' | 'correct' | 'reject', extra: Partial<ResultEvent> = {}): ResultEvent {
  clock += 60_000;
  return {
    id: `ev-${who}-${clock}`,
    batchId,
    itemId: item.id,
    reviewerId: who,
    reviewerName: REVIEWERS[who],
    deviceId: `laptop-${who}`,
    at: new Date(clock).toISOString(),
    action,
    status: STATUS[action]!,
    changes: [],
    timeSpentMs: 12_000,
    ...extra,
  };
}

/** A reviewer's `.loupe-result`, as the app writes it: their events, and the reviews they fold into. */
async function resultFile(name: string, who: Who, events: ResultEvent[], forBatch = batchId): Promise<void> {
  const reviews = items
    .filter((item) => events.some((e) => e.itemId === item.id))
    .map((item) => replay(initialReview({ ...item, batchId: forBatch }, { id: who, name: REVIEWERS[who] }), events.filter((e) => e.itemId === item.id)));
  const bytes = await writeResultFile({ batchId: forBatch, revision: 1, reviewer: { id: who, name: REVIEWERS[who] }, reviews, events });
  writeFileSync(at(name), bytes);
}

const CORRECTED = 'Er beginnt auch eine Affäre mit Veronica Harrington , die ihn freikauft .';

beforeAll(async () => {
  t = tempDir();
  const made = loupe(['batch', 'create', '--input', DEMO_JSONL, '--schema', DEMO_SCHEMA, '--out', 'pe.loupe', '--reviewers', 'ana,ben', '--overlap', '2'], t.dir);
  if (made.code !== 0) throw new Error(made.stderr);
  const read = await readBatchFile(new Uint8Array(readFileSync(at('pe.loupe'))), { trustedKeys: [] });
  const anaRead = await readBatchFile(new Uint8Array(readFileSync(at('pe.ana.loupe'))), { trustedKeys: [] });
  if (!read.ok || !anaRead.ok) throw new Error('the batch does not read');
  items = read.items;
  batchId = read.batch.id;
  const benIds = new Set(((await readBatchFile(new Uint8Array(readFileSync(at('pe.ben.loupe'))), { trustedKeys: [] })) as { items: Item[] }).items.map((i) => i.id));
  const shared = items.filter((i) => benIds.has(i.id) && anaRead.items.some((a) => a.id === i.id));
  overlap = [shared[0]!, shared[1]!];
  const own = items.filter((i) => !benIds.has(i.id));
  anaOnly = [own[1]!, own[2]!];

  // Ana corrects the first overlap item; Ben accepts it as it is: a conflict. Both accept the second.
  const anaEvents = [
    event('ana', overlap[0], 'correct', { changes: [{ field: 'text', old: overlap[0].output.text ?? null, new: CORRECTED }], reason: { old: null, new: 'mistranslation' } }),
    event('ana', overlap[1], 'accept'),
    event('ana', anaOnly[0], 'accept'),
    event('ana', anaOnly[1], 'reject', { comment: { old: '', new: 'source sentence is cut off' } }),
  ];
  const benEvents = [event('ben', overlap[0], 'accept'), event('ben', overlap[1], 'accept')];
  await resultFile('ana.loupe-result', 'ana', anaEvents);
  await resultFile('ben.loupe-result', 'ben', benEvents);
  await resultFile('other.loupe-result', 'ben', [{ ...benEvents[0]!, id: 'ev-other', batchId: 'b-someother' }], 'b-someother');
});
afterAll(() => t.remove());

interface Row {
  [key: string]: unknown;
  id: string;
  reviewer: string | null;
  status: string;
}
const rowsOf = (jsonl: string): Row[] => jsonl.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Row);

/** RFC 4180 as the export writes it: quoted cells with doubled quotes, CRLF records. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return records;
}

describe('results export', () => {
  it('merges two reviewers into BRIEF 3.3 rows, field by field, and counts the conflict on stderr', () => {
    const run = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', 'ben.loupe-result'], t.dir);
    expect(run.code).toBe(0);
    const rows = rowsOf(run.stdout);
    // Item order, then reviewer id: ana's own items and the overlap items (two verdicts each).
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.id)).toEqual(items.filter((i) => [...overlap, ...anaOnly].includes(i)).flatMap((i) => (overlap.includes(i) ? [i.id, i.id] : [i.id])));

    const corrected = rows.find((r) => r.id === overlap[0].id && r.reviewer === 'ana')!;
    expect(corrected).toEqual({
      id: overlap[0].id,
      batch: batchId,
      reviewer: 'ana',
      reviewerName: 'Ana Ruiz',
      status: 'corrected',
      output: { text: overlap[0].output.text },
      correction: { text: CORRECTED },
      comment: '',
      reason: 'mistranslation',
      reviewedAt: expect.stringMatching(/^2026-11-26T\d\d:\d\d:00\.000Z$/u),
      timeSpentMs: 12_000,
      effort: { text: fieldEffort(overlap[0].output.text as string, CORRECTED) },
      model: 'MLQE-PE en-de NMT',
      confidence: null,
      rationale: null,
      context: { source: overlap[0].context.source },
      meta: null,
    });
    expect(corrected.effort).not.toEqual({ text: { charEdits: 0, hter: 0 } });

    const accepted = rows.find((r) => r.id === overlap[0].id && r.reviewer === 'ben')!;
    expect(accepted).toMatchObject({ status: 'accepted', reviewerName: 'Ben Okafor', correction: { text: overlap[0].output.text }, effort: { text: { charEdits: 0, hter: 0 } } });
    const rejected = rows.find((r) => r.id === anaOnly[1].id)!;
    expect(rejected).toMatchObject({ status: 'rejected', comment: 'source sentence is cut off', reviewer: 'ana' });

    expect(run.stderr).toContain(`1 conflict: item ${overlap[0].id} — see --conflicts\n`);
  });

  it('writes the conflicts, one JSON line per item, with the verdicts and the fields that differ', () => {
    const run = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', 'ben.loupe-result', '--out', 'rows.jsonl', '--conflicts', 'conflicts.jsonl'], t.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(rowsOf(readFileSync(at('rows.jsonl'), 'utf8'))).toHaveLength(6);
    expect(run.stderr).toContain(`1 conflict: item ${overlap[0].id} — written to conflicts.jsonl`);

    const lines = readFileSync(at('conflicts.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const conflict = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(conflict).toMatchObject({
      id: overlap[0].id,
      batch: batchId,
      output: { text: overlap[0].output.text },
      fields: ['text'],
      pairs: [{ reviewers: ['ana', 'ben'], differs: ['status', 'values'], fields: ['text'] }],
    });
    expect(conflict.verdicts).toEqual([
      expect.objectContaining({ reviewer: 'ana', status: 'corrected', correction: { text: CORRECTED } }),
      expect.objectContaining({ reviewer: 'ben', status: 'accepted', correction: { text: overlap[0].output.text } }),
    ]);
  });

  it('writes CSV with the same fields flattened', () => {
    const run = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', 'ben.loupe-result', '--format', 'csv'], t.dir);
    expect(run.code).toBe(0);
    const [header, ...records] = csvRecords(run.stdout);
    expect(header).toEqual([
      'id', 'batch', 'reviewer', 'reviewerName', 'status', 'reviewedAt', 'timeSpentMs', 'comment', 'reason', 'model',
      'input.source', 'output.text', 'correction.text', 'effort.text.charEdits', 'effort.text.hter',
    ]);
    expect(records).toHaveLength(6);
    const row = Object.fromEntries(header!.map((h, i) => [h, records.find((r) => r[0] === overlap[0].id && r[2] === 'ana')![i]]));
    const effort = fieldEffort(overlap[0].output.text as string, CORRECTED);
    expect(row).toMatchObject({
      batch: batchId,
      status: 'corrected',
      reason: 'mistranslation',
      'output.text': overlap[0].output.text,
      'correction.text': CORRECTED,
      'input.source': overlap[0].context.source,
      'effort.text.charEdits': String(effort.charEdits),
      'effort.text.hter': String(effort.hter),
    });
  });

  it('--all adds every item without a verdict as pending', () => {
    const run = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', 'ben.loupe-result', '--all'], t.dir);
    const rows = rowsOf(run.stdout);
    const pending = rows.filter((r) => r.status === 'pending');
    expect(rows).toHaveLength(6 + 36);
    expect(pending).toHaveLength(36);
    expect(pending[0]).toMatchObject({ reviewer: null, reviewerName: null, correction: null, reviewedAt: null, effort: {} });
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(items.map((i) => i.id)));
  });

  it('counts the same result file given twice once', () => {
    const once = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', 'ben.loupe-result'], t.dir);
    const twice = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', 'ben.loupe-result', 'ana.loupe-result'], t.dir);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
    expect(twice.stderr).toContain('(6 events, 4 duplicates counted once)');
  });

  it('gives rows of a file handed out to another id `assignedAs`, keeping the real reviewer, as the desk does', async () => {
    // Two profiles (UUIDs) worked on the file handed to "ana"; Ben worked under his own id.
    const profiles = [
      { id: '0b7e4f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Ana Ruiz' },
      { id: '5a5a5a5a-1111-4222-8333-444455556666', name: 'Carla Diaz' },
    ];
    for (const [n, profile] of profiles.entries()) {
      const events = [event('ana', overlap[1], 'accept'), event('ana', anaOnly[n]!, 'accept')].map((e) => ({ ...e, id: `${e.id}-${n}`, reviewerId: profile.id, reviewerName: profile.name }));
      const reviews = events.map((e) => replay(initialReview(items.find((i) => i.id === e.itemId)!, profile), [e]));
      writeFileSync(at(`assigned-${n}.loupe-result`), await writeResultFile({ batchId, revision: 1, reviewer: profile, assignedAs: { id: 'ana', name: REVIEWERS.ana }, reviews, events }));
    }
    const run = loupe(['results', 'export', '--batch', 'pe.loupe', 'assigned-0.loupe-result', 'assigned-1.loupe-result', 'ben.loupe-result'], t.dir);
    expect(run.code).toBe(0);
    const rows = rowsOf(run.stdout);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      const profile = profiles.find((p) => p.id === row.reviewer);
      if (profile) expect(row).toMatchObject({ reviewerName: profile.name, assignedAs: 'ana' });
      else expect(row, 'Ben worked under his own id').not.toHaveProperty('assignedAs');
    }
    expect(rows.filter((r) => r.assignedAs === 'ana').map((r) => r.reviewer).sort()).toEqual([profiles[0]!.id, profiles[0]!.id, profiles[1]!.id, profiles[1]!.id].sort());

    const csv = csvRecords(loupe(['results', 'export', '--batch', 'pe.loupe', 'assigned-0.loupe-result', 'ben.loupe-result', '--format', 'csv'], t.dir).stdout);
    const column = csv[0]!.indexOf('assignedAs');
    expect(column).toBe(csv[0]!.length - 1);
    expect(csv.slice(1).map((r) => r[column])).toEqual(csv.slice(1).map((r) => (r[csv[0]!.indexOf('reviewer')] === profiles[0]!.id ? 'ana' : '')));
  });

  it('--key opens result files encrypted to the coordinator, and names the key it needs without it', async () => {
    expect(loupe(['keygen', '--encryption', '--out', 'coordinator.key'], t.dir).code).toBe(0);
    const key = JSON.parse(readFileSync(at('coordinator.key'), 'utf8')) as { publicKey: EncryptionPublicKey; fingerprint: string };
    const ana = readResultFile(new Uint8Array(readFileSync(at('ana.loupe-result'))), { trustedKeys: [] });
    const plain = await ana;
    if (!plain.ok) throw new Error(plain.error.message);
    const { ok: _ok, manifest: _m, trust: _t, encrypted: _e, ...contents } = plain;
    writeFileSync(at('ana-sealed.loupe-result'), await writeResultFile({ ...contents, encryptTo: key.publicKey }));

    const without = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana-sealed.loupe-result', 'ben.loupe-result'], t.dir);
    expect(without.code).toBe(1);
    expect(expectOneLine(without)).toBe(
      `ana-sealed.loupe-result: is encrypted to the key ${key.fingerprint}, and no encryption key was given — open it where that key is kept, or ask the reviewer for a copy encrypted to your key (with loupe: --key KEYFILE)`,
    );
    const sealed = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana-sealed.loupe-result', 'ben.loupe-result', '--key', 'coordinator.key'], t.dir);
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toBe(loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', 'ben.loupe-result'], t.dir).stdout);

    // Another key named twice: each file opens with the key it was encrypted to.
    expect(loupe(['keygen', '--encryption', '--out', 'other.key'], t.dir).code).toBe(0);
    const wrong = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana-sealed.loupe-result', '--key', 'other.key'], t.dir);
    expect(wrong.code).toBe(1);
    expect(expectOneLine(wrong)).toMatch(/^ana-sealed\.loupe-result: is encrypted to the key .*, and this device's key is /u);
    const both = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana-sealed.loupe-result', '--key', 'other.key', '--key', 'coordinator.key'], t.dir);
    expect(both.code).toBe(0);
    expect(rowsOf(both.stdout)).toHaveLength(4);
  });

  it('warns about results of another batch and leaves them out', () => {
    const run = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', 'other.loupe-result', '--quiet'], t.dir);
    expect(run.code).toBe(0);
    expect(rowsOf(run.stdout)).toHaveLength(4);
    expect(run.stderr).toBe(`warning: results of Ben Okafor are for batch b-someother, not ${batchId}, and were left out\n`);
  });

  it('needs the batch, refuses XLIFF for a JSONL batch, and names a damaged result file', () => {
    const noBatch = loupe(['results', 'export', 'ana.loupe-result'], t.dir);
    expect(noBatch.code).toBe(2);
    expect(expectOneLine(noBatch)).toMatch(/--batch FILE is missing — result files hold the reviewers' work but not the AI output/u);

    const xliff = loupe(['results', 'export', '--batch', 'pe.loupe', 'ana.loupe-result', '--format', 'xliff'], t.dir);
    expect(xliff.code).toBe(2);
    expect(expectOneLine(xliff)).toBe('loupe results export: --format xliff needs a batch made from XLIFF, and pe.loupe was made from JSONL — use --format jsonl or csv');

    const bytes = readFileSync(at('ana.loupe-result'));
    writeFileSync(at('cut.loupe-result'), bytes.subarray(0, bytes.length - 30));
    const cut = loupe(['results', 'export', '--batch', 'pe.loupe', 'cut.loupe-result'], t.dir);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toBe('');
    expect(expectOneLine(cut)).toMatch(/^cut\.loupe-result: /u);

    const swapped = loupe(['results', 'export', '--batch', 'ana.loupe-result'], t.dir);
    expect(swapped.code).toBe(1);
    expect(expectOneLine(swapped)).toMatch(/^ana\.loupe-result: /u);
  });
});
