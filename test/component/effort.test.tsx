import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { contractLines, decide, giveListRoom, newDatabase, renderApp, seedBatch } from './app-harness';
import { ANA, BEN, asFile, resultFile, seedContract, seedPlan } from './desk-harness';

// The contract, and its first sentence once more: the second time it is a repetition.
const lines = [...contractLines, { id: 'seg-4', input: 'The parties agree.', output: 'Die Parteien stimmen zu.' }];

/** The figures of a row of an effort table, column by column: items, words, new, repeated, edits, HTER, time, words per hour. */
const figures = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

let restore: () => void;
beforeEach(() => {
  restore = giveListRoom();
});
afterEach(() => restore());

describe('effort on the batch page', () => {
  it('shows the reviewer’s totals and the batch’s source words, repetitions apart', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'contract.jsonl', lines);
    await decide(db, batch.id, 'seg-1', 'confirm');
    await decide(db, batch.id, 'seg-4', 'confirm', { text: 'Die Parteien sind sich einig.' });
    renderApp({ db, hash: `#/batch/${batch.id}` });

    const table = await screen.findByRole('table', { name: 'Your effort' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Items reviewed',
      'Source words',
      'New words',
      'Repetition words',
      'Character edits',
      'HTER (word-weighted)',
      'Editing time',
      'Words per hour',
    ]);
    const [, mine] = within(table).getAllByRole('row');
    // seg-4 repeats seg-1's source; 3 of its 5 final words were edited, seg-1's 4 words none: 3 / 9.
    expect(figures(mine!)).toEqual(['2', '6', '3', '3', '12', '0.333', '3 sec', '7,200']);
    expect(screen.getByText(/^This batch: 4 segments, 16 source words \(13 new, 3 in repetitions\)\. Source words are counted in “text”\.$/)).toBeTruthy();
  });

  it('counts a verdict given on the review screen when the reviewer comes back to the list', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'contract.jsonl', lines);
    const { user } = renderApp({ db, hash: `#/batch/${batch.id}` });
    const before = await screen.findByRole('table', { name: 'Your effort' });
    expect(figures(within(before).getAllByRole('row')[1]!)).toEqual(['0', '0', '0', '0', '0', '—', '0 sec', '—']);
    const list = await screen.findByRole('listbox');
    list.focus();
    await user.keyboard('j{Enter}');
    const correction = () => screen.getByRole('textbox', { name: /^Correction/u }) as HTMLInputElement;
    await waitFor(() => expect(correction().value).toBe('Dieser Vertrag ist nichtig.'));
    await user.clear(correction());
    await user.type(correction(), 'Dieser Vertrag ist ungültig.');
    await user.click(screen.getByRole('button', { name: /^Accept/u }));
    await waitFor(() => expect(correction().value).toBe('Die Zahlung ist in 30 Tagen fällig.'));
    await user.click(screen.getByRole('button', { name: /^Back to the list/u }));

    const table = await screen.findByRole('table', { name: 'Your effort' });
    await waitFor(() => expect(figures(within(table).getAllByRole('row')[1]!).slice(0, 6)).toEqual(['1', '4', '4', '0', '4', '0.250']));
  });
});

describe('effort on the desk', () => {
  it('shows each reviewer’s effort from the results collected, and all reviewers’', async () => {
    const db = newDatabase();
    const batch = await seedContract(db);
    await seedPlan(db, batch.id);
    const ana = await resultFile(db, batch.id, ANA, [
      { itemId: 'seg-1', intent: 'confirm' },
      { itemId: 'seg-2', intent: 'confirm' },
      { itemId: 'seg-3', intent: 'confirm', values: { text: 'Die Zahlung ist binnen 30 Tagen fällig.' } },
      { itemId: 'seg-5', intent: 'reject' },
    ]);
    const ben = await resultFile(db, batch.id, BEN, [
      { itemId: 'seg-2', intent: 'confirm', values: { text: 'Dieser Vertrag ist <b>x</b>.' } },
      { itemId: 'seg-4', intent: 'flag' },
      { itemId: 'seg-5', intent: 'reject' },
    ]);
    const { user } = renderApp({ db, hash: `#/batch/${batch.id}/desk` });
    await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });
    expect(await screen.findByText(/^No verdicts yet/)).toBeTruthy();

    await user.upload(screen.getByTestId('desk-results-input') as HTMLInputElement, [asFile('ana.loupe-result', ana.bytes), asFile('ben.loupe-result', ben.bytes)]);
    const table = await screen.findByRole('table', { name: 'Effort per reviewer' });
    const row = (name: RegExp) => within(table).getByRole('row', { name });
    expect(within(table).getAllByRole('columnheader')[0]?.textContent).toBe('Reviewer');
    // Ana: one word of seg-3's seven changed, 18 final words in all; Ben: one of seg-2's four, of 9.
    expect(figures(row(/Ana \(r-ana\)/))).toEqual(['4', '16', '16', '0', '4', '0.056', '4 sec', '14,400']);
    expect(figures(row(/Ben \(r-ben\)/))).toEqual(['3', '9', '9', '0', '9', '0.111', '3 sec', '10,800']);
    expect(figures(row(/All reviewers/))).toEqual(['7', '25', '25', '0', '13', '0.074', '7 sec', '12,857']);
    const section = screen.getByRole('region', { name: 'Effort' });
    expect(within(section).getByText(/^This batch: 6 segments, 20 source words \(20 new, 0 in repetitions\)\./)).toBeTruthy();
  });
});
