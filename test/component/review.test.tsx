// The review screen as a reviewer uses it: through roles and accessible names, with a real (in-memory)
// IndexedDB underneath, so every assertion about verdicts, events and drafts reads what was stored.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { saveDraft, type LoupeDatabase } from '../../renderer/storage';
import type { TaskSchemaInput } from '../../shared/domain';
import { initReviewI18n, storeReviewBatch, type ReviewItemInput } from './review-harness';
import { mountReviewScreen } from './review-screen-harness';

beforeAll(initReviewI18n);

const REVIEWER = { id: 'reviewer-1', name: 'Ada Test' };
const BATCH = 'batch-1';

type ItemInput = ReviewItemInput;

interface OpenOptions {
  itemId?: string;
  /** Runs after the batch is stored and before the screen opens (to leave a draft behind, say). */
  seed?: (db: LoupeDatabase) => Promise<void>;
}

async function openScreen(schemaInput: TaskSchemaInput, items: ItemInput[], options: OpenOptions = {}) {
  const { db, schema, batch, items: stored, entries } = await storeReviewBatch(schemaInput, items, {
    batchId: BATCH,
    name: 'Contracts EN→DE',
    schemaId: 'schema-1',
    fileName: 'contracts.jsonl',
  });
  await options.seed?.(db);
  const onExit = vi.fn();
  const user = userEvent.setup();
  const { platform, navigated, committed, ...view } = mountReviewScreen({ db, batch, schema, entries, reviewer: REVIEWER, itemId: options.itemId ?? stored[0]!.id, onExit });
  await waitFor(() => expect(document.querySelector('.loupe-output')).not.toBeNull());
  return { db, batch, schema, platform, navigated, committed, onExit, user, ...view };
}

const events = (db: LoupeDatabase) => db.events.orderBy('seq').toArray();
const reviewOf = (db: LoupeDatabase, itemId: string) => db.reviews.get([BATCH, itemId, REVIEWER.id]);
const draftOf = (db: LoupeDatabase, itemId: string) => db.drafts.get([BATCH, itemId, REVIEWER.id]);
const position = () => document.querySelector('.loupe-review__position')?.textContent;
const liveRegion = () => screen.getByRole('status');
const correction = (name = 'Correction') => screen.getByRole('textbox', { name }) as HTMLTextAreaElement;
const button = (name: string) => screen.getByRole('button', { name });

/** A schema with a field of every kind (ICD-10 long enough to need a combobox); `extra` goes after the summary. */
const everyKind = (...extra: TaskSchemaInput['fields']): TaskSchemaInput => ({
  name: 'everything',
  fields: [
    { name: 'summary', label: 'Summary', kind: 'text' },
    ...extra,
    { name: 'triage', label: 'Triage', kind: 'label', options: ['low', 'high'] },
    { name: 'icd', label: 'ICD-10', kind: 'label', options: Array.from({ length: 40 }, (_, i) => `I${10 + i}.9`) },
    { name: 'findings', label: 'Findings', kind: 'labels', options: ['fever', 'cough', 'rash'] },
    { name: 'age', label: 'Age', kind: 'number', min: 0, max: 130 },
    { name: 'urgent', label: 'Urgent', kind: 'boolean' },
  ],
});

const translation: TaskSchemaInput = {
  name: 'MT post-editing',
  fields: [{ name: 'text', kind: 'longtext', lang: 'de' }],
  context: [{ name: 'source', label: 'Source', kind: 'longtext', lang: 'en' }],
  instructions: 'Fix meaning errors first, then fluency.',
};
const segments: ItemInput[] = [
  { id: 'seg-1', context: { source: 'The house is small.' }, output: { text: 'Das Haus ist klein.' }, confidence: { text: 0.82 }, model: 'mt-7' },
  { id: 'seg-2', context: { source: 'The garden is large.' }, output: { text: 'Der Garten ist groß.' } },
  { id: 'seg-3', context: { source: 'The door is open.' }, output: { text: 'Die Tür ist offen.' } },
];

