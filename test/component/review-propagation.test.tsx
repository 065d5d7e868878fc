// Propagation on the review screen (docs/reviewing.md, "Propagation"): after a confirmation, the other
// unconfirmed segments with the same source are offered the same translation; Enter applies it (one
// verdict event per segment, marked as propagated), Esc declines.
import { screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, saveDraft, type LoupeDatabase } from '../../renderer/storage';
import { TaskSchema } from '../../shared/domain';
import { commit, initialReview } from '../../shared/review';
import { initReviewI18n } from './review-harness';
import { BATCH, REVIEWER, openQaScreen, translation } from './review-qa-harness';

beforeAll(initReviewI18n);

const events = (db: LoupeDatabase) => db.events.orderBy('seq').toArray();
const reviewOf = (db: LoupeDatabase, itemId: string) => db.reviews.get([BATCH, itemId, REVIEWER.id]);
const correction = () => screen.getByRole('textbox', { name: 'Correction' }) as HTMLTextAreaElement;
const announced = (text: string) => waitFor(() => expect(document.querySelector('.loupe-review > [role="status"]')?.textContent).toBe(text));
const accept = '{Control>}{Enter}{/Control}';

/** save-4 confirmed before: it is not offered the correction. */
async function acceptSave4(db: LoupeDatabase) {
  const item = await db.items.get([BATCH, 'save-4']);
  if (!item) throw new Error('no save-4');
  const result = commit({
    schema: TaskSchema.parse(translation),
    item,
    review: initialReview(item, REVIEWER),
    draft: { values: { ...item.output }, comment: '', reason: null },
    intent: 'confirm',
    reviewer: REVIEWER,
    deviceId: 'device-0',
    eventId: 'earlier',
    at: '2026-11-25T09:00:00.000Z',
    timeSpentMs: 1000,
  });
  if (!result.ok || !result.event) throw new Error('no event');
  await appendEvent(db, result.event);
}

async function correctSave1(user: Awaited<ReturnType<typeof openQaScreen>>['user']) {
  await user.clear(correction());
  await user.type(correction(), 'Die Datei speichern.');
  await user.keyboard(accept);
}

describe('propagating a correction to identical segments', () => {
  it('asks first, and Enter confirms each unconfirmed one with the same source through the same commit path', async () => {
    const { db, user, navigated, entries } = await openQaScreen({ itemId: 'save-1', seed: acceptSave4 });
    await correctSave1(user);
    const prompt = await screen.findByRole('dialog', { name: 'Apply this translation to 2 identical segments?' });
    const apply = within(prompt).getByRole('button', { name: 'Apply' });
    // The prompt takes focus as it opens (an effect after it renders): wait for it, as Enter must reach it.
    await waitFor(() => expect(document.activeElement).toBe(apply));
    // Nothing but the reviewer's own verdict until they answer.
    expect((await events(db)).map((e) => e.itemId)).toEqual(['save-4', 'save-1']);
    expect(navigated).toEqual([]);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(navigated).toEqual(['hello']));
    await announced('Corrected. Item 4 of 7. Applied to 2 identical segments.');
    const [, own, ...propagated] = await events(db);
    expect(propagated.map((e) => [e.itemId, e.action, e.changes[0]?.new, e.propagatedFrom])).toEqual([
      ['save-2', 'correct', 'Die Datei speichern.', { itemId: 'save-1', eventId: own!.id }],
      ['save-3', 'correct', 'Die Datei speichern.', { itemId: 'save-1', eventId: own!.id }],
    ]);
    expect((await reviewOf(db, 'save-3'))?.status).toBe('corrected');
    // Confirmed before, so left as it was.
    expect((await reviewOf(db, 'save-4'))?.values.target).toBe('Speichern.');
    // The queue hears of each, as of any verdict.
    expect(entries.filter((e) => e.status === 'corrected').map((e) => e.id)).toEqual(['save-1', 'save-2', 'save-3']);

    // A propagated verdict is undone like any other: Undo goes to it and takes it back.
    await user.keyboard('{Escape}');
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(navigated.at(-1)).toBe('save-3'));
    await waitFor(async () => expect((await reviewOf(db, 'save-3'))?.status).toBe('pending'));
    await user.click(screen.getByRole('button', { name: 'History' }));
    expect(await screen.findByText('Propagated from item save-1')).toBeTruthy();
  });

  it('Esc declines: only the reviewer’s own verdict is recorded, and the screen goes on', async () => {
    const { db, user, navigated } = await openQaScreen({ itemId: 'save-1' });
    await correctSave1(user);
    await screen.findByRole('dialog', { name: 'Apply this translation to 3 identical segments?' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(navigated).toEqual(['hello']));
    await announced('Corrected. Item 4 of 7. Not applied to the identical segments.');
    expect((await events(db)).map((e) => e.itemId)).toEqual(['save-1']);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('leaves out a segment holding unsaved work of the reviewer’s; the prompt has no WCAG A/AA violations', async () => {
    const { user } = await openQaScreen({
      itemId: 'save-1',
      seed: async (db) => {
        await saveDraft(db, { batchId: BATCH, itemId: 'save-3', reviewerId: REVIEWER.id, values: { target: 'Halb getippt' }, comment: '', reason: null, activeMs: 4000, updatedAt: '2026-11-25T09:00:00.000Z' });
        // A draft holding only the time spent reading is no work to protect.
        await saveDraft(db, { batchId: BATCH, itemId: 'save-4', reviewerId: REVIEWER.id, values: { target: 'Speichern.' }, comment: '', reason: null, activeMs: 3000, updatedAt: '2026-11-25T09:00:00.000Z' });
      },
    });
    await correctSave1(user);
    const prompt = await screen.findByRole('dialog', { name: 'Apply this translation to 2 identical segments?' });
    const result = await axe.run(prompt, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('keeps the active time a segment had with its propagated verdict', async () => {
    const { db, user } = await openQaScreen({
      itemId: 'save-1',
      seed: async (d) => {
        await saveDraft(d, { batchId: BATCH, itemId: 'save-2', reviewerId: REVIEWER.id, values: { target: 'Die Datei sichern.' }, comment: '', reason: null, activeMs: 3000, updatedAt: '2026-11-25T09:00:00.000Z' });
      },
    });
    await correctSave1(user);
    await screen.findByRole('dialog', { name: 'Apply this translation to 3 identical segments?' });
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await events(db)).length).toBe(4));
    const save2 = (await events(db)).find((e) => e.itemId === 'save-2');
    expect(save2?.timeSpentMs).toBe(3000);
    expect(await db.drafts.get([BATCH, 'save-2', REVIEWER.id])).toBeUndefined();
  });

  it('offers nothing after a confirmation of a segment no other has', async () => {
    const { user, navigated } = await openQaScreen({ itemId: 'pay' });
    await user.keyboard(accept);
    await waitFor(() => expect(navigated).toEqual(['file']));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
