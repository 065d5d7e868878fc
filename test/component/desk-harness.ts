// Shared set-up of the coordinator's desk tests: a batch on the coordinator's machine, a plan of who has
// which items, and the result files reviewers would send back (made as their Loupe makes them).
import { writeResultFile, type ResultEvent } from '../../shared/batch-file';
import { planSplit } from '../../shared/coordination';
import type { FieldValues } from '../../shared/domain';
import { commit, initialReview, replay, type Intent } from '../../shared/review';
import { planRecord } from '../../renderer/desk/hand-out';
import { savePlan } from '../../renderer/desk/desk-data';
import { getBatch, type LoupeDatabase } from '../../renderer/storage';
import { seedBatch } from './app-harness';

export const ANA = { id: 'r-ana', name: 'Ana' };
export const BEN = { id: 'r-ben', name: 'Ben' };

/** Six segments; with two reviewers and an overlap of 2, seg-2 and seg-5 go to both. */
export const segments = [
  { id: 'seg-1', input: 'The parties agree.', output: 'Die Parteien stimmen zu.' },
  { id: 'seg-2', input: 'This contract is void.', output: 'Dieser Vertrag ist <i>nichtig</i>.' },
  { id: 'seg-3', input: 'Payment is due in 30 days.', output: 'Die Zahlung ist in 30 Tagen fällig.' },
  { id: 'seg-4', input: 'Sign here.', output: 'Hier unterschreiben.' },
  { id: 'seg-5', input: 'Null and void.', output: 'Null und nichtig.' },
  { id: 'seg-6', input: 'Thank you.', output: 'Danke.' },
];

export async function seedContract(db: LoupeDatabase) {
  return seedBatch(db, 'contract.jsonl', segments);
}

/** The plan the desk remembers after "Export files": Ana and Ben, overlap 2. */
export async function seedPlan(db: LoupeDatabase, batchId: string): Promise<void> {
  const found = await getBatch(db, batchId);
  if (!found) throw new Error('no batch');
  const plan = planSplit(
    segments.map((s) => s.id),
    { reviewers: [ANA, BEN], overlap: 2 },
  );
  if (!plan.ok) throw new Error(plan.message);
  await savePlan(db, batchId, planRecord(found.batch, plan, { overlap: 2, counts: null }, new Date('2026-11-25T09:00:00Z')));
}

export interface Verdict {
  itemId: string;
  intent: Intent;
  values?: FieldValues;
}

let clock = Date.UTC(2026, 10, 25, 10, 0, 0);

/** A reviewer's `.loupe-result` with their verdicts, each one event made as the review screen makes it. */
export async function resultFile(
  db: LoupeDatabase,
  batchId: string,
  reviewer: { id: string; name: string },
  verdicts: readonly Verdict[],
  /** The reviewer the batch file was handed out to, when the reviewer's profile is another. */
  assignedAs?: { id: string; name: string },
): Promise<{ bytes: Uint8Array; events: ResultEvent[] }> {
  const found = await getBatch(db, batchId);
  if (!found) throw new Error('no batch');
  const events: ResultEvent[] = [];
  const reviews = [];
  for (const v of verdicts) {
    const item = await db.items.get([batchId, v.itemId]);
    if (!item) throw new Error(`no item ${v.itemId}`);
    clock += 60_000;
    const result = commit({
      schema: found.schema.schema,
      item,
      review: initialReview(item, reviewer),
      draft: { values: { ...item.output, ...v.values }, comment: v.intent === 'flag' ? 'Not sure about the register.' : '', reason: null },
      intent: v.intent,
      reviewer,
      deviceId: `device-${reviewer.id}`,
      eventId: `${reviewer.id}-${v.itemId}-${clock}`,
      at: new Date(clock).toISOString(),
      timeSpentMs: 1000,
    });
    if (!result.ok || !result.event) throw new Error('no event');
    events.push(result.event);
    reviews.push(replay(initialReview(item, reviewer), [result.event]));
  }
  const bytes = await writeResultFile({ batchId, revision: 1, reviewer, ...(assignedAs ? { assignedAs } : {}), reviews, events });
  return { bytes, events };
}

export const asFile = (name: string, bytes: Uint8Array) => new File([bytes as BlobPart], name, { type: 'application/octet-stream' });