/** Takes focus out of the text fields, where plain keys and Ctrl+Z belong to the field. */
const leaveTextField = () => act(() => (document.activeElement as HTMLElement | null)?.blur());

describe('the review screen', () => {
  it('shows the context, the AI output with its confidence, the instructions, the position, id and status', async () => {
    await openScreen(translation, segments);
    expect(screen.getByRole('heading', { name: 'Context' })).toBeTruthy();
    expect(screen.getByText('The house is small.').getAttribute('lang')).toBe('en');
    expect(screen.getByText('Confidence 82%')).toBeTruthy();
    expect(screen.getByText('Model: mt-7')).toBeTruthy();
    expect(screen.getByText('Fix meaning errors first, then fluency.')).toBeTruthy();
    expect(position()).toBe('Item 1 / 3');
    expect(screen.getByText('seg-1')).toBeTruthy();
    expect(screen.getByText('Status: Pending')).toBeTruthy();
    // Instructions fold away.
    await userEvent.click(button('Instructions'));
    expect(screen.getByText('Fix meaning errors first, then fluency.').closest('[hidden]')).not.toBeNull();
  });

  it('puts the reviewer in the Correction box, with the exact button names and their shortcuts', async () => {
    await openScreen(translation, segments);
    expect(document.activeElement).toBe(correction());
    for (const name of ['Accept', 'Reject', 'Flag', 'Next', 'Previous']) expect(button(name)).toBeTruthy();
    expect(button('Accept').getAttribute('aria-keyshortcuts')).toBe('Control+Enter Meta+Enter');
    expect(button('Next').getAttribute('aria-keyshortcuts')).toBe('Alt+ArrowDown');
  });

  it('renders a named control for every field kind', async () => {
    await openScreen(
      everyKind({ name: 'report', label: 'Report', kind: 'longtext' }),
      [{ id: 'c1', output: { summary: 'Cough', report: 'Two days of cough.', triage: 'low', icd: 'I10.9', findings: ['cough'], age: 54, urgent: false } }],
    );
    expect(screen.getByRole('textbox', { name: 'Correction: Summary' }).tagName).toBe('INPUT');
    expect(screen.getByRole('textbox', { name: 'Correction: Report' }).tagName).toBe('TEXTAREA');
    expect(screen.getByRole('combobox', { name: 'Correction: Triage' }).tagName).toBe('SELECT');
    expect(screen.getByRole('combobox', { name: 'Correction: ICD-10' }).tagName).toBe('INPUT');
    const findings = screen.getByRole('group', { name: 'Correction: Findings' });
    expect(within(findings).getAllByRole('checkbox')).toHaveLength(3);
    const age = screen.getByRole('spinbutton', { name: 'Correction: Age' });
    expect([age.getAttribute('min'), age.getAttribute('max')]).toEqual(['0', '130']);
    expect(screen.getByRole('checkbox', { name: 'Correction: Urgent' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Correction: Summary' }));
  });

  it('records every kind of correction in one event', async () => {
    const { db, user } = await openScreen(
      everyKind(),
      [{ id: 'c1', output: { summary: 'Cough', triage: 'low', icd: 'I10.9', findings: ['cough'], age: 54, urgent: false } }],
    );
    await user.type(screen.getByRole('textbox', { name: 'Correction: Summary' }), ' and fever');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Correction: Triage' }), 'high');
    const icdBox = screen.getByRole('combobox', { name: 'Correction: ICD-10' });
    await user.clear(icdBox);
    await user.type(icdBox, 'I21');
    expect(screen.getByRole('option', { name: 'I21.9' })).toBeTruthy();
    await user.keyboard('{Enter}');
    expect((icdBox as HTMLInputElement).value).toBe('I21.9');
    await user.click(screen.getByRole('checkbox', { name: 'fever' }));
    const age = screen.getByRole('spinbutton', { name: 'Correction: Age' });
    await user.clear(age);
    await user.type(age, '55');
    await user.click(screen.getByRole('checkbox', { name: 'Correction: Urgent' }));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(async () => expect(await db.events.count()).toBe(1));
    const [e] = await events(db);
    expect(e?.status).toBe('corrected');
    expect(Object.fromEntries(e!.changes.map((c) => [c.field, c.new]))).toEqual({
      summary: 'Cough and fever',
      triage: 'high',
      icd: 'I21.9',
      findings: ['fever', 'cough'],
      age: 55,
      urgent: true,
    });
  });

  it('highlights the difference live as the reviewer types', async () => {
    const { user } = await openScreen(translation, segments);
    const changes = screen.getByRole('group', { name: 'Changes from the AI output' });
    expect(within(changes).getByText('No changes: the same as the AI output.')).toBeTruthy();
    await user.type(correction(), ' Wirklich');
    await waitFor(() => expect(within(changes).getByRole('insertion').textContent).toContain('Wirklich'));
    // Marked for screen readers too, not by colour alone.
    expect(within(changes).getByRole('insertion').textContent).toMatch(/^\[inserted: /u);
    await user.clear(correction());
    await user.type(correction(), 'Das Haus ist groß.');
    await waitFor(() => expect(within(changes).getByRole('deletion').textContent).toContain('klein'));
    expect(within(changes).getByRole('insertion').textContent).toContain('groß');
  });

  it('accepts an unchanged item and opens the next one', async () => {
    const { db, user, navigated, committed } = await openScreen(translation, segments);
    await user.click(button('Accept'));
    await waitFor(() => expect(correction().value).toBe('Der Garten ist groß.'));
    expect(position()).toBe('Item 2 / 3');
    expect(navigated).toEqual(['seg-2']);
    const [e] = await events(db);
    expect([e?.action, e?.status, e?.itemId, e?.reviewerId, e?.deviceId]).toEqual(['accept', 'accepted', 'seg-1', REVIEWER.id, 'device-1']);
    expect((await reviewOf(db, 'seg-1'))?.status).toBe('accepted');
    expect(committed.map((r) => r.status)).toEqual(['accepted']);
    await waitFor(() => expect(liveRegion().textContent).toBe('Accepted. Item 2 of 3.'));
    expect(document.activeElement).toBe(correction());
  });

  it('confirms an edited item as corrected with Ctrl+Enter, inside the text field', async () => {
    const { db, user, navigated } = await openScreen(translation, segments);
    await user.type(correction(), ' Sehr klein.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.status).toBe('corrected'));
    const [e] = await events(db);
    expect(e?.action).toBe('correct');
    expect(e?.changes).toEqual([{ field: 'text', old: 'Das Haus ist klein.', new: 'Das Haus ist klein. Sehr klein.' }]);
    expect(navigated).toEqual(['seg-2']);
    expect(await draftOf(db, 'seg-1')).toBeUndefined();
  });

  it('says the batch is done after the last item, and stays', async () => {
    const { db, user, navigated } = await openScreen(translation, segments, { itemId: 'seg-3' });
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await waitFor(async () => expect((await reviewOf(db, 'seg-3'))?.status).toBe('accepted'));
    expect(navigated).toEqual([]);
    expect(position()).toBe('Item 3 / 3');
    // The review is stored before the screen hears back, so the message may follow a moment later.
    expect(await screen.findByText('That was the last item in the list; 2 items in it are still pending.')).toBeTruthy();
  });

  it('records Reject and Flag, by button and by key, and stays on the item', async () => {
    const { db, user, navigated } = await openScreen(translation, segments);
    await user.click(button('Reject'));
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.status).toBe('rejected'));
    await waitFor(() => expect(screen.getByText('Status: Rejected')).toBeTruthy());
    await user.click(button('Flag'));
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.status).toBe('flagged'));
    act(() => correction().focus());
    await user.keyboard('{Control>}{Shift>}{Backspace}{/Shift}{/Control}');
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.status).toBe('rejected'));
    expect((await events(db)).map((e) => e.action)).toEqual(['reject', 'flag', 'reject']);
    expect(correction().value).toBe('Das Haus ist klein.'); // the shortcut typed nothing
    expect(navigated).toEqual([]);
    expect(position()).toBe('Item 1 / 3');
  });

  it('commits an edited item as an edit when the reviewer leaves it, and not an untouched one', async () => {
    const { db, user, navigated } = await openScreen(translation, segments);
    await user.click(button('Next'));
    await waitFor(() => expect(correction().value).toBe('Der Garten ist groß.'));
    expect(await db.events.count()).toBe(0);
    await user.type(correction(), ' Sehr.');
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('Das Haus ist klein.'));
    const [e] = await events(db);
    expect([e?.action, e?.status, e?.itemId]).toEqual(['edit', 'pending', 'seg-2']);
    expect(e?.changes[0]?.new).toBe('Der Garten ist groß. Sehr.');
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('Der Garten ist groß. Sehr.'));
    expect(navigated).toEqual(['seg-2', 'seg-1', 'seg-2']);
  });

  it('keeps the page from item to item and starts only the editors afresh', async () => {
    const { user } = await openScreen(translation, segments);
    const output = document.querySelector('.loupe-output');
    const first = correction();
    await user.type(first, ' Sehr.');
    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'Note.');
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('Der Garten ist groß.'));
    // The same elements show the next item; the editors are new, start from its draft, and have the focus.
    expect(document.querySelector('.loupe-output')).toBe(output);
    expect(correction()).not.toBe(first);
    expect((screen.getByRole('textbox', { name: 'Comment' }) as HTMLTextAreaElement).value).toBe('');
    expect(document.activeElement).toBe(correction());
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('Das Haus ist klein. Sehr.'));
    expect((screen.getByRole('textbox', { name: 'Comment' }) as HTMLTextAreaElement).value).toBe('Note.');
  });

  it('keeps the next item’s stored time while the previous item is committed as it is left', async () => {
    const { db, user } = await openScreen(translation, segments, {
      seed: (db) =>
        saveDraft(db, {
          batchId: BATCH,
          itemId: 'seg-2',
          reviewerId: REVIEWER.id,
          values: { text: 'Der Garten ist riesig.' },
          comment: '',
          reason: null,
          activeMs: 90_000,
          updatedAt: '2026-01-05T10:00:00.000Z',
        }),
    });
    await user.type(correction(), ' Sehr.');
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('Der Garten ist riesig.'));
    await waitFor(async () => expect((await events(db)).map((e) => [e.action, e.itemId])).toEqual([['edit', 'seg-1']]));
    expect((await events(db))[0]?.timeSpentMs).toBeLessThan(90_000);
    await waitFor(async () => expect(await draftOf(db, 'seg-1')).toBeUndefined());
    await user.click(button('Accept'));
    await waitFor(async () => expect(await db.events.count()).toBe(2));
    const [, e] = await events(db);
    expect([e?.itemId, e?.status]).toEqual(['seg-2', 'corrected']);
    expect(e?.timeSpentMs).toBeGreaterThanOrEqual(90_000);
  });

  it('stores the left item before a flush resolves, and lets the reviewer act on the next one at once', async () => {
    const { db, user, platform } = await openScreen(translation, segments);
    await user.type(correction(), ' Sehr.');
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await platform.flush();
    expect((await events(db)).map((e) => [e.action, e.itemId])).toEqual([['edit', 'seg-1']]);
    await waitFor(() => expect(correction().value).toBe('Der Garten ist groß.'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(async () => expect((await events(db)).map((e) => [e.action, e.itemId])).toEqual([['edit', 'seg-1'], ['accept', 'seg-2']]));
  });

  it('commits the draft when the reviewer goes back to the list', async () => {
    const { db, user, onExit } = await openScreen(translation, segments);
    await user.type(correction(), ' Gut.');
    await user.click(button('Back to the list'));
    await waitFor(() => expect(onExit).toHaveBeenCalled());
    expect((await events(db)).map((e) => e.action)).toEqual(['edit']);
  });
});

