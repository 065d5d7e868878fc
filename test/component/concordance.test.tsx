// The concordance in the app: Ctrl+K on the batch page and on the review screen opens it, what is typed is found
// in the confirmed segments of every batch with the match marked (as text, never markup), and on the review
// screen Enter takes a found translation as the correction and Shift+Enter inserts it at the cursor.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { routeHref } from '../../renderer/app';
import { decide, giveListRoom, newDatabase, renderApp } from './app-harness';
import { segmentId, storeXliff, xliff12 } from '../unit/segments-harness';

let restore: () => void;
beforeEach(() => {
  restore = giveListRoom();
});
afterEach(() => restore());

async function seed() {
  const db = newDatabase();
  await storeXliff(
    db,
    'manual',
    'Manual',
    xliff12([
      { id: 'pay', source: 'The customer pays.', target: 'Der Kunde zahlt.' },
      { id: 'call', source: 'Call the customer.', target: 'Den Kunden anrufen.' },
      { id: 'break', source: 'Line<x id="1"/>break', target: 'Zeilen<x id="1"/>umbruch' },
    ]),
  );
  await storeXliff(
    db,
    'ui',
    'Interface',
    xliff12([
      { id: 'link', source: 'See the <g id="1">customer</g> page.', target: 'Siehe die <g id="1">Kunden</g>seite.' },
      { id: 'html', source: 'Customer in bold', target: '&lt;b&gt;Kunde&lt;/b&gt; fett' },
    ]),
  );
  await decide(db, 'ui', segmentId('link'), 'confirm');
  await decide(db, 'ui', segmentId('html'), 'confirm');
  await decide(db, 'manual', segmentId('pay'), 'confirm', { target: 'Der Kunde bezahlt.' });
  return db;
}

const panel = () => screen.getByRole('dialog', { name: 'Concordance' });
const query = () => within(panel()).getByRole('combobox', { name: 'Find in confirmed segments' }) as HTMLInputElement;
const hits = () => within(panel()).getAllByRole('option');
const correction = () => screen.getByRole('textbox', { name: 'Correction' }) as HTMLTextAreaElement;

