import { itemAt, loadPosition, type LoupeDatabase } from '../storage';

/** Where reviewing a batch starts: the item the reviewer was on last, else the first. */
export async function reviewStart(db: LoupeDatabase, batchId: string, reviewerId: string): Promise<string | undefined> {
  const position = await loadPosition(db, batchId, reviewerId);
  if (position !== undefined && (await db.items.get([batchId, position]))) return position;
  return (await itemAt(db, batchId, 0))?.id;
}