describe('drafts', () => {
  it('reach IndexedDB within 500 ms of a keystroke', async () => {
    const { db, user } = await openScreen(translation, segments);
    await user.type(correction(), ' Y');
    const typed = performance.now();
    await waitFor(async () => expect((await draftOf(db, 'seg-1'))?.values.text).toBe('Das Haus ist klein. Y'), { timeout: 500, interval: 10 });
    expect(performance.now() - typed).toBeLessThan(500);
    expect(await db.events.count()).toBe(0); // drafts are not events
  });

  it('are written at once on blur, without waiting for the debounce', async () => {
    const { db, user } = await openScreen(translation, segments);
    const put = vi.spyOn(db.drafts, 'put');
    await user.type(correction(), 'Z');
    put.mockClear();
    await act(async () => correction().blur());
    expect(put).toHaveBeenCalledTimes(1);
    await waitFor(async () => expect((await draftOf(db, 'seg-1'))?.values.text).toBe('Das Haus ist klein.Z'), { timeout: 150, interval: 5 });
  });

  it('are written when the platform asks (window closing) and when the page is hidden', async () => {
    const { db, user, platform } = await openScreen(translation, segments);
    await user.type(correction(), ' A');
    await platform.flush();
    expect((await draftOf(db, 'seg-1'))?.values.text).toBe('Das Haus ist klein. A');

    await user.type(correction(), 'B');
    const put = vi.spyOn(db.drafts, 'put');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      await act(async () => document.dispatchEvent(new Event('visibilitychange')));
      expect(put).toHaveBeenCalled();
    } finally {
      delete (document as unknown as Record<string, unknown>).visibilityState;
    }
    await waitFor(async () => expect((await draftOf(db, 'seg-1'))?.values.text).toBe('Das Haus ist klein. AB'), { timeout: 150 });
  });

  it('are not lost when the screen goes away in the middle of the debounce', async () => {
    const { db, user, unmount } = await openScreen(translation, segments);
    await user.type(correction(), ' Q');
    unmount();
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.values.text).toBe('Das Haus ist klein. Q'));
    expect((await events(db)).map((e) => e.action)).toEqual(['edit']);
  });

  it('are restored, with their active time, when the item is opened again', async () => {
    const { db, user } = await openScreen(translation, segments, {
      seed: (db) =>
        saveDraft(db, {
          batchId: BATCH,
          itemId: 'seg-1',
          reviewerId: REVIEWER.id,
          values: { text: 'Das Haus ist winzig.' },
          comment: 'Check the term.',
          reason: null,
          activeMs: 90_000,
          updatedAt: '2026-01-05T10:00:00.000Z',
        }),
    });
    expect(correction().value).toBe('Das Haus ist winzig.');
    expect((screen.getByRole('textbox', { name: 'Comment' }) as HTMLTextAreaElement).value).toBe('Check the term.');
    expect(screen.getByText('Your unsaved work on this item was restored.')).toBeTruthy();
    await user.click(button('Accept'));
    await waitFor(async () => expect(await db.events.count()).toBe(1));
    const [e] = await events(db);
    expect(e?.status).toBe('corrected');
    expect(e?.comment).toEqual({ old: '', new: 'Check the term.' });
    expect(e?.timeSpentMs).toBeGreaterThanOrEqual(90_000);
  });
});

