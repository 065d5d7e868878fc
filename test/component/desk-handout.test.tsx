import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { readBatchFile } from '../../shared/batch-file';
import { planKey } from '../../renderer/desk/desk-data';
import { newDatabase, renderApp } from './app-harness';
import { seedContract, segments } from './desk-harness';

describe('the desk: handing a batch out', () => {
  it('is reached from the batch page', async () => {
    const db = newDatabase();
    const batch = await seedContract(db);
    const { user } = renderApp({ db, hash: `#/batch/${batch.id}` });
    const link = await screen.findByRole('link', { name: 'Coordinate' });
    expect(link.getAttribute('aria-keyshortcuts')).toBe('Alt+C');
    await user.click(link);
    expect(await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 })).toBeTruthy();
  });

  it('writes one .loupe per reviewer with their planned items, the overlap in both, and remembers the plan', async () => {
    const db = newDatabase();
    const batch = await seedContract(db);
    const { user, platform } = renderApp({ db, hash: `#/batch/${batch.id}/desk` });
    await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });

    await user.type(screen.getByRole('textbox', { name: 'Reviewer 1 id' }), 'r-ana');
    await user.type(screen.getByRole('textbox', { name: 'Reviewer 1 display name' }), 'Ana{Enter}');
    // Enter in the last name adds a row and moves there.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Reviewer 2 id' }));
    await user.keyboard('r-ben{Tab}Ben');
    const overlap = screen.getByRole('spinbutton', { name: /Overlap/ });
    await user.clear(overlap);
    await user.type(overlap, '2');

    const plan = screen.getByRole('table', { name: 'The plan' });
    const rows = within(plan).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['4', '2', '2', 'Not encrypted'],
      ['4', '2', '2', 'Not encrypted'],
    ]);

    await user.click(screen.getByRole('button', { name: /^Export files/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(2));
    expect(platform.savedFiles.map((f) => f.suggestedName)).toEqual(['contract.r-ana.loupe', 'contract.r-ben.loupe']);

    const read = await Promise.all(platform.savedFiles.map((f) => readBatchFile(f.data as Uint8Array, { trustedKeys: [] })));
    const [ana, ben] = read.map((r) => {
      if (!r.ok) throw new Error(r.error.message);
      return r;
    });
    expect(ana!.items.map((i) => i.id)).toEqual(['seg-1', 'seg-2', 'seg-3', 'seg-5']);
    expect(ben!.items.map((i) => i.id)).toEqual(['seg-2', 'seg-4', 'seg-5', 'seg-6']);
    for (const [file, who] of [
      [ana!, { id: 'r-ana', name: 'Ana' }],
      [ben!, { id: 'r-ben', name: 'Ben' }],
    ] as const) {
      expect(file.batch.id).toBe(batch.id);
      expect(file.batch.revision).toBe(batch.revision);
      expect(file.manifest.reviewers).toEqual([who]);
      expect(file.trust).toBe('unsigned');
      // The items travel as the AI produced them.
      for (const item of file.items) expect(item.output).toEqual({ text: segments.find((s) => s.id === item.id)!.output });
    }

    await waitFor(async () => {
      const saved = (await db.kv.get(planKey(batch.id)))?.value as { overlapIds: string[]; reviewers: { id: string; itemIds: string[] }[] } | undefined;
      expect(saved?.overlapIds).toEqual(['seg-2', 'seg-5']);
      expect(saved?.reviewers.map((r) => [r.id, r.itemIds.length])).toEqual([
        ['r-ana', 4],
        ['r-ben', 4],
      ]);
    });
    const progress = await screen.findByRole('table', { name: 'Progress per reviewer' });
    const ana2 = within(progress).getByRole('row', { name: /Ana/ });
    expect(within(ana2).getAllByRole('cell')[0]!.textContent).toBe('4');
  });

  it('exports the whole batch as one .loupe', async () => {
    const db = newDatabase();
    const batch = await seedContract(db);
    const { user, platform } = renderApp({ db, hash: `#/batch/${batch.id}/desk` });
    await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });
    await user.click(screen.getByRole('button', { name: /^Export whole batch/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
    expect(platform.savedFiles[0]!.suggestedName).toBe('contract.loupe');
    const read = await readBatchFile(platform.savedFiles[0]!.data as Uint8Array, { trustedKeys: [] });
    expect(read.ok && read.items.map((i) => i.id)).toEqual(segments.map((s) => s.id));
  });
});
