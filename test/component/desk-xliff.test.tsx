// The coordinator's round trip with an XLIFF file: the reviewers' files carry it, their results come
// back, one conflict is decided and one left open, and the merged XLIFF goes back to the CAT tool.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { readBatchFile } from '../../shared/batch-file';
import { importFiles } from '../../renderer/import';
import { newDatabase, renderApp } from './app-harness';
import { ANA, BEN, asFile, resultFile, seedContract } from './desk-harness';
import { expectOnlyTargetsChanged, expectSameBytes, fixtureBytes, readDocument, segmentOf, targetText } from '../unit/xliff-harness';

const PRE1 = 'testForSegments/pre1/#1';
const ONE = 'testForSegments/1/#1';
const THREE = 'testForSegments/3/s1';

async function openDesk() {
  const db = newDatabase();
  const original = fixtureBytes('okapi-xliff12-qualitycheck-Test01.xlf');
  const [report] = await importFiles(db, [{ name: 'manual.xlf', arrayBuffer: async () => original.slice().buffer }]);
  if (report?.outcome !== 'imported') throw new Error(JSON.stringify(report));
  const app = renderApp({ db, hash: `#/batch/${report.batch.id}/desk` });
  await screen.findByRole('heading', { name: 'Coordinate “manual”', level: 1 });
  return { ...app, original, batch: report.batch };
}

describe('the desk: a batch made from XLIFF', () => {
  it('hands the XLIFF file out inside every reviewer’s .loupe', async () => {
    const { user, platform, original, batch } = await openDesk();
    await user.type(screen.getByRole('textbox', { name: 'Reviewer 1 id' }), 'r-ana');
    await user.type(screen.getByRole('textbox', { name: 'Reviewer 1 display name' }), 'Ana{Enter}');
    await user.keyboard('r-ben{Tab}Ben');
    await user.click(screen.getByRole('button', { name: /^Export files/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(2));
    for (const file of platform.savedFiles) {
      const read = await readBatchFile(file.data as Uint8Array, { trustedKeys: [] });
      if (!read.ok) throw new Error(read.error.message);
      expect(read.batch.original).toEqual({ format: 'xliff', fileName: 'manual.xlf', path: 'xliff/manual.xlf' });
      expect([...read.attachments.keys()]).toEqual(['xliff/manual.xlf']);
      expectSameBytes(read.attachments.get('xliff/manual.xlf')!, original);
      expect(read.items.length).toBeLessThan(batch.itemCount);
    }
  });

  it('exports the merged XLIFF: agreed verdicts and decisions written, an open conflict left as it was and named', async () => {
    const { user, db, platform, original, batch } = await openDesk();
    const ana = await resultFile(db, batch.id, ANA, [
      { itemId: PRE1, intent: 'confirm', values: { target: "C'est un exemple." } },
      { itemId: ONE, intent: 'confirm', values: { target: 'Phrase 1 de p1.' } },
      { itemId: THREE, intent: 'reject' },
    ]);
    const ben = await resultFile(db, batch.id, BEN, [
      { itemId: PRE1, intent: 'confirm', values: { target: "C'est un exemple." } },
      { itemId: ONE, intent: 'confirm', values: { target: 'Phrase une de p1.' } },
      { itemId: THREE, intent: 'confirm' },
    ]);
    await user.upload(screen.getByTestId('desk-results-input') as HTMLInputElement, [asFile('ana.loupe-result', ana.bytes), asFile('ben.loupe-result', ben.bytes)]);
    await screen.findByText('2 open conflicts', { exact: false });

    // The first conflict (unit 1) is decided for Ben's version; the second stays open.
    expect(screen.getByRole('heading', { name: `Conflict 1 of 2: item ${ONE}` })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Use Ben’s/ }));
    await user.click(screen.getByRole('button', { name: /^Decide/ }));
    await screen.findByText('1 open conflict', { exact: false });

    const button = screen.getByRole('button', { name: /^Merged XLIFF \(manual\.xlf\)/ });
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Alt+L');
    await user.click(button);
    await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
    const file = platform.savedFiles[0]!;
    expect(file.suggestedName).toBe('manual.merged.xlf');
    const bytes = file.data as Uint8Array;
    expectOnlyTargetsChanged(original, bytes, [PRE1, ONE]);
    const doc = readDocument(bytes);
    expect(targetText(doc, PRE1)).toBe("C'est un exemple.");
    expect(targetText(doc, ONE)).toBe('Phrase une de p1.');
    expect(segmentOf(doc, ONE).state.state).toBe('signed-off');
    expect(targetText(doc, THREE)).toBe('TrgSentence 1© of p3.');

    expect(await screen.findByText('Saved manual.merged.xlf: 2 segments changed.')).toBeTruthy();
    const notes = screen.getByText('manual.merged.xlf was saved; note:').closest<HTMLElement>('[role="status"]')!;
    const at = segmentOf(readDocument(original), THREE);
    expect(within(notes).getByText(`manual.xlf line ${at.line}, column ${at.column}: segment ${THREE} is left as it was: its reviewers disagree and the conflict is not decided — decide it on the coordinator's desk, then export again`)).toBeTruthy();
  });

  it('offers no merged XLIFF for a batch made from anything else', async () => {
    const db = newDatabase();
    const batch = await seedContract(db);
    renderApp({ db, hash: `#/batch/${batch.id}/desk` });
    await screen.findByRole('button', { name: /^Merged results JSONL/ });
    expect(screen.queryByRole('button', { name: /XLIFF/ })).toBeNull();
  });
});
