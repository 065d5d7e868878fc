// QA checks on the review screen (docs/qa.md, "In the app"): run when the reviewer confirms and on demand
// (F4); an error stops the confirmation until it is overridden with a reason, which the event, the review
// and the results export record; warnings only inform; the batch's glossary feeds the terminology check.
import { screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachGlossary, batchContents, type LoupeDatabase } from '../../renderer/storage';
import { resultRecords, toCsv, toJsonl } from '../../shared/results';
import { initReviewI18n } from './review-harness';
import { BATCH, openQaScreen } from './review-qa-harness';

beforeAll(initReviewI18n);

const events = (db: LoupeDatabase) => db.events.orderBy('seq').toArray();
const correction = () => screen.getByRole('textbox', { name: 'Correction' }) as HTMLTextAreaElement;
const panel = () => screen.getByRole('region', { name: 'QA checks' });
const announced = (text: string) => waitFor(() => expect(document.querySelector('.loupe-review > [role="status"]')?.textContent).toBe(text));
const accept = '{Control>}{Enter}{/Control}';

const NUMBER_25 = 'The number 25 of the source is not in the target, which has 52 instead — correct it.';
const GLOSSARY = 'file\tDatei\nfile\tFile\t\tforbidden\nsave\tspeichern\n';

describe('QA when the reviewer confirms', () => {
  it('stops a confirmation on an error: nothing is committed, the finding is shown, the reviewer stays in the correction', async () => {
    const { db, user, navigated } = await openQaScreen();
    await user.clear(correction());
    await user.type(correction(), 'Zahlen Sie jetzt 52 EUR.');
    await user.keyboard(accept);
    await announced('Not confirmed: 1 QA error. Correct it, or confirm anyway with a reason: press Accept (Ctrl+Enter) again.');
    expect(await events(db)).toEqual([]);
    expect(navigated).toEqual([]);
    expect(document.activeElement).toBe(correction());
    const findings = within(panel()).getByRole('list', { name: 'QA findings' });
    expect(within(findings).getByText(NUMBER_25)).toBeTruthy();
    expect(within(findings).getByText('Error')).toBeTruthy();
    // Where: the 52 in an excerpt of the translation, marked, as text.
    expect(findings.querySelector('mark')?.textContent).toBe('52');
    expect(within(panel()).getByText('1 error, 0 warnings.')).toBeTruthy();

    // Corrected, the same key confirms at once.
    await user.clear(correction());
    await user.type(correction(), 'Zahlen Sie jetzt 25 EUR!');
    await user.keyboard(accept);
    await waitFor(() => expect(navigated).toEqual(['file']));
    const [event] = await events(db);
    expect(event?.action).toBe('correct');
    expect(event?.qaOverrides).toBeUndefined();
  });

  it('confirms anyway with a reason for each error: recorded on the event, the review, the history and the export', async () => {
    const { db, user, navigated, schema } = await openQaScreen();
    await user.clear(correction());
    await user.type(correction(), 'Zahlen Sie jetzt 52 EUR.');
    await user.keyboard(accept);
    await announced('Not confirmed: 1 QA error. Correct it, or confirm anyway with a reason: press Accept (Ctrl+Enter) again.');
    // The same key again, over the same error, asks for the reason.
    await user.keyboard(accept);
    const dialog = await screen.findByRole('dialog', { name: 'Confirm anyway — reason:' });
    const reason = within(dialog).getByRole('textbox', { name: `Reason for overriding: ${NUMBER_25}` });
    expect(document.activeElement).toBe(reason);

    // A blank reason is refused, with what to do.
    await user.keyboard('   {Enter}');
    expect(await within(dialog).findByText('an override needs a reason: say why the segment is right despite the error')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(await events(db)).toEqual([]);

    await user.clear(reason);
    await user.type(reason, 'The client raised the price to 52 EUR.{Enter}');
    await waitFor(() => expect(navigated).toEqual(['file']));
    await announced('Corrected. Item 2 of 7. 1 QA error overridden.');
    const override = { rule: 'numbers.missing', key: '25', message: NUMBER_25, reason: 'The client raised the price to 52 EUR.' };
    const [event] = await events(db);
    expect(event?.action).toBe('correct');
    expect(event?.qaOverrides).toEqual([override]);
    expect((await db.reviews.get([BATCH, 'pay', 'reviewer-1']))?.qaOverrides).toEqual([override]);

    const contents = await batchContents(db, BATCH);
    const records = resultRecords({ ...contents, all: false });
    expect(records.map((r) => [r.id, r.qaOverrides])).toEqual([['pay', [override]]]);
    expect(JSON.parse(toJsonl(records)).qaOverrides).toEqual([override]);
    const [header, row] = toCsv(records, schema).split('\r\n');
    expect(header?.split(',').at(-1)).toBe('qaOverrides');
    expect(row).toContain('""rule"":""numbers.missing""');

    // Back on the item, its history says what was overridden and why.
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(navigated.at(-1)).toBe('pay'));
    await user.click(screen.getByRole('button', { name: 'History' }));
    expect(await screen.findByText(`QA error overridden: ${NUMBER_25} Reason: The client raised the price to 52 EUR.`)).toBeTruthy();
  });

  it('opens the override form from its button too, and Esc closes it without confirming', async () => {
    const { db, user } = await openQaScreen();
    await user.clear(correction());
    await user.type(correction(), 'Zahlen Sie jetzt 52 EUR.');
    await user.keyboard(accept);
    const anyway = await within(panel()).findByRole('button', { name: 'Confirm anyway…' });
    expect(anyway.getAttribute('aria-keyshortcuts')).toBe('Control+Enter Meta+Enter');
    await user.click(anyway);
    const dialog = await screen.findByRole('dialog', { name: 'Confirm anyway — reason:' });
    await user.keyboard('{Escape}');
    expect(dialog.isConnected).toBe(false);
    expect(document.activeElement).toBe(correction());
    // Esc went to the form, not to the screen (which would have gone back to the list).
    expect(screen.getByRole('region', { name: 'QA checks' })).toBeTruthy();
    expect(await events(db)).toEqual([]);
  });

  it('lets warnings through: the item is confirmed and its warnings are shown on the next one', async () => {
    const { db, user, navigated } = await openQaScreen({ itemId: 'hello' });
    await user.keyboard(accept);
    await waitFor(() => expect(navigated).toEqual(['save-2']));
    await announced('Accepted. Item 5 of 7. 1 QA warning.');
    const [event] = await events(db);
    expect(event?.action).toBe('accept');
    expect(event?.qaOverrides).toBeUndefined();
    expect(screen.getByText('Item hello was confirmed with 1 QA warning:')).toBeTruthy();
    expect(screen.getByText(/^The source ends with a full stop/)).toBeTruthy();
  });

  it('does not run where there is no source to check against', async () => {
    const { user, navigated } = await openQaScreen({
      schema: { name: 'notes', fields: [{ name: 'target', kind: 'text' }], context: [{ name: 'note', kind: 'text' }] },
      items: [
        { id: 'n1', context: { note: 'Pay 25 EUR now.' }, output: { target: '' } },
        { id: 'n2', context: { note: 'x' }, output: { target: 'y' } },
      ],
    });
    expect(screen.queryByRole('region', { name: 'QA checks' })).toBeNull();
    await user.keyboard(accept);
    await waitFor(() => expect(navigated).toEqual(['n2']));
  });
});

