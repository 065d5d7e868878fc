import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { newDatabase, renderApp, REVIEWER } from './app-harness';
import { ANA, BEN, asFile, resultFile, seedContract, seedPlan } from './desk-harness';
import type { LoupeDatabase } from '../../renderer/storage';

/**
 * Ana and Ben worked on their shares. They disagree on seg-2, which both had (overlap): Ana accepted the
 * AI output, Ben rewrote it (with markup-looking text, which must stay text). Both rejected seg-5.
 */
async function results(db: LoupeDatabase, batchId: string) {
  const ana = await resultFile(db, batchId, ANA, [
    { itemId: 'seg-1', intent: 'confirm' },
    { itemId: 'seg-2', intent: 'confirm' },
    { itemId: 'seg-3', intent: 'confirm', values: { text: 'Die Zahlung ist binnen 30 Tagen fällig.' } },
    { itemId: 'seg-5', intent: 'reject' },
  ]);
  const ben = await resultFile(db, batchId, BEN, [
    { itemId: 'seg-2', intent: 'confirm', values: { text: 'Dieser Vertrag ist <b>x</b>.' } },
    { itemId: 'seg-4', intent: 'flag' },
    { itemId: 'seg-5', intent: 'reject' },
  ]);
  return { ana, ben };
}

async function openDesk() {
  const db = newDatabase();
  const batch = await seedContract(db);
  await seedPlan(db, batch.id);
  const files = await results(db, batch.id);
  const app = renderApp({ db, hash: `#/batch/${batch.id}/desk` });
  await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });
  const upload = async (list: File[]) => app.user.upload(screen.getByTestId('desk-results-input') as HTMLInputElement, list);
  return { ...app, batch, files, upload };
}

function progressRow(name: RegExp): (string | null)[] {
  const table = screen.getByRole('table', { name: 'Progress per reviewer' });
  return within(within(table).getByRole('row', { name })).getAllByRole('cell').map((c) => c.textContent);
}

// assigned, pending, accepted, corrected, rejected, flagged, (last activity), time spent
const counts = (row: (string | null)[]) => [...row.slice(0, 6), row[7]];

