import type { LoupeDatabase } from './database';

const key = (batchId: string, reviewerId: string) => `position:${batchId}:${reviewerId}`;

/** Remembers the item the reviewer was on, so reopening a batch goes back there. */
export async function savePosition(db: LoupeDatabase, batchId: string, reviewerId: string, itemId: string): Promise<void> {
  await db.kv.put({ key: key(batchId, reviewerId), value: itemId });
}

export async function loadPosition(db: LoupeDatabase, batchId: string, reviewerId: string): Promise<string | undefined> {
  const row = await db.kv.get(key(batchId, reviewerId));
  return typeof row?.value === 'string' ? row.value : undefined;
}
