// Shared set-up of the local-store tests: fresh databases deleted after each test, and a reviewer's verdict
// committed the way the review screen commits it. Not a test file itself.
import { afterEach } from 'vitest';
import type { TaskSchema } from '../../shared/domain';
import { commit, draftFromReview } from '../../shared/review';
import { LoupeDatabase, appendEvent, loadItemState } from '../../renderer/storage';

/**
 * Call at the top of a test file: `database()` makes a fresh database; it, and any a test pushes onto
 * `opened`, is closed and deleted after the test.
 */
export function databasesPerTest(prefix: string): { database: () => LoupeDatabase; opened: LoupeDatabase[] } {
  const opened: LoupeDatabase[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  const database = () => {
    const db = new LoupeDatabase(`${prefix}-${Math.random()}`);
    opened.push(db);
    return db;
  };
  return { database, opened };
}

export interface VerdictBy {
  batchId: string;
  schema: TaskSchema;
  reviewer: { id: string; name: string };
  deviceId: string;
  timeSpentMs: number;
}

/** Commits `intent` on an item (with `text` as the correction when given) and appends the event. */
export async function commitVerdict(db: LoupeDatabase, by: VerdictBy, itemId: string, intent: 'confirm' | 'reject' | 'flag', text?: string) {
  const { batchId, schema, reviewer, deviceId, timeSpentMs } = by;
  const state = await loadItemState(db, batchId, itemId, reviewer);
  if (!state) throw new Error(`no item ${itemId}`);
  const draft = draftFromReview(state.review);
  if (text !== undefined) draft.values.text = text;
  const r = commit({ schema, item: state.item, review: state.review, draft, intent, reviewer, deviceId, eventId: crypto.randomUUID(), at: new Date().toISOString(), timeSpentMs });
  if (!r.ok || !r.event) throw new Error('expected an event');
  return appendEvent(db, r.event, { expectedLastEventId: state.review.lastEventId });
}
