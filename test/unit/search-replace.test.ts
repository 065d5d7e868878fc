// Search and replace across a batch, below the screen: the batch's segments as read for searching, filters by
// status, text and QA result, and replacements committed as the review screen commits (events, audit trail,
// outbox), refused where they would break a code, lose unsaved work or confirm a QA error; and their undo.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { appendEvent, batchSegments, eventsForItem, linkBatch, loadItemState, pendingCount, saveDraft, type LoupeDatabase, type SegmentRow } from '../../renderer/storage';
import { applyReplacement, planAll, planReplacement, undoReplacement, type PlannedChange, type ReplaceContext } from '../../renderer/queue/replacements';
import { filterSegments, QaCache, qaContextOf, type SegmentQuery } from '../../renderer/queue/segment-search';
import { compileQuery, segmentFields, type Matcher, type SearchOptions } from '../../shared/search';
import { commit, draftFromReview } from '../../shared/review';
import type { TaskSchema } from '../../shared/domain';
import { commitVerdict, databasesPerTest } from './storage-harness';
import { segmentId, storeXliff, xliff12 } from './segments-harness';

const { database } = databasesPerTest('loupe-search-replace');
const REVIEWER = { id: 'tr-1', name: 'Tove' };
const BATCH = 'manual';

const UNITS = [
  { id: 'save', source: 'Save the file of the <g id="1">customer</g>.', target: 'Die Datei des <g id="1">Kunden</g> speichern.' },
  { id: 'pay', source: 'The customer pays 25 EUR.', target: 'Der Kunde zahlt 25 EUR.' },
  { id: 'call', source: 'Call the customer.', target: 'Den Kunde anrufen.' },
  { id: 'king', source: 'The <g id="1">customer</g> is king.', target: 'Der <g id="1">Kunde</g> ist König.' },
];

function matcher(query: string, options: Partial<SearchOptions> = {}): Matcher {
  const compiled = compileQuery(query, { caseSensitive: false, wholeWord: false, regex: false, ...options });
  if (!compiled?.ok) throw new Error(query);
  return compiled.matcher;
}

/** Confirms a segment with `target` as the reviewer's correction, as the review screen commits it. */
async function correct(db: LoupeDatabase, schema: TaskSchema, unit: string, target: string, qaOverrides?: { rule: string; key: string; message: string; reason: string }[]) {
  const state = (await loadItemState(db, BATCH, segmentId(unit), REVIEWER))!;
  const draft = { ...draftFromReview(state.review), values: { target } };
  const made = commit({ schema, item: state.item, review: state.review, draft, intent: 'confirm', reviewer: REVIEWER, deviceId: 'laptop', eventId: crypto.randomUUID(), at: new Date().toISOString(), timeSpentMs: 900, qaOverrides });
  if (!made.ok || !made.event) throw new Error('no event');
  await appendEvent(db, made.event, { expectedLastEventId: state.review.lastEventId });
}

async function setUp(db: LoupeDatabase = database()) {
  const { schema } = await storeXliff(db, BATCH, 'manual', xliff12(UNITS));
  const fields = segmentFields(schema)!;
  const by = { batchId: BATCH, schema, reviewer: REVIEWER, deviceId: 'laptop', timeSpentMs: 1000 };
  await commitVerdict(db, by, segmentId('pay'), 'confirm');
  await correct(db, schema, 'king', 'Der ⟨1⟩Kunde⟨/1⟩ ist König!');
  const ctx: ReplaceContext = { db, batchId: BATCH, schema, fields, reviewer: REVIEWER, deviceId: 'laptop' };
  const rows = () => batchSegments(db, BATCH, schema, fields, REVIEWER.id);
  const row = async (unit: string) => (await rows()).find((r) => r.id === segmentId(unit))!;
  return { db, schema, fields, ctx, rows, row, by, qa: qaContextOf(schema, fields, null) };
}

const ids = (rows: readonly SegmentRow[]) => rows.map((r) => r.id.split('/')[1]);

