import { describe, expect, it } from 'vitest';
import { TaskSchema, type Item, type ReviewEvent } from '../../shared/domain';
import { applyEvent, commit, draftDiffers, draftFromReview, initialReview, replay, type Intent, type Review } from '../../shared/review';

const schema = TaskSchema.parse({
  name: 'triage',
  fields: [
    { name: 'text', kind: 'longtext' },
    { name: 'code', kind: 'label', options: ['A', 'B'] },
  ],
  reasonCodes: [{ code: 'wrong', label: 'Wrong code' }],
});
const item: Item = { batchId: 'b', id: 'i1', seq: 0, context: {}, output: { text: 'Das Haus ist klein', code: 'A' } };
const reviewer = { id: 'r1', name: 'Ada' };
let n = 0;

function act(review: Review, intent: Intent, draft = draftFromReview(review), s = schema) {
  n += 1;
  return commit({ schema: s, item, review, draft, intent, reviewer, deviceId: 'dev', eventId: `e${n}`, at: `2026-11-25T10:00:${String(n % 60).padStart(2, '0')}Z`, timeSpentMs: 1000 });
}

function event(review: Review, intent: Intent, draft = draftFromReview(review)): ReviewEvent {
  const r = act(review, intent, draft);
  if (!r.ok || !r.event) throw new Error('expected an event');
  return r.event;
}

describe('committing a review', () => {
  it('confirms an unchanged item as accepted and an edited one as corrected', () => {
    const start = initialReview(item, reviewer);
    expect(event(start, 'confirm').status).toBe('accepted');
    const edited = event(start, 'confirm', { ...draftFromReview(start), values: { ...start.values, text: 'Das Haus ist groß' } });
    expect(edited.action).toBe('correct');
    expect(edited.status).toBe('corrected');
    expect(edited.changes).toEqual([{ field: 'text', old: 'Das Haus ist klein', new: 'Das Haus ist groß' }]);
  });

  it('counts a correction that returns to the AI output as accepted', () => {
    const start = initialReview(item, reviewer);
    const corrected = applyEvent(start, event(start, 'confirm', { ...draftFromReview(start), values: { ...start.values, code: 'B' } }));
    const back = event(corrected, 'confirm', { ...draftFromReview(corrected), values: { ...corrected.values, code: 'A' } });
    expect(back.status).toBe('accepted');
  });

  it('appends nothing when an unchanged item is left, and an edit event when a changed one is', () => {
    const start = initialReview(item, reviewer);
    expect(act(start, 'leave')).toEqual({ ok: true, event: null });
    const left = event(start, 'leave', { ...draftFromReview(start), values: { ...start.values, text: 'x' } });
    expect(left.action).toBe('edit');
    expect(left.status).toBe('pending');
    const commented = event(start, 'leave', { ...draftFromReview(start), comment: 'check the dosage' });
    expect(commented.action).toBe('comment');
    expect(commented.comment).toEqual({ old: '', new: 'check the dosage' });
  });

  it('refuses an override without a reason when the schema asks for one', () => {
    const strict = TaskSchema.parse({ ...schema, requireReasonOnOverride: true });
    const start = initialReview(item, reviewer);
    const r = act(start, 'reject', draftFromReview(start), strict);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/reason/);
    expect(act(start, 'reject', { ...draftFromReview(start), reason: 'wrong' }, strict).ok).toBe(true);
    expect(act(start, 'confirm', draftFromReview(start), strict).ok).toBe(true);
  });

  it('replays events into the same review, accumulating time and keeping the latest verdict time', () => {
    const start = initialReview(item, reviewer);
    const e1 = event(start, 'flag');
    const r1 = applyEvent(start, e1);
    const e2 = event(r1, 'confirm', { ...draftFromReview(r1), values: { ...r1.values, text: 'Das Haus ist groß' } });
    const r2 = applyEvent(r1, e2);
    expect(replay(start, [e1, e2])).toEqual(r2);
    expect(r2).toMatchObject({ status: 'corrected', timeSpentMs: 2000, reviewedAt: e2.at, eventCount: 2, lastEventId: e2.id });
    const reopened = applyEvent(r2, event(r2, 'reopen'));
    expect(reopened.status).toBe('pending');
    expect(reopened.reviewedAt).toBeNull();
    expect(reopened.values.text).toBe('Das Haus ist groß');
  });

  it('compares labels regardless of order when deciding whether a draft differs', () => {
    const multi = TaskSchema.parse({ name: 'm', fields: [{ name: 'tags', kind: 'labels', options: ['a', 'b'] }] });
    const it2: Item = { batchId: 'b', id: 'i2', seq: 1, context: {}, output: { tags: ['a', 'b'] } };
    const start = initialReview(it2, reviewer);
    expect(draftDiffers(start, { ...draftFromReview(start), values: { tags: ['b', 'a'] } }, multi)).toBe(false);
    expect(draftDiffers(start, { ...draftFromReview(start), values: { tags: ['a'] } }, multi)).toBe(true);
  });
});