describe('reasons, undo, shortcuts and history', () => {
  const triage: TaskSchemaInput = {
    name: 'Chest triage',
    fields: [{ name: 'code', label: 'Diagnosis', kind: 'label', options: ['J18.9', 'J45.909', 'I21.9'] }],
    context: [
      { name: 'notes', label: 'Case notes', kind: 'longtext' },
      { name: 'xray', label: 'Chest X-ray', kind: 'image' },
    ],
    reasonCodes: [
      { code: 'wrong-dx', label: 'Wrong diagnosis' },
      { code: 'incomplete', label: 'Incomplete' },
    ],
    requireReasonOnOverride: true,
  };
  const cases: ItemInput[] = [
    {
      id: 'case-1',
      context: { notes: 'Fever, productive cough.', xray: 'data:image/png;base64,iVBORw0KGgo=' },
      output: { code: 'J18.9' },
      confidence: { code: 0.64 },
      rationale: 'Consolidation in the right lower lobe.',
    },
    { id: 'case-2', context: { notes: 'Wheezing.', xray: 'https://example.org/remote.png' }, output: { code: 'J45.909' } },
  ];

  it('blocks an override without a reason, says why next to Reason and moves focus there', async () => {
    const { db, user, navigated } = await openScreen(triage, cases);
    const code = screen.getByRole('combobox', { name: 'Correction' });
    await user.selectOptions(code, 'I21.9');
    await user.click(button('Accept'));
    const reason = screen.getByRole('combobox', { name: 'Reason' });
    await waitFor(() => expect(document.activeElement).toBe(reason));
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    const message = screen.getByText('This batch asks for a reason code when you override the AI: choose one, then confirm again.');
    expect(reason.getAttribute('aria-describedby')).toContain(message.id);
    expect(await db.events.count()).toBe(0);
    expect(navigated).toEqual([]);

    await user.selectOptions(reason, 'wrong-dx');
    expect(screen.queryByText(/asks for a reason code/u)).toBeNull();
    await user.click(button('Accept'));
    await waitFor(async () => expect(await db.events.count()).toBe(1));
    const [e] = await events(db);
    expect([e?.status, e?.reason?.new]).toEqual(['corrected', 'wrong-dx']);
    expect(navigated).toEqual(['case-2']);
  });

  it('shows an image with zoom, and no image from a remote host', async () => {
    const { user } = await openScreen(triage, cases);
    const img = screen.getByRole('img', { name: 'Chest X-ray (image of this item)' });
    expect(screen.getByText('Fitted to the panel')).toBeTruthy();
    await user.click(img);
    expect(screen.getByText('Zoom 100%')).toBeTruthy();
    act(() => screen.getByRole('group', { name: /Chest X-ray: image/u }).focus());
    await user.keyboard('+');
    expect(screen.getByText('Zoom 200%')).toBeTruthy();
    await user.keyboard('0');
    expect(screen.getByText('Fitted to the panel')).toBeTruthy();
    expect(screen.getByText('Confidence 64%')).toBeTruthy();
    expect(screen.getByText('Consolidation in the right lower lobe.')).toBeTruthy();

    await user.click(button('Next'));
    await waitFor(() => expect(screen.getByText('Wheezing.')).toBeTruthy());
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText(/only images carried inside the batch/u)).toBeTruthy();
  });

  it('undoes a verdict with a compensating event, and redoes it', async () => {
    const { db, user } = await openScreen(translation, segments);
    await user.click(button('Reject'));
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.status).toBe('rejected'));
    await leaveTextField();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.status).toBe('pending'));
    await waitFor(() => expect(screen.getByText('Status: Pending')).toBeTruthy());
    await leaveTextField();
    await user.keyboard('{Control>}y{/Control}');
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.status).toBe('rejected'));
    // The log only grows: the undo is an event of its own.
    expect((await events(db)).map((e) => `${e.action}:${e.status}`)).toEqual(['reject:rejected', 'reopen:pending', 'reject:rejected']);
  });

  it('undoes unsaved changes first, without an event, and redoes them', async () => {
    const { db, user } = await openScreen(translation, segments);
    await user.type(correction(), ' Neu.');
    await leaveTextField();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(correction().value).toBe('Das Haus ist klein.'));
    await leaveTextField();
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(correction().value).toBe('Das Haus ist klein. Neu.'));
    expect(await db.events.count()).toBe(0);
  });

  it('undoes an Accept from the next item by going back to it', async () => {
    const { db, user, navigated } = await openScreen(translation, segments);
    await user.type(correction(), ' Klein.');
    await user.click(button('Accept'));
    await waitFor(() => expect(correction().value).toBe('Der Garten ist groß.'));
    await user.click(button('Undo'));
    await waitFor(async () => expect((await reviewOf(db, 'seg-1'))?.status).toBe('pending'));
    expect(navigated).toEqual(['seg-2', 'seg-1']);
    await waitFor(() => expect(correction().value).toBe('Das Haus ist klein.'));
    const last = (await events(db)).at(-1);
    expect([last?.action, last?.changes[0]?.new]).toEqual(['reopen', 'Das Haus ist klein.']);
    await waitFor(() => expect(liveRegion().textContent).toBe('Undone. Status: Pending.'));
  });

  it('opens the shortcut sheet with ? outside a text field and F1 anywhere; Esc closes it', async () => {
    const { user } = await openScreen(translation, segments);
    await user.type(correction(), '?');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(correction().value).toBe('Das Haus ist klein.?');

    await leaveTextField();
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    for (const action of ['Accept: confirm the item as it stands and open the next', 'Reject: the AI output is unusable', 'Next item', 'Undo the last verdict (or your unsaved changes)']) {
      expect(within(dialog).getByText(action)).toBeTruthy();
    }
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    // Esc leaves the text field for the actions, where ? works.
    act(() => correction().focus());
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(button('Accept'));
    await user.keyboard('?');
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(button('Accept'));

    act(() => correction().focus());
    await user.keyboard('{F1}');
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(correction());
  });

  it('lists the item’s events in the History panel', async () => {
    const { user } = await openScreen(translation, segments);
    // Collapsed, the panel holds nothing but its heading: the log is not read for every item.
    const region = document.getElementById(button('History').getAttribute('aria-controls') ?? '');
    expect(region?.hidden).toBe(true);
    expect(region?.childElementCount).toBe(0);
    await user.type(correction(), ' Sehr.');
    await user.click(button('Flag'));
    await user.click(button('History'));
    await waitFor(() => expect(screen.getByText('Flagged', { selector: 'strong' })).toBeTruthy());
    expect(screen.getByText(/Ada Test/u)).toBeTruthy();
    expect(screen.getByText('text: Das Haus ist klein. → Das Haus ist klein. Sehr.')).toBeTruthy();
  });

  it('refuses a number out of range and says so at the field', async () => {
    const { db, user } = await openScreen({ name: 'ages', fields: [{ name: 'age', kind: 'number', min: 0, max: 130 }] }, [{ id: 'p1', output: { age: 54 } }]);
    const age = screen.getByRole('spinbutton', { name: 'Correction' });
    await user.clear(age);
    await user.type(age, '200');
    await user.click(button('Accept'));
    await waitFor(() => expect(screen.getByText('Enter 130 or less.')).toBeTruthy());
    await waitFor(() => expect(document.activeElement).toBe(age));
    expect(age.getAttribute('aria-invalid')).toBe('true');
    expect(await db.events.count()).toBe(0);
  });
});

