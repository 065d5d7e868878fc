// Search and replace on the batch page: Ctrl+H opens it in the list's place; the sources and targets are searched
// with the options and the status and QA filters, the matches marked; a bad regular expression is said; targets
// are replaced one segment at a time or all after a confirmation that says how many change, never breaking an
// inline code; and the last replacement can be undone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { routeHref } from '../../renderer/app';
import { eventsForItem } from '../../renderer/storage';
import { decide, giveListRoom, newDatabase, REVIEWER, renderApp } from './app-harness';
import { segmentId, storeXliff, xliff12 } from '../unit/segments-harness';

let restore: () => void;
beforeEach(() => {
  restore = giveListRoom();
});
afterEach(() => restore());

const UNITS = [
  { id: 'save', source: 'Save the file of the <g id="1">customer</g>.', target: 'Die Datei des <g id="1">Kunde</g> speichern.' },
  { id: 'pay', source: 'The customer pays 25 EUR.', target: 'Der Kunde zahlt 25 EUR.' },
  { id: 'call', source: 'Call the customer.', target: 'Den Kunde anrufen.' },
  { id: 'service', source: 'Customer service', target: 'Kundendienst' },
  { id: 'ar', source: 'The customer', target: 'العميل' },
];

async function openReplace() {
  const db = newDatabase();
  await storeXliff(db, 'manual', 'Manual', xliff12(UNITS));
  await decide(db, 'manual', segmentId('pay'), 'confirm');
  await decide(db, 'manual', segmentId('service'), 'confirm', { target: 'Kundendienst!' });
  const app = renderApp({ db, hash: routeHref({ page: 'batch', batchId: 'manual' }) });
  await screen.findByRole('heading', { name: 'Manual', level: 1 });
  await screen.findByRole('listbox', { name: 'Items of Manual' });
  await app.user.keyboard('{Control>}h{/Control}');
  const region = await screen.findByRole('region', { name: 'Search and replace' });
  await waitFor(() => expect(within(region).queryByText(/^Reading the segments/u)).toBeNull());
  return { ...app, db, region };
}

const input = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const results = () => screen.getByRole('listbox', { name: 'Segments found' });
const found = () => within(results()).getAllByRole('option').map((o) => o.querySelector('.item-id')?.textContent?.split('/')[1]);
const status = (region: HTMLElement) => within(region).getAllByRole('status')[0]!;

