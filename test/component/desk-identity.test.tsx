// Reviewers work under their own profile ids (UUIDs), not the ids the coordinator typed on the desk: their
// result files say whom the batch file was handed to (`assignedAs`), and the desk counts the work in the
// plan's rows — without merging two people into one.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { newDatabase, renderApp } from './app-harness';
import { ANA, BEN, asFile, resultFile, seedContract, seedPlan } from './desk-harness';

const ANA_PROFILE = { id: '0b7e4f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Ana Ruiz' };
const BEN_PROFILE = { id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', name: 'Ben Okafor' };
/** Someone else who opened Ana's file too. */
const ANA_COLLEAGUE = { id: '5a5a5a5a-1111-4222-8333-444455556666', name: 'Carla Diaz' };

async function openDesk() {
  const db = newDatabase();
  const batch = await seedContract(db);
  await seedPlan(db, batch.id);
  const app = renderApp({ db, hash: `#/batch/${batch.id}/desk` });
  await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });
  const upload = async (list: File[]) => app.user.upload(screen.getByTestId('desk-results-input') as HTMLInputElement, list);
  return { ...app, db, batch, upload };
}

const table = () => screen.getByRole('table', { name: 'Progress per reviewer' });
function progressRow(name: RegExp): (string | null)[] {
  return within(within(table()).getByRole('row', { name })).getAllByRole('cell').map((c) => c.textContent);
}
// assigned, pending, accepted, corrected, rejected, flagged, (last activity), time spent
const counts = (row: (string | null)[]) => [...row.slice(0, 6), row[7]];

describe('the desk: results made under profile ids', () => {
  it('counts each file’s work in the row of the reviewer it was handed to, with no extra rows, and exports assignedAs', async () => {
    const { db, batch, upload, user, platform } = await openDesk();
    const ana = await resultFile(
      db,
      batch.id,
      ANA_PROFILE,
      [
        { itemId: 'seg-1', intent: 'confirm' },
        { itemId: 'seg-2', intent: 'confirm' },
        { itemId: 'seg-3', intent: 'confirm', values: { text: 'Die Zahlung ist binnen 30 Tagen fällig.' } },
        { itemId: 'seg-5', intent: 'reject' },
      ],
      ANA,
    );
    const ben = await resultFile(
      db,
      batch.id,
      BEN_PROFILE,
      [
        { itemId: 'seg-2', intent: 'confirm', values: { text: 'Dieser Vertrag ist gültig.' } },
        { itemId: 'seg-4', intent: 'flag' },
        { itemId: 'seg-5', intent: 'reject' },
      ],
      BEN,
    );
    await upload([asFile('contract.r-ana.loupe-result', ana.bytes), asFile('contract.r-ben.loupe-result', ben.bytes)]);
    await screen.findByRole('list', { name: 'What became of each file' });

    await waitFor(() => expect(counts(progressRow(/\(r-ana\)/))).toEqual(['4', '0', '2', '1', '1', '0', '4 s']));
    expect(counts(progressRow(/\(r-ben\)/))).toEqual(['4', '1', '0', '1', '1', '1', '3 s']);
    expect(counts(progressRow(/All reviewers/))).toEqual(['8', '1', '2', '2', '2', '1', '7 s']);
    // A header row, Ana, Ben and the total: no row of the profile ids.
    expect(within(table()).getAllByRole('row')).toHaveLength(4);
    expect(within(table()).queryByText(new RegExp(ANA_PROFILE.id))).toBeNull();
    // Agreement is still between the two real reviewers.
    expect(screen.getByText(/Agreement on the 2 overlap items reviewed by two or more: 50% pairwise percent agreement \(1 of 2 reviewer pairs .*; 1 item in full agreement\)\./)).toBeTruthy();

    // The merged rows keep the real reviewer, and say whose share it was.
    await user.click(screen.getByRole('button', { name: /^Merged results JSONL/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
    const records = String(platform.savedFiles[0]!.data)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; reviewer: string; reviewerName: string; assignedAs?: string });
    expect(records.map((r) => [r.id, r.reviewer, r.assignedAs])).toEqual([
      ['seg-1', ANA_PROFILE.id, ANA.id],
      ['seg-2', ANA_PROFILE.id, ANA.id],
      ['seg-2', BEN_PROFILE.id, BEN.id],
      ['seg-3', ANA_PROFILE.id, ANA.id],
      ['seg-4', BEN_PROFILE.id, BEN.id],
      ['seg-5', ANA_PROFILE.id, ANA.id],
      ['seg-5', BEN_PROFILE.id, BEN.id],
    ]);
  });

  it('shows two people who opened the same file one by one under that reviewer, never as one person', async () => {
    const { db, batch, upload } = await openDesk();
    const ana = await resultFile(db, batch.id, ANA_PROFILE, [{ itemId: 'seg-1', intent: 'confirm' }, { itemId: 'seg-2', intent: 'confirm' }], ANA);
    const carla = await resultFile(db, batch.id, ANA_COLLEAGUE, [{ itemId: 'seg-2', intent: 'reject' }, { itemId: 'seg-3', intent: 'confirm' }], ANA);
    await upload([asFile('a.loupe-result', ana.bytes), asFile('c.loupe-result', carla.bytes)]);
    await screen.findByRole('list', { name: 'What became of each file' });

    // Ana's share (4 items): seg-1, seg-2 and seg-3 have someone's verdict; both people are named and counted apart.
    await waitFor(() => expect(counts(progressRow(/\(r-ana\) · 2 people/))).toEqual(['4', '1', '3', '0', '1', '0', '4 s']));
    expect(counts(progressRow(new RegExp(`Working as Ana:\\s*Ana Ruiz \\(${ANA_PROFILE.id}\\)`)))).toEqual(['—', '2', '2', '0', '0', '0', '2 s']);
    expect(counts(progressRow(new RegExp(`Working as Ana:\\s*Carla Diaz \\(${ANA_COLLEAGUE.id}\\)`)))).toEqual(['—', '2', '1', '0', '1', '0', '2 s']);
    expect(counts(progressRow(/\(r-ben\)/))).toEqual(['4', '4', '0', '0', '0', '0', '0 s']);
    // Header, Ana, her two people, Ben, total.
    expect(within(table()).getAllByRole('row')).toHaveLength(6);
    // They disagree on seg-2 (an overlap item): a pair of two reviewers, and a conflict between them.
    expect(screen.getByText(/^Agreement on the 1 overlap item reviewed by two or more: 0% pairwise percent agreement \(0 of 1 reviewer pairs .*; 0 items in full agreement\)\.$/)).toBeTruthy();
    await screen.findByText('1 open conflict', { exact: false });
  });
});