describe('untrusted content and languages', () => {
  it('shows AI output that looks like markup as literal text', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const { container } = await openScreen(translation, [
      { id: 'x1', context: { source: '<b>bold</b><script>alert(2)</script>' }, output: { text: payload }, rationale: '<iframe src="javascript:alert(3)">' },
    ]);
    expect(container.querySelector('img, script, b, iframe')).toBeNull();
    expect(document.querySelector('img, script, iframe')).toBeNull();
    expect(screen.getByText(payload, { selector: '.loupe-ai__text' })).toBeTruthy();
    expect(correction().value).toBe(payload);
    expect(screen.getByText('<b>bold</b><script>alert(2)</script>', { selector: 'p' })).toBeTruthy();
    expect(screen.getByText('<iframe src="javascript:alert(3)">', { selector: 'p' })).toBeTruthy();
  });

  it('sets lang and dir from the field, so right-to-left text runs right to left', async () => {
    await openScreen(
      {
        name: 'EN→AR',
        fields: [{ name: 'text', kind: 'longtext', lang: 'ar', dir: 'rtl' }],
        context: [{ name: 'source', kind: 'text', lang: 'en' }],
      },
      [{ id: 'ar-1', context: { source: 'The house is small.' }, output: { text: 'البيت صغير.' } }],
    );
    expect(correction().getAttribute('dir')).toBe('rtl');
    expect(correction().getAttribute('lang')).toBe('ar');
    expect(screen.getByText('البيت صغير.', { selector: '.loupe-ai__text' }).getAttribute('dir')).toBe('rtl');
    expect(screen.getByText('The house is small.').getAttribute('dir')).toBe('auto');
  });

  it('has no WCAG A/AA violations that axe can see', async () => {
    const { container } = await openScreen(translation, segments);
    const result = await axe.run(container, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