describe('Search and replace', () => {
  it('opens with Ctrl+H in the list’s place, with the focus on what to find in the target', async () => {
    const { region } = await openReplace();
    expect(document.activeElement).toBe(input('In the target'));
    expect(screen.queryByRole('listbox', { name: 'Items of Manual' })).toBeNull();
    await waitFor(() => expect(found()).toEqual(['save', 'pay', 'call', 'service', 'ar']));
    expect(status(region).textContent).toContain('5 segments of 5 match.');
    expect(screen.getByRole('button', { name: /^Replace in this segment/u }).getAttribute('aria-keyshortcuts')).toBe('Control+Enter Meta+Enter');
    expect((await axe.run(region)).violations).toEqual([]);
  });

  it('finds in the target and the source, with whole words and case, and marks the matches', async () => {
    const { user } = await openReplace();
    await user.type(input('In the target'), 'kunde');
    await waitFor(() => expect(found()).toEqual(['save', 'pay', 'call', 'service']));
    await user.click(screen.getByRole('checkbox', { name: 'Whole words' }));
    await waitFor(() => expect(found()).toEqual(['save', 'pay', 'call']));
    await user.click(screen.getByRole('checkbox', { name: 'Match case' }));
    await waitFor(() => expect(screen.queryByRole('listbox', { name: 'Segments found' })).toBeNull());
    await user.click(screen.getByRole('checkbox', { name: 'Match case' }));
    await user.type(input('In the source'), 'pays');
    await waitFor(() => expect(found()).toEqual(['pay']));
    const row = within(results()).getByRole('option');
    expect([...row.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['pays', 'Kunde']);
  });

  it('filters by status and by QA result', async () => {
    const { user } = await openReplace();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'accepted');
    await waitFor(() => expect(found()).toEqual(['pay']));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'all');
    // "Kundendienst!" ends with another mark than its source: a warning. The Arabic target is clean.
    await user.selectOptions(screen.getByRole('combobox', { name: 'QA result' }), 'warnings');
    await waitFor(() => expect(found()).toEqual(['service']));
    await user.selectOptions(screen.getByRole('combobox', { name: 'QA result' }), 'clean');
    await waitFor(() => expect(found()).toContain('ar'));
    expect(found()).not.toContain('service');
  });

  it('says what is wrong with a regular expression it cannot read', async () => {
    const { user } = await openReplace();
    await user.click(screen.getByRole('checkbox', { name: 'Regular expression' }));
    await user.type(input('In the target'), 'Kunde(');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This regular expression cannot be read: Unterminated group. Correct it, or turn off “Regular expression” to search for the text as typed.');
    expect(input('In the target').getAttribute('aria-invalid')).toBe('true');
    expect(input('In the target').getAttribute('aria-describedby')).toBe(alert.id);
    await user.type(input('In the target'), ')');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('replaces in the chosen segment with Ctrl+Enter, previews it first, and moves on', async () => {
    const { user, db } = await openReplace();
    await user.type(input('In the target'), 'Kunde');
    await user.click(screen.getByRole('checkbox', { name: 'Whole words' }));
    await user.type(input('Replace in the target with'), 'Auftraggeber');
    await waitFor(() => expect(found()).toEqual(['save', 'pay', 'call']));
    // The second segment, confirmed: the preview says it stays so.
    results().focus();
    await user.keyboard('{ArrowDown}');
    const detail = await screen.findByRole('region', { name: `Segment ${segmentId('pay')}` });
    await waitFor(() => expect(detail.textContent).toContain('Der Auftraggeber zahlt 25 EUR.'));
    expect(detail.textContent).toContain('It stays confirmed: recorded as your correction.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.getByText('Replaced in 1 segment.')).toBeTruthy());
    const events = await eventsForItem(db, 'manual', segmentId('pay'));
    expect(events.at(-1)).toMatchObject({ action: 'correct', status: 'corrected', reviewerId: REVIEWER.id });
    // The segment no longer matches, and the next one is chosen.
    await waitFor(() => expect(found()).toEqual(['save', 'call']));
    expect(screen.getByRole('region', { name: `Segment ${segmentId('call')}` }).textContent).toContain('Recorded as an edit: it stays Pending until you confirm it.');
  });

  it('refuses to replace across an inline code, naming the segment and the code', async () => {
    const { user, db } = await openReplace();
    await user.click(screen.getByRole('checkbox', { name: 'Regular expression' }));
    await user.type(input('In the target'), 'des .Kunde');
    await user.type(input('Replace in the target with'), 'der Kundin');
    await waitFor(() => expect(found()).toEqual(['save']));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const report = await screen.findByText('1 segment was not changed:');
    const line = report.nextElementSibling!.textContent;
    expect(line).toContain(segmentId('save'));
    expect(line).toContain('the match “des ⟨1⟩Kunde” holds the inline code ⟨1⟩, which the replacement would remove');
    expect(await eventsForItem(db, 'manual', segmentId('save'))).toEqual([]);
  });

  it('replaces all after a confirmation that says how many segments change, and undoes it', async () => {
    const { user, db } = await openReplace();
    await user.type(input('In the target'), 'Kunde');
    await user.click(screen.getByRole('checkbox', { name: 'Whole words' }));
    await user.type(input('Replace in the target with'), 'Auftraggeber');
    await waitFor(() => expect(found()).toEqual(['save', 'pay', 'call']));
    await user.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}');
    const dialog = await screen.findByRole('alertdialog', { name: 'Replace in 3 segments?' });
    expect(dialog.textContent).toContain('Every match of “Kunde” in their targets (3) becomes “Auftraggeber”.');
    expect(dialog.textContent).toContain('1 of them is confirmed: it stays confirmed, recorded as your correction.');
    expect(dialog.textContent).toContain('2 are not confirmed: they are recorded as edits and keep their status.');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Replace in 3 segments' }));
    await waitFor(() => expect(screen.getByText('Replaced in 3 segments.')).toBeTruthy());
    expect((await db.reviews.get(['manual', segmentId('save'), REVIEWER.id]))?.values.target).toBe('Die Datei des ⟨1⟩Auftraggeber⟨/1⟩ speichern.');
    expect((await eventsForItem(db, 'manual', segmentId('call'))).map((e) => e.action)).toEqual(['edit']);

    await user.click(screen.getByRole('button', { name: 'Undo the last replacement (3 segments)' }));
    await waitFor(() => expect(screen.getByText('Undone in 3 segments.')).toBeTruthy());
    expect((await db.reviews.get(['manual', segmentId('save'), REVIEWER.id]))?.values.target).toBe('Die Datei des ⟨1⟩Kunde⟨/1⟩ speichern.');
    expect((await db.reviews.get(['manual', segmentId('pay'), REVIEWER.id]))?.status).toBe('accepted');
  });

  it('leaves out, and says so, the segments a replacement would give a QA error while they stay confirmed', async () => {
    const { user, region } = await openReplace();
    await user.type(input('In the target'), '25');
    await user.type(input('Replace in the target with'), '52');
    await waitFor(() => expect(found()).toEqual(['pay']));
    await user.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}');
    await waitFor(() => expect(screen.getByText('1 segment was not changed:')).toBeTruthy());
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(within(status(region)).getByText(/it stays confirmed, and QA finds an error in the replaced text: The number 25/u)).toBeTruthy();
  });

  it('opens a segment found with Enter, and is still there, as it was, back on the batch page', async () => {
    const { user } = await openReplace();
    await user.type(input('In the target'), 'anrufen');
    await waitFor(() => expect(found()).toEqual(['call']));
    results().focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(routeHref({ page: 'item', batchId: 'manual', itemId: segmentId('call') })));
    await user.click(await screen.findByRole('button', { name: /^Back to the list/u }));
    await screen.findByRole('region', { name: 'Search and replace' });
    expect(input('In the target').value).toBe('anrufen');
    await waitFor(() => expect(found()).toEqual(['call']));
    await user.keyboard('{Escape}');
    await screen.findByRole('listbox', { name: 'Items of Manual' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Search and replace/u })));
  });
});
