// The coordinator attaches a glossary on the desk; it travels inside every .loupe handed out, and the
// reviewer's QA checks its terms on the review screen.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { readBatchFile } from '../../shared/batch-file';
import { importFiles } from '../../renderer/import';
import { storeBatchFile, type LoupeDatabase } from '../../renderer/storage';
import { newDatabase, renderApp, textFile } from './app-harness';
import { fixtureBytes } from '../unit/xliff-harness';

const SAVE = 'ui%2Fstrings.properties/save/#1';
const GLOSSARY = 'Save\tspeichern\nchanges\tÄnderungen\nchanges\tVeränderungen\t\tforbidden\n';

async function openDesk() {
  const db = newDatabase();
  const bytes = fixtureBytes('loupe-xliff12-utf16le-crlf.xlf');
  const [report] = await importFiles(db, [{ name: 'strings.xlf', arrayBuffer: async () => bytes.slice().buffer }]);
  if (report?.outcome !== 'imported') throw new Error(JSON.stringify(report));
  const app = renderApp({ db, hash: `#/batch/${report.batch.id}/desk` });
  await screen.findByRole('heading', { name: 'Coordinate “strings”', level: 1 });
  return { ...app, batch: report.batch };
}

const section = () => screen.getByRole('region', { name: 'Glossary' });
const glossaries = async (db: LoupeDatabase, batchId: string) =>
  (await db.attachments.where('[batchId+path]').between([batchId, 'glossary/'], [batchId, 'glossary/\uffff']).toArray()).map((a) => a.path);

describe('the desk: a glossary for the batch', () => {
  it('refuses a file that is not a glossary, with each line and what to do, and changes nothing', async () => {
    const { db, user, batch } = await openDesk();
    expect(within(section()).getByText('No glossary is attached: terminology is not checked.')).toBeTruthy();
    const attach = within(section()).getByRole('button', { name: /^Attach a glossary…/ });
    expect(attach.getAttribute('aria-keyshortcuts')).toBe('Alt+G');

    await user.upload(screen.getByTestId('desk-glossary-input') as HTMLInputElement, textFile('terms.tsv', 'Save\nchanges\tÄnderungen\t\tforbiden\n', 'text/tab-separated-values'));
    const alert = await within(section()).findByRole('alert');
    expect(within(alert).getByText('terms.tsv was not attached, and nothing changed: 2 problems.')).toBeTruthy();
    expect(within(alert).getByText(/^terms\.tsv line 1: has no tab — write the source term, a tab, then the target term/)).toBeTruthy();
    expect(within(alert).getByText(/^terms\.tsv line 2: the status "forbiden" is not one Loupe knows/)).toBeTruthy();
    expect(await glossaries(db, batch.id)).toEqual([]);
    expect(within(section()).getByText('No glossary is attached: terminology is not checked.')).toBeTruthy();
  });

  it('attaches a good one, which every file handed out carries and the reviewer’s QA checks terms against', async () => {
    const { db, user, platform, batch, unmount } = await openDesk();
    await user.upload(screen.getByTestId('desk-glossary-input') as HTMLInputElement, textFile('terms.tsv', GLOSSARY, 'text/tab-separated-values'));
    expect(await within(section()).findByText('terms.tsv is attached: 3 terms.')).toBeTruthy();
    expect(await glossaries(db, batch.id)).toEqual(['glossary/terms.tsv']);
    expect(within(section()).queryByRole('alert')).toBeNull();
    expect(within(section()).getByRole('button', { name: /^Replace the glossary…/ })).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'Reviewer 1 id' }), 'r-ana');
    await user.type(screen.getByRole('textbox', { name: 'Reviewer 1 display name' }), 'Ana');
    await user.click(screen.getByRole('button', { name: /^Export files/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
    const read = await readBatchFile(platform.savedFiles[0]!.data as Uint8Array, { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    expect([...read.attachments.keys()].sort()).toEqual(['glossary/terms.tsv', 'xliff/strings.xlf']);
    expect(new TextDecoder().decode(read.attachments.get('glossary/terms.tsv'))).toBe(GLOSSARY);
    // Handed out, the desk says what changing it now would mean.
    expect(await within(section()).findByText(/^You have handed this revision out already/)).toBeTruthy();
    unmount();

    // On the reviewer's machine: the batch file opened, the segment corrected with the forbidden term.
    const mine = newDatabase();
    const stored = await storeBatchFile(mine, read, 'strings.r-ana.loupe');
    expect(stored.status).toBe('stored');
    const reviewer = renderApp({ db: mine, hash: `#/batch/${batch.id}/item/${encodeURIComponent(SAVE)}` });
    const qa = await screen.findByRole('region', { name: 'QA checks' });
    expect(await within(qa).findByText('Terminology is checked against the glossary terms.tsv (3 terms).')).toBeTruthy();
    const correction = screen.getByRole('textbox', { name: 'Correction' });
    await reviewer.user.clear(correction);
    await reviewer.user.type(correction, 'Veränderungen speichern?');
    await reviewer.user.keyboard('{Control>}{Enter}{/Control}');
    expect(await within(qa).findByText(/^The target has "Veränderungen", which the glossary forbids as a translation of "changes" \(terms\.tsv line 3\)/)).toBeTruthy();
    expect(await mine.events.count()).toBe(0);
  });

  it('removes the glossary: files handed out from now on carry none', async () => {
    const { db, user, batch } = await openDesk();
    await user.upload(screen.getByTestId('desk-glossary-input') as HTMLInputElement, textFile('terms.csv', 'source,target\nSave,speichern\n', 'text/csv'));
    expect(await within(section()).findByText('terms.csv is attached: 1 term.')).toBeTruthy();
    await user.click(within(section()).getByRole('button', { name: 'Remove the glossary' }));
    expect(await within(section()).findByText('No glossary is attached: terminology is not checked.')).toBeTruthy();
    expect(await glossaries(db, batch.id)).toEqual([]);
  });
});