describe('the segments of a batch', () => {
  it('are read with the reviewer’s targets and statuses, codes kept as placeholders', async () => {
    const { rows } = await setUp();
    const read = await rows();
    expect(ids(read)).toEqual(['save', 'pay', 'call', 'king']);
    const king = read[3]!;
    expect(king).toMatchObject({ status: 'corrected', target: 'Der ⟨1⟩Kunde⟨/1⟩ ist König!', coded: true, targetPlain: 'Der \uFFFCKunde\uFFFC ist König!', unsaved: false });
    expect(read[1]).toMatchObject({ status: 'accepted', source: 'The customer pays 25 EUR.', target: 'Der Kunde zahlt 25 EUR.', targetPlain: 'Der Kunde zahlt 25 EUR.' });
  });

  it('say when the reviewer has unsaved work on one', async () => {
    const { db, row } = await setUp();
    await saveDraft(db, { batchId: BATCH, itemId: segmentId('call'), reviewerId: REVIEWER.id, values: { target: 'Den Kunden anrufen.' }, comment: '', reason: null, activeMs: 5000, updatedAt: '2026-11-25T10:00:00.000Z' });
    expect((await row('call')).unsaved).toBe(true);
  });

  it('are filtered by source, target, status and QA result together', async () => {
    const { rows, qa } = await setUp();
    const all = await rows();
    const run = (query: Partial<SegmentQuery>) => filterSegments(all, { source: null, target: null, status: 'all', qa: 'any', ...query }, new QaCache(qa!), () => true, () => undefined);
    expect(ids((await run({ target: matcher('Kunde', { wholeWord: true }) }))!)).toEqual(['pay', 'call', 'king']);
    expect(ids((await run({ target: matcher('Kunde', { wholeWord: true }), status: 'pending' }))!)).toEqual(['call']);
    expect(ids((await run({ source: matcher('king'), target: matcher('kunde') }))!)).toEqual(['king']);
    // "King!" ends with another mark than the source's full stop: a warning; none has an error.
    expect(ids((await run({ qa: 'warnings' }))!)).toEqual(['king']);
    expect(ids((await run({ qa: 'errors' }))!)).toEqual([]);
    expect(ids((await run({ qa: 'clean' }))!)).toEqual(['save', 'pay', 'call']);
  });
});

