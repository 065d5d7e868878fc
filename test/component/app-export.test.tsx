import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { decide, newDatabase, REVIEWER, renderApp, seedBatch } from './app-harness';

const lines = [
  { id: 'a', input: 'The cat sleeps.', output: 'Die Katze schlaft.' },
  { id: 'b', input: 'The dog runs.', output: 'Der Hund rennt.' },
  { id: 'c', input: 'It rains.', output: 'Es regnet.' },
];

async function exportWith(name: RegExp, options: { all?: boolean } = {}) {
  const db = newDatabase();
  const batch = await seedBatch(db, 'animals.jsonl', lines);
  await decide(db, batch.id, 'a', 'confirm', { text: 'Die Katze schläft.' });
  await decide(db, batch.id, 'b', 'confirm');
  const app = renderApp({ db, hash: `#/batch/${batch.id}` });
  await screen.findByRole('heading', { name: 'animals', level: 1 });
  const { user, platform } = app;
  await waitFor(() => expect(platform.settings.recentBatches[0]?.batchId).toBe(batch.id));
  await user.click(screen.getByRole('button', { name: 'Export' }));
  expect(await screen.findByText('Results of “animals”')).toBeTruthy();
  if (options.all) {
    const toggle = screen.getByRole('menuitemcheckbox', { name: 'Include pending items' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
  }
  await user.click(screen.getByRole('menuitem', { name }));
  await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
  return { ...app, batch, file: platform.savedFiles[0]! };
}

describe('Export', () => {
  it('offers results as JSONL and CSV in a menu', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'animals.jsonl', lines);
    const { user } = renderApp({ db, hash: `#/batch/${batch.id}` });
    await screen.findByRole('heading', { name: 'animals', level: 1 });
    const button = screen.getByRole('button', { name: 'Export' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    await user.click(button);
    const menu = await screen.findByRole('menu');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('menuitem', { name: /JSONL/ })).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: /CSV/ })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: /JSONL/ })));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: /CSV/ }));
    await user.keyboard('{Escape}');
    expect(menu.isConnected).toBe(false);
    expect(document.activeElement).toBe(button);
  });

  it('saves the results JSONL through the platform, with the contract fields', async () => {
    const { file, batch } = await exportWith(/JSONL/);
    expect(file.suggestedName).toBe('animals.results.jsonl');
    const records = String(file.data).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.id, r.status])).toEqual([
      ['a', 'corrected'],
      ['b', 'accepted'],
    ]);
    const [a, b] = records;
    for (const key of ['id', 'batch', 'reviewer', 'reviewerName', 'status', 'output', 'correction', 'comment', 'reason', 'reviewedAt', 'timeSpentMs', 'effort']) {
      expect(a).toHaveProperty(key);
    }
    expect(a).toMatchObject({ batch: batch.id, reviewer: REVIEWER.id, reviewerName: REVIEWER.name, output: { text: 'Die Katze schlaft.' }, correction: { text: 'Die Katze schläft.' }, timeSpentMs: 1500 });
    expect(a.effort.text.charEdits).toBe(1);
    expect(Number.isNaN(Date.parse(a.reviewedAt))).toBe(false);
    expect(b.correction).toEqual(b.output);
    expect(await screen.findByText('Saved 2 results to animals.results.jsonl.')).toBeTruthy();
  });

  it('adds pending items when asked', async () => {
    const { file } = await exportWith(/JSONL/, { all: true });
    const records = String(file.data).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => r.status)).toEqual(['corrected', 'accepted', 'pending']);
    expect(records[2]).toMatchObject({ id: 'c', correction: null, reviewer: REVIEWER.id });
  });

  it('saves the results CSV with the fields flattened', async () => {
    const { file } = await exportWith(/CSV/);
    expect(file.suggestedName).toBe('animals.results.csv');
    expect(file.mimeType).toBe('text/csv');
    const header = String(file.data).split('\r\n')[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['id', 'batch', 'reviewer', 'status', 'output.text', 'correction.text', 'effort.text.hter']));
  });

  it('exports the batch opened last when none is open', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'animals.jsonl', lines);
    const { user, platform } = renderApp({ db, settings: { recentBatches: [{ batchId: batch.id, name: 'animals', openedAt: new Date().toISOString() }] } });
    await screen.findByRole('heading', { name: 'Batches' });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: /JSONL/ }));
    await waitFor(() => expect(platform.savedFiles[0]?.suggestedName).toBe('animals.results.jsonl'));
  });

  it('says what to do when there is nothing to export', async () => {
    const { user, platform } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    expect(await screen.findByText(/Nothing to export yet: import a batch or open one/)).toBeTruthy();
    const item = screen.getByRole('menuitem', { name: /JSONL/ });
    expect(item.getAttribute('aria-disabled')).toBe('true');
    await user.click(item);
    expect(platform.savedFiles).toHaveLength(0);
  });
});
