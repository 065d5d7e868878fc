// A translator's round trip in the app: an XLIFF file imported, segments accepted and corrected, and the
// file exported again for the CAT tool — the same file but for the reviewed targets and their states.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { importFiles } from '../../renderer/import';
import type { LoupeDatabase } from '../../renderer/storage';
import { decide, newDatabase, renderApp, seedBatch } from './app-harness';
import { expectOnlyTargetsChanged, expectSameBytes, fixtureBytes, readDocument, segmentOf, targetText } from '../unit/xliff-harness';

const FIXTURE = 'loupe-xliff12-utf16le-crlf.xlf';
const SAVE = 'ui%2Fstrings.properties/save/#1';
const GREETING = 'ui%2Fstrings.properties/greeting/#1';
const TAGS = 'ui%2Fstrings.properties/tags/#1';

async function seedXliff(db: LoupeDatabase, name: string, bytes: Uint8Array) {
  const [report] = await importFiles(db, [{ name, arrayBuffer: async () => bytes.slice().buffer }]);
  if (report?.outcome !== 'imported') throw new Error(`seeding ${name}: ${JSON.stringify(report)}`);
  return report.batch;
}

/** Opens the batch and saves the Export menu's XLIFF item. */
async function exportXliff(db: LoupeDatabase, batchId: string) {
  const app = renderApp({ db, hash: `#/batch/${batchId}` });
  await screen.findByRole('heading', { name: 'strings', level: 1 });
  await app.user.click(screen.getByRole('button', { name: 'Export' }));
  await app.user.click(await screen.findByRole('menuitem', { name: 'XLIFF: strings.xlf with your work' }));
  await waitFor(() => expect(app.platform.savedFiles).toHaveLength(1));
  const file = app.platform.savedFiles[0]!;
  if (typeof file.data === 'string') throw new Error('XLIFF is saved as bytes, in its own encoding');
  return { ...app, file, bytes: file.data };
}

describe('Export → XLIFF', () => {
  it('writes the reviewer’s verdicts into the file they imported, and only those', async () => {
    const db = newDatabase();
    const original = fixtureBytes(FIXTURE);
    const batch = await seedXliff(db, 'strings.xlf', original);
    await decide(db, batch.id, SAVE, 'confirm', { target: 'Änderungen sichern?' });
    await decide(db, batch.id, GREETING, 'confirm');
    const { file, bytes } = await exportXliff(db, batch.id);

    expect(file.suggestedName).toBe('strings.reviewed.xlf');
    expect(file.mimeType).toBe('application/xliff+xml');
    expect(await screen.findByText('Saved strings.reviewed.xlf with your verdicts: 2 segments changed.')).toBeTruthy();
    expectOnlyTargetsChanged(original, bytes, [SAVE, GREETING]);
    const doc = readDocument(bytes);
    expect(doc.encoding).toBe('UTF-16LE');
    expect(targetText(doc, SAVE)).toBe('Änderungen sichern?');
    expect(segmentOf(doc, SAVE).state.state).toBe('signed-off');
    expect(segmentOf(doc, GREETING).state.state).toBe('signed-off');
    expect(targetText(doc, GREETING)).toBe(targetText(readDocument(original), GREETING));
  });

  it('gives back the very bytes it imported when nothing was reviewed', async () => {
    const db = newDatabase();
    const original = fixtureBytes(FIXTURE);
    const batch = await seedXliff(db, 'strings.xlf', original);
    const { bytes } = await exportXliff(db, batch.id);
    expectSameBytes(bytes, original);
    expect(await screen.findByText('Saved strings.reviewed.xlf: no verdict of yours changes a segment, so it is the file as it came.')).toBeTruthy();
  });

  it('shows what writing noticed: an inline code left without its partner', async () => {
    const db = newDatabase();
    const batch = await seedXliff(db, 'strings.xlf', fixtureBytes(FIXTURE));
    // ⟨1⟩ opens a <g> whose end the correction dropped: written as an empty element, with a note.
    await decide(db, batch.id, TAGS, 'confirm', { target: 'Klicken Sie ⟨1⟩hier.' });
    const { bytes } = await exportXliff(db, batch.id);
    const notes = (await screen.findByText('strings.reviewed.xlf was saved; note:')).closest<HTMLElement>('[role="status"]')!;
    expect(within(notes).getByText(/segment ui%2Fstrings\.properties\/tags\/#1/)).toBeTruthy();
    expect(targetText(readDocument(bytes), TAGS)).toBe('Klicken Sie hier.');
  });

  it('is offered only for a batch made from XLIFF', async () => {
    const db = newDatabase();
    const batch = await seedBatch(db, 'animals.jsonl', [{ id: 'a', input: 'The cat sleeps.', output: 'Die Katze schläft.' }]);
    const { user } = renderApp({ db, hash: `#/batch/${batch.id}` });
    await screen.findByRole('heading', { name: 'animals', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await screen.findByRole('menuitem', { name: /CSV/ });
    expect(screen.queryByRole('menuitem', { name: /XLIFF/ })).toBeNull();
  });
});