describe('the desk: collecting results', () => {
  it('imports result files, shows progress per reviewer and agreement on the overlap', async () => {
    const { upload, files } = await openDesk();
    await upload([asFile('ana.loupe-result', files.ana.bytes), asFile('ben.loupe-result', files.ben.bytes)]);
    const reports = await screen.findByRole('list', { name: 'What became of each file' });
    expect(within(reports).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['ana.loupe-result: 4 new events of Ana.', 'ben.loupe-result: 3 new events of Ben.']);

    await waitFor(() => expect(counts(progressRow(/Ana/))).toEqual(['4', '0', '2', '1', '1', '0', '4 s']));
    expect(counts(progressRow(/Ben/))).toEqual(['4', '1', '0', '1', '1', '1', '3 s']);
    expect(counts(progressRow(/All reviewers/))).toEqual(['8', '1', '2', '2', '2', '1', '7 s']);
    expect(screen.getByText('5 of 6 items have at least one verdict.')).toBeTruthy();
    expect(screen.getByText(/Agreement on the 2 overlap items reviewed by two or more: 50% pairwise percent agreement \(1 of 2 reviewer pairs/)).toBeTruthy();
  });

  it('says a file imported twice is already here, and changes no number', async () => {
    const { upload, files } = await openDesk();
    await upload([asFile('ana.loupe-result', files.ana.bytes)]);
    await waitFor(() => expect(counts(progressRow(/Ana/))).toEqual(['4', '0', '2', '1', '1', '0', '4 s']));
    await upload([asFile('ana-again.loupe-result', files.ana.bytes)]);
    expect(await screen.findByText('ana-again.loupe-result: already here (4 events of Ana); nothing changed.')).toBeTruthy();
    expect(counts(progressRow(/Ana/))).toEqual(['4', '0', '2', '1', '1', '0', '4 s']);
  });

  it('reports a damaged file with its message and still imports the others', async () => {
    const { upload, files } = await openDesk();
    const damaged = files.ana.bytes.slice(0, files.ana.bytes.length - 40);
    await upload([asFile('ana.loupe-result', damaged), asFile('ben.loupe-result', files.ben.bytes)]);
    const reports = await screen.findByRole('list', { name: 'What became of each file' });
    const [bad, good] = within(reports).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(bad).toMatch(/^ana\.loupe-result: /);
    expect(bad).not.toMatch(/new events/);
    expect(good).toBe('ben.loupe-result: 3 new events of Ben.');
    await waitFor(() => expect(counts(progressRow(/Ben/))).toEqual(['4', '1', '0', '1', '1', '1', '3 s']));
    expect(counts(progressRow(/Ana/))).toEqual(['4', '4', '0', '0', '0', '0', '0 s']);
  });
});

describe('the desk: conflicts', () => {
  async function withConflict() {
    const desk = await openDesk();
    await desk.upload([asFile('ana.loupe-result', desk.files.ana.bytes), asFile('ben.loupe-result', desk.files.ben.bytes)]);
    await screen.findByText('1 open conflict', { exact: false });
    return desk;
  }

  it('shows the AI output and both verdicts side by side, as text', async () => {
    await withConflict();
    expect(screen.getByRole('heading', { name: 'Conflict 1 of 1: item seg-2' })).toBeTruthy();
    const table = document.querySelector('.desk-conflict-table')!;
    const headers = within(table as HTMLElement).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Field', 'AI output', '1. Ana', '2. Ben', 'Final']);
    const text = within(table as HTMLElement).getByRole('row', { name: /^text/ });
    const [ai, ana, ben] = within(text).getAllByRole('cell');
    expect(ai!.textContent).toBe('Dieser Vertrag ist <i>nichtig</i>.');
    expect(ana!.textContent).toBe('Dieser Vertrag ist <i>nichtig</i>.');
    // Ben's text with his changes marked: read without the removed parts, it is his text, literally.
    expect(ben!.querySelectorAll('ins').length).toBeGreaterThan(0);
    const after = ben!.cloneNode(true) as HTMLElement;
    for (const gone of after.querySelectorAll('del, .loupe-visually-hidden')) gone.remove();
    expect(after.textContent).toBe('Dieser Vertrag ist <b>x</b>.');
    expect(table.querySelector('b, i')).toBeNull();
    expect(within(table as HTMLElement).getByRole('row', { name: /^Status/ }).textContent).toContain('accepted');
    expect((screen.getByRole('textbox', { name: 'Final: text' }) as HTMLTextAreaElement).value).toBe('Dieser Vertrag ist <i>nichtig</i>.');
  });

  it('decides for Ben’s version: an adjudicate event that saw both verdicts, and the conflict is settled', async () => {
    const { user, db, batch, files, platform } = await withConflict();
    await user.click(screen.getByRole('button', { name: /^Use Ben’s/ }));
    expect((screen.getByRole('textbox', { name: 'Final: text' }) as HTMLTextAreaElement).value).toBe('Dieser Vertrag ist <b>x</b>.');
    await user.type(screen.getByRole('textbox', { name: 'Your comment (optional)' }), 'Ben is right.');
    await user.click(screen.getByRole('button', { name: /^Decide/ }));

    await screen.findByText('0 open conflicts', { exact: false });
    expect(screen.getByText('1 decided', { exact: false })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Decided 1 of 1: item seg-2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change the decision' })).toBeTruthy();

    const decisions = await db.events.where('batchId').equals(batch.id).filter((e) => e.action === 'adjudicate').toArray();
    expect(decisions).toHaveLength(1);
    const anaLast = files.ana.events.find((e) => e.itemId === 'seg-2')!.id;
    const benLast = files.ben.events.find((e) => e.itemId === 'seg-2')!.id;
    expect(decisions[0]).toMatchObject({
      itemId: 'seg-2',
      reviewerId: REVIEWER.id,
      status: 'corrected',
      seen: [anaLast, benLast],
      changes: [{ field: 'text', old: 'Dieser Vertrag ist <i>nichtig</i>.', new: 'Dieser Vertrag ist <b>x</b>.' }],
      comment: { old: '', new: 'Ben is right.' },
    });
    const review = await db.reviews.get([batch.id, 'seg-2', REVIEWER.id]);
    expect(review?.lastEventId).toBe(decisions[0]!.id);

    // The merged results: every verdict, the decision marked with the reviewers it decides between.
    await user.click(screen.getByRole('button', { name: /^Merged results JSONL/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
    const file = platform.savedFiles[0]!;
    expect(file.suggestedName).toBe('contract.merged.jsonl');
    const lines = String(file.data).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((r) => [r.id, r.reviewer, r.status, r.correction.text, r.decides ?? null])).toEqual([
      ['seg-1', 'r-ana', 'accepted', 'Die Parteien stimmen zu.', null],
      ['seg-2', 'r-ana', 'accepted', 'Dieser Vertrag ist <i>nichtig</i>.', null],
      ['seg-2', 'r-ben', 'corrected', 'Dieser Vertrag ist <b>x</b>.', null],
      ['seg-2', REVIEWER.id, 'corrected', 'Dieser Vertrag ist <b>x</b>.', ['r-ana', 'r-ben']],
      ['seg-3', 'r-ana', 'corrected', 'Die Zahlung ist binnen 30 Tagen fällig.', null],
      ['seg-4', 'r-ben', 'flagged', 'Hier unterschreiben.', null],
      ['seg-5', 'r-ana', 'rejected', 'Null und nichtig.', null],
      ['seg-5', 'r-ben', 'rejected', 'Null und nichtig.', null],
    ]);
    expect(lines[3]).toMatchObject({ batch: batch.id, reviewerName: REVIEWER.name, comment: 'Ben is right.', output: { text: 'Dieser Vertrag ist <i>nichtig</i>.' } });
    expect(lines[3].effort.text.charEdits).toBeGreaterThan(0);
    // The coordinator's decision is no reviewer's share: the progress table does not list them.
    const table = screen.getByRole('table', { name: 'Progress per reviewer' });
    expect(within(table).queryByRole('row', { name: new RegExp(REVIEWER.name) })).toBeNull();
  });

  it('moves, picks and decides from the keyboard, and writes open conflicts to their own file', async () => {
    const { user, db, batch, platform } = await withConflict();
    await user.click(screen.getByRole('heading', { name: 'Conflict 1 of 1: item seg-2' }));
    await user.click(screen.getByRole('button', { name: /^Open conflicts JSONL/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
    const [conflict] = String(platform.savedFiles[0]!.data).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(conflict).toMatchObject({ id: 'seg-2', batch: batch.id, output: { text: 'Dieser Vertrag ist <i>nichtig</i>.' } });
    expect(conflict.verdicts.map((v: { reviewer: string; status: string }) => [v.reviewer, v.status])).toEqual([
      ['r-ana', 'accepted'],
      ['r-ben', 'corrected'],
    ]);

    screen.getByRole('heading', { name: 'Conflict 1 of 1: item seg-2' }).focus();
    await user.keyboard('1');
    expect(screen.getByRole('button', { name: /^Use Ana’s/ }).getAttribute('aria-pressed')).toBe('true');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByText('0 open conflicts', { exact: false });
    const decision = await db.events.where('batchId').equals(batch.id).filter((e) => e.action === 'adjudicate').first();
    expect(decision).toMatchObject({ status: 'accepted', changes: [] });
  });
});