describe('a replacement', () => {
  it('on a confirmed segment is a correction: it stays confirmed, with an event in its history', async () => {
    const { ctx, row, qa, db } = await setUp();
    const planned = planReplacement(await row('pay'), matcher('Kunde', { wholeWord: true }), 'Auftraggeber', qa);
    expect(planned).toMatchObject({ ok: true, change: { text: 'Der Auftraggeber zahlt 25 EUR.', count: 1, verdict: true } });
    const applied = await applyReplacement(ctx, (planned as { change: PlannedChange }).change);
    expect(applied).toMatchObject({ ok: true, row: { status: 'corrected', target: 'Der Auftraggeber zahlt 25 EUR.' } });
    const events = await eventsForItem(db, BATCH, segmentId('pay'));
    expect(events.at(-1)).toMatchObject({ action: 'correct', status: 'corrected', reviewerId: REVIEWER.id, deviceId: 'laptop', changes: [{ field: 'target', old: 'Der Kunde zahlt 25 EUR.', new: 'Der Auftraggeber zahlt 25 EUR.' }] });
    expect((await db.reviews.get([BATCH, segmentId('pay'), REVIEWER.id]))?.values.target).toBe('Der Auftraggeber zahlt 25 EUR.');
  });

  it('on an unconfirmed segment is an edit: the status stays for the reviewer’s verdict', async () => {
    const { ctx, row, qa, db } = await setUp();
    const planned = planReplacement(await row('call'), matcher('Kunde', { wholeWord: true }), 'Auftraggeber', qa);
    expect(planned).toMatchObject({ ok: true, change: { verdict: false } });
    const applied = await applyReplacement(ctx, (planned as { change: PlannedChange }).change);
    expect(applied).toMatchObject({ ok: true, row: { status: 'pending', target: 'Den Auftraggeber anrufen.' } });
    expect((await eventsForItem(db, BATCH, segmentId('call'))).map((e) => [e.action, e.status])).toEqual([['edit', 'pending']]);
  });

  it('joins the outbox of a batch that syncs, as any commit does', async () => {
    const { ctx, rows, qa, db } = await setUp();
    await linkBatch(db, { batchId: BATCH, server: 'https://sync.example', role: 'reviewer', reviewer: REVIEWER, revision: 1 });
    const before = await pendingCount(db);
    const plan = await planAll(await rows(), matcher('Kunde', { wholeWord: true }), 'Auftraggeber', qa, () => true, () => undefined);
    expect(plan?.changes.map((c) => c.row.id.split('/')[1])).toEqual(['pay', 'call', 'king']);
    for (const change of plan!.changes) expect((await applyReplacement(ctx, change)).ok).toBe(true);
    expect(await pendingCount(db)).toBe(before + 3);
  });

  it('keeps the inline codes around the text it replaces', async () => {
    const { ctx, row, qa } = await setUp();
    const planned = planReplacement(await row('king'), matcher('Kunde'), 'Auftraggeber', qa);
    const applied = await applyReplacement(ctx, (planned as { change: PlannedChange }).change);
    expect(applied).toMatchObject({ ok: true, row: { target: 'Der ⟨1⟩Auftraggeber⟨/1⟩ ist König!' } });
  });

  it('is refused, naming the code, where the match holds one', async () => {
    const { row, qa } = await setUp();
    expect(planReplacement(await row('king'), matcher('Der .Kunde', { regex: true }), 'Die Kundin', qa)).toMatchObject({ ok: false, refusal: { kind: 'cuts-code', code: '⟨1⟩', match: 'Der ⟨1⟩Kunde' } });
  });

  it('is refused on a segment with unsaved work, which a commit would discard', async () => {
    const { db, row, qa, ctx } = await setUp();
    const read = await row('call');
    await saveDraft(db, { batchId: BATCH, itemId: read.id, reviewerId: REVIEWER.id, values: { target: 'Den Kunden anrufen.' }, comment: '', reason: null, activeMs: 5000, updatedAt: '2026-11-25T10:00:00.000Z' });
    // Planned before the draft was written: applying it finds the draft.
    const planned = planReplacement(read, matcher('Kunde'), 'Auftraggeber', qa);
    expect(await applyReplacement(ctx, (planned as { change: PlannedChange }).change)).toEqual({ ok: false, refusal: { kind: 'unsaved' } });
    expect(planReplacement(await row('call'), matcher('Kunde'), 'Auftraggeber', qa)).toMatchObject({ ok: false, refusal: { kind: 'unsaved' } });
  });

  it('keeps a confirmed segment free of QA errors: one it would bring is a refusal', async () => {
    const { row, qa } = await setUp();
    const planned = planReplacement(await row('pay'), matcher('25'), '52', qa);
    expect(planned).toMatchObject({ ok: false, refusal: { kind: 'qa' } });
    expect((planned as { refusal: { message: string } }).refusal.message).toMatch(/25/u);
    // An unconfirmed segment is checked when the reviewer confirms it.
    expect(planReplacement(await row('call'), matcher('Den'), 'Die 3', qa)).toMatchObject({ ok: true });
  });

  it('is refused when the item changed after it was read', async () => {
    const { ctx, row, qa, by, db } = await setUp();
    const planned = planReplacement(await row('call'), matcher('Kunde'), 'Auftraggeber', qa);
    await commitVerdict(db, by, segmentId('call'), 'flag');
    expect(await applyReplacement(ctx, (planned as { change: PlannedChange }).change)).toEqual({ ok: false, refusal: { kind: 'changed' } });
  });

  it('replacing a text by itself changes nothing', async () => {
    const { row, qa } = await setUp();
    expect(planReplacement(await row('pay'), matcher('Kunde'), 'Kunde', qa)).toBeNull();
    expect(planReplacement(await row('pay'), matcher('nowhere'), 'x', qa)).toBeNull();
  });

  it('is undone by a new event that brings back the status and text, unless the item changed since', async () => {
    const { ctx, row, qa, db, by } = await setUp();
    for (const unit of ['pay', 'call']) {
      const read = await row(unit);
      const applied = await applyReplacement(ctx, (planReplacement(read, matcher('Kunde', { wholeWord: true }), 'Auftraggeber', qa) as { change: PlannedChange }).change);
      if (!applied.ok) throw new Error('not applied');
      expect(await undoReplacement(ctx, applied.step, applied.row)).toMatchObject({ ok: true, row: { target: read.target, status: read.status } });
    }
    expect((await eventsForItem(db, BATCH, segmentId('pay'))).map((e) => e.action)).toEqual(['accept', 'correct', 'accept']);
    expect((await eventsForItem(db, BATCH, segmentId('call'))).map((e) => e.action)).toEqual(['edit', 'edit']);

    const applied = await applyReplacement(ctx, (planReplacement(await row('pay'), matcher('Kunde'), 'Auftraggeber', qa) as { change: PlannedChange }).change);
    if (!applied.ok) throw new Error('not applied');
    await commitVerdict(db, by, segmentId('pay'), 'flag');
    expect(await undoReplacement(ctx, applied.step, applied.row)).toEqual({ ok: false, refusal: { kind: 'changed' } });
  });

  it('keeps the overrides of the verdict that still answer an error', async () => {
    const { ctx, db, row, qa, schema } = await setUp();
    const overrides = ['⟨1⟩', '⟨/1⟩'].map((key) => ({ rule: 'codes.missing', key, message: `The inline code ${key} is missing.`, reason: 'The client wants no bold here.' }));
    await correct(db, schema, 'save', 'Die Datei des Kunden speichern.', overrides);
    const planned = planReplacement(await row('save'), matcher('Kunden'), 'Auftraggebers', qa);
    expect(planned).toMatchObject({ ok: true, change: { verdict: true, overrides: overrides.map(({ rule, key }) => ({ rule, key })) } });
    await applyReplacement(ctx, (planned as { change: PlannedChange }).change);
    expect((await eventsForItem(db, BATCH, segmentId('save'))).at(-1)).toMatchObject({ action: 'correct', status: 'corrected', qaOverrides: overrides });
  });
});