describe('QA on demand', () => {
  it('F4 checks the correction as typed, announces the result politely and shows where each finding is', async () => {
    const { user, db } = await openQaScreen();
    const check = within(panel()).getByRole('button', { name: 'Check now' });
    expect(check.getAttribute('aria-keyshortcuts')).toBe('F4');
    expect(within(panel()).getByText('Not checked yet. Confirming checks the translation; so does Check now.')).toBeTruthy();
    await user.keyboard('{F4}');
    await announced('QA: no findings.');
    expect(within(panel()).getByText('No findings: the checks found nothing to report.')).toBeTruthy();

    await user.clear(correction());
    await user.type(correction(), 'Zahlen  Sie jetzt 52 EUR.');
    await user.keyboard('{F4}');
    await announced('QA: 1 error, 1 warning.');
    // Typing goes on in the correction: the check took nothing from it, and committed nothing.
    expect(document.activeElement).toBe(correction());
    expect(await events(db)).toEqual([]);
    const findings = within(panel()).getAllByRole('listitem');
    expect(findings.map((f) => f.querySelector('strong')?.textContent)).toEqual(['Error', 'Warning']);
    expect(within(findings[1]!).getByText('The target has two or more spaces in a row — make each one space.')).toBeTruthy();

    await user.click(within(findings[1]!).getByRole('button', { name: 'Select in the correction' }));
    expect(document.activeElement).toBe(correction());
    expect([correction().selectionStart, correction().selectionEnd]).toEqual([6, 8]);

    // After more typing the place may have moved: the reviewer is told to check again.
    await user.type(correction(), 'x');
    await user.click(within(findings[0]!).getByRole('button', { name: 'Select in the correction' }));
    await announced('The correction changed since this check: check again (F4) to see where.');
  });

  it('is on the shortcut sheet', async () => {
    const { user } = await openQaScreen();
    await user.keyboard('{F1}');
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const row = within(sheet).getByRole('rowheader', { name: 'Check the translation now (QA): codes, numbers, terms and more' }).closest('tr')!;
    expect(row.textContent).toContain('F4');
  });

  it('has no WCAG A/AA violations with findings and the override form open', async () => {
    const { user, container } = await openQaScreen();
    await user.clear(correction());
    await user.type(correction(), 'Zahlen  Sie jetzt 52 EUR.');
    await user.keyboard(accept);
    await user.keyboard(accept);
    await screen.findByRole('dialog', { name: 'Confirm anyway — reason:' });
    const result = await axe.run(container, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('the batch’s glossary', () => {
  it('feeds the terminology check: a forbidden term stops the confirmation', async () => {
    const { user, db } = await openQaScreen({
      itemId: 'file',
      seed: async (d) => {
        const read = await attachGlossary(d, BATCH, 'terms.tsv', new TextEncoder().encode(GLOSSARY));
        expect(read.ok).toBe(true);
      },
    });
    await waitFor(() => expect(within(panel()).getByText('Terminology is checked against the glossary terms.tsv (3 terms).')).toBeTruthy());
    await user.keyboard(accept);
    await announced('Not confirmed: 1 QA error. Correct it, or confirm anyway with a reason: press Accept (Ctrl+Enter) again.');
    expect(within(panel()).getByText(/^The target has "File", which the glossary forbids as a translation of "file" \(terms\.tsv line 2\)/)).toBeTruthy();
    expect(within(panel()).getByText(/^The source has "file", which the glossary translates as "Datei"/)).toBeTruthy();
    expect(await events(db)).toEqual([]);
  });

  it('without one, the same translation passes', async () => {
    const { user, navigated } = await openQaScreen({ itemId: 'file' });
    await user.keyboard(accept);
    await waitFor(() => expect(navigated).toEqual(['save-1']));
  });

  it('names a glossary that cannot be read, and checks the rest', async () => {
    await openQaScreen({
      seed: async (d) => {
        await d.attachments.put({ batchId: BATCH, path: 'glossary/bad.tsv', bytes: new TextEncoder().encode('file\n') });
      },
    });
    expect(await within(panel()).findByText('The glossary bad.tsv could not be read, so terminology is not checked. Ask the coordinator for a new batch file:')).toBeTruthy();
    expect(within(panel()).getByText(/^bad\.tsv line 1: has no tab/)).toBeTruthy();
  });
});