describe('Concordance on the batch page', () => {
  it('opens with Ctrl+K and finds the word in the confirmed segments of every batch, marked', async () => {
    const db = await seed();
    const { user } = renderApp({ db, hash: routeHref({ page: 'batch', batchId: 'manual' }) });
    await screen.findByRole('heading', { name: 'Manual', level: 1 });
    await screen.findByRole('listbox');
    expect(screen.getByRole('button', { name: 'Concordance' }).getAttribute('aria-keyshortcuts')).toBe('Control+K Meta+K');
    await user.keyboard('{Control>}k{/Control}');
    expect(document.activeElement).toBe(query());
    await waitFor(() => expect(within(panel()).getByRole('status').textContent).toBe('Type a word or phrase to find it in 3 confirmed segments.'));
    await user.type(query(), 'kunde');
    await waitFor(() => expect(hits()).toHaveLength(3));
    expect(within(panel()).getByRole('status').textContent).toBe('3 segments found.');
    const texts = hits().map((h) => h.textContent);
    expect(texts.some((t) => t.includes('Manual') && t.includes('Der Kunde bezahlt.'))).toBe(true);
    // The pending segment "call" is not confirmed: it is not offered.
    expect(texts.some((t) => t.includes('anrufen'))).toBe(false);
    const link = hits().find((h) => h.textContent.includes('seite'))!;
    expect([...link.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(expect.arrayContaining(['Kunde']));
    // An option's content is read as its name: a code is named by what it stands for.
    const code = link.querySelector('.marked-code')!;
    expect(code.textContent).toBe('⟨1⟩');
    expect(code.getAttribute('aria-label')).toMatch(/^code 1 opens: /u);
    // AI text that looks like markup is shown as its characters.
    const html = hits().find((h) => h.textContent.includes('fett'))!;
    expect(html.textContent).toContain('<b>Kunde</b> fett');
    expect(html.querySelector('b')).toBeNull();
    // From the queue there is no correction to take a translation into.
    expect(within(panel()).queryByRole('button', { name: 'Use as the correction' })).toBeNull();
    expect((await axe.run(panel())).violations).toEqual([]);
  });

  it('moves through the segments found with ↑ and ↓ while typing, and closes with Esc', async () => {
    const db = await seed();
    const { user } = renderApp({ db, hash: routeHref({ page: 'batch', batchId: 'manual' }) });
    const opener = await screen.findByRole('button', { name: 'Concordance' });
    await user.click(opener);
    await user.type(query(), 'Kunde');
    await waitFor(() => expect(hits()).toHaveLength(3));
    expect(hits()[0]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(query().getAttribute('aria-activedescendant')).toBe(hits()[1]!.id);
    expect(hits()[1]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Concordance' })).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('says when nothing is found', async () => {
    const db = await seed();
    const { user } = renderApp({ db, hash: routeHref({ page: 'batch', batchId: 'manual' }) });
    await user.click(await screen.findByRole('button', { name: 'Concordance' }));
    await user.type(query(), 'Lieferant');
    await waitFor(() => expect(within(panel()).getByRole('status').textContent).toBe('No confirmed segment holds “Lieferant”.'));
  });
});

describe('Concordance on the review screen', () => {
  async function openCall() {
    const db = await seed();
    const app = renderApp({ db, hash: routeHref({ page: 'item', batchId: 'manual', itemId: segmentId('call') }) });
    await waitFor(() => expect(correction().value).toBe('Den Kunden anrufen.'));
    await waitFor(() => expect(document.activeElement).toBe(correction()));
    return app;
  }
  const announced = (text: string) => waitFor(() => expect(document.querySelector('.loupe-review > [role="status"]')?.textContent).toBe(text));

  it('is on the shortcut sheet and a button with its key', async () => {
    const { user } = await openCall();
    const button = screen.getByRole('button', { name: 'Concordance' });
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Control+K Meta+K');
    expect(button.textContent).toContain('K');
    await user.keyboard('{F1}');
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const row = within(sheet).getByRole('rowheader', { name: /^Concordance/u }).closest('tr')!;
    expect(row.textContent).toMatch(/Ctrl\s*\+\s*K/u);
  });

  it('searches what is selected in the correction, and Enter takes the translation found as the correction', async () => {
    const { user } = await openCall();
    act(() => correction().setSelectionRange(4, 10));
    await user.keyboard('{Control>}k{/Control}');
    expect(query().value).toBe('Kunden');
    await user.clear(query());
    await user.type(query(), 'customer pays');
    await waitFor(() => expect(hits()).toHaveLength(1));
    expect(within(panel()).getByRole('button', { name: 'Use as the correction' }).getAttribute('aria-keyshortcuts')).toBe('Enter');
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Concordance' })).toBeNull();
    expect(correction().value).toBe('Der Kunde bezahlt.');
    expect(document.activeElement).toBe(correction());
    await announced('The translation found is in the correction.');
  });

  it('inserts the translation found at the cursor with Shift+Enter', async () => {
    const { user } = await openCall();
    act(() => correction().setSelectionRange(correction().value.length, correction().value.length));
    await user.keyboard('{Control>}k{/Control}');
    await user.type(query(), 'pays');
    await waitFor(() => expect(hits()).toHaveLength(1));
    await user.keyboard(' {Shift>}{Enter}{/Shift}');
    await waitFor(() => expect(correction().value).toBe('Den Kunden anrufen.Der Kunde bezahlt.'));
  });

  it('leaves out the inline codes that mean something else in this segment, and says so', async () => {
    const db = await seed();
    const { user } = renderApp({ db, hash: routeHref({ page: 'item', batchId: 'manual', itemId: segmentId('break') }) });
    await waitFor(() => expect(correction().value).toBe('Zeilen⟨1/⟩umbruch'));
    await user.keyboard('{Control>}k{/Control}');
    await user.type(query(), 'Kundenseite');
    await waitFor(() => expect(hits()).toHaveLength(1));
    await user.keyboard('{Enter}');
    // Code 1 is a pair there and a line break here: it is not taken along.
    await waitFor(() => expect(correction().value).toBe('Siehe die Kundenseite.'));
    await announced('The translation found is in the correction, without its codes ⟨1⟩ ⟨/1⟩, which mean something else here: insert this segment’s codes with F8.');
  });
});
