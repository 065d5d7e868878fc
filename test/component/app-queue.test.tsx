import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { savePosition } from '../../renderer/storage';
import { decide, giveListRoom, newDatabase, REVIEWER, renderApp, seedBatch } from './app-harness';

const lines = Array.from({ length: 12 }, (_, i) => ({ id: `item-${i + 1}`, input: `source ${i + 1}`, output: i === 4 ? 'the quick brown fox' : `output text ${i + 1}` }));

let restore: () => void;
beforeEach(() => {
  restore = giveListRoom();
});
afterEach(() => restore());

async function openQueue() {
  const db = newDatabase();
  const batch = await seedBatch(db, 'queue-demo.jsonl', lines);
  await decide(db, batch.id, 'item-2', 'confirm');
  await decide(db, batch.id, 'item-3', 'reject');
  await decide(db, batch.id, 'item-7', 'reject');
  const app = renderApp({ db, hash: `#/batch/${batch.id}` });
  await screen.findByRole('heading', { name: 'queue-demo', level: 1 });
  const list = await screen.findByRole('listbox');
  await waitFor(() => expect(within(list).getAllByRole('option').length).toBe(12));
  return { ...app, batch, list };
}

const optionIds = (list: HTMLElement) => within(list).getAllByRole('option').map((o) => o.querySelector('.item-id')?.textContent);

describe('Queue', () => {
  it('lists the batches with their progress, and opens one with Enter', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'queue-demo.jsonl', lines);
    await decide(db, batch.id, 'item-1', 'confirm');
    const { user } = renderApp({ db });
    const link = await screen.findByRole('link', { name: 'queue-demo' });
    const row = link.closest('tr')!;
    expect(within(row).getByText('12')).toBeTruthy();
    expect(within(row).getByRole('img', { name: 'Progress: 11 Pending, 1 Accepted' })).toBeTruthy();
    link.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(`#/batch/${batch.id}`));
  });

  it('shows every item with its id, status and a preview of the output', async () => {
    const { list } = await openQueue();
    const first = within(list).getAllByRole('option')[1]!;
    expect(first.textContent).toContain('item-2');
    expect(within(first).getByText('Accepted')).toBeTruthy();
    await waitFor(() => expect(within(first).getByText('output text 2')).toBeTruthy());
    expect(first.getAttribute('aria-setsize')).toBe('12');
    expect(first.getAttribute('aria-posinset')).toBe('2');
  });

  it('filters by status', async () => {
    const { user, list } = await openQueue();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'rejected');
    await waitFor(() => expect(optionIds(list)).toEqual(['item-3', 'item-7']));
    expect(screen.getByText('Showing 2 of 12 items')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'pending');
    await waitFor(() => expect(optionIds(list)).toHaveLength(9));
  });

  it('searches the text, debounced', async () => {
    const { user, list } = await openQueue();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'brown fox');
    await waitFor(() => expect(optionIds(list)).toEqual(['item-5']));
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await waitFor(() => expect(optionIds(list)).toHaveLength(12));
  });

  it('combines the status filter with the search', async () => {
    const { user } = await openQueue();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'accepted');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'brown');
    expect(await screen.findByText('No items match this status and search.')).toBeTruthy();
  });

  it('moves with arrows and j/k and opens the active item with Enter', async () => {
    const { user, list, batch } = await openQueue();
    list.focus();
    await user.keyboard('{ArrowDown}jj{ArrowUp}k');
    const active = () => list.getAttribute('aria-activedescendant');
    await waitFor(() => expect(document.getElementById(active()!)?.textContent).toContain('item-2'));
    await user.keyboard('j');
    await waitFor(() => expect(document.getElementById(active()!)?.getAttribute('aria-selected')).toBe('true'));
    expect(document.getElementById(active()!)?.textContent).toContain('item-3');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(`#/batch/${batch.id}/item/item-3`));
  });

  it('returns to the remembered position when the batch is reopened', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'queue-demo.jsonl', lines);
    await savePosition(db, batch.id, REVIEWER.id, 'item-9');
    renderApp({ db, hash: `#/batch/${batch.id}` });
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(document.getElementById(list.getAttribute('aria-activedescendant') ?? '')?.textContent).toContain('item-9'));
    expect(screen.getByRole('button', { name: 'Start reviewing' })).toBeTruthy();
  });

  it('remembers the item the review screen opens', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'queue-demo.jsonl', lines);
    renderApp({ db, hash: `#/batch/${batch.id}/item/item-4` });
    await waitFor(async () => expect((await db.kv.get(`position:${batch.id}:${REVIEWER.id}`))?.value).toBe('item-4'));
  });

  it('follows the verdicts given on the review screen: the end note counts them, the queue shows them', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'queue-demo.jsonl', lines.slice(0, 3));
    const { user } = renderApp({ db, hash: `#/batch/${batch.id}/item/item-2` });
    // A reviewer accepts the item they see: wait until item 2 is on the screen, not just its buttons.
    await waitFor(() => expect((screen.getByRole('textbox', { name: /^Correction/u }) as HTMLInputElement).value).toBe('output text 2'));
    await user.click(screen.getByRole('button', { name: /^Accept/u }));
    await waitFor(() => expect((screen.getByRole('textbox', { name: /^Correction/u }) as HTMLInputElement).value).toBe('output text 3'));
    await user.click(screen.getByRole('button', { name: /^Accept/u }));
    // item-2 and item-3 were accepted here: only item-1 is still pending.
    expect(await screen.findByText('That was the last item in the list; 1 item in it is still pending.')).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe(`#/batch/${batch.id}/item/item-3`));
    await user.click(screen.getByRole('button', { name: /^Back to the list/u }));
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(within(list).getAllByRole('option').map((o) => within(o).queryByText('Accepted') !== null)).toEqual([false, true, true]));
  });

  it('virtualises: 1,000 items render only the rows in view', async () => {
    const db = newDatabase();
    const many = Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}`, output: `row ${i}` }));
    const batch = await seedBatch(db, 'many.jsonl', many);
    renderApp({ db, hash: `#/batch/${batch.id}` });
    const list = await screen.findByRole('listbox', undefined, { timeout: 10_000 });
    await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(5));
    expect(within(list).getAllByRole('option').length).toBeLessThan(60);
    expect(screen.getByText('Showing 1,000 of 1,000 items')).toBeTruthy();
  }, 20_000);
});
