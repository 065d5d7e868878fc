import type { LoupeDatabase } from '../storage';
import { importText, type FileReport, type TextSource } from './import-files';

const SEEDED_KEY = 'demo:seeded';

// One seeding per database at a time: React's development double effects and two quick starts must not
// race (storing is idempotent anyway; this only saves the second parse).
const running = new WeakMap<LoupeDatabase, Promise<FileReport[] | null>>();

/**
 * On the first start, imports the demo batches through the same path as Import, so a newcomer finds
 * work ready to try. Remembered in the database rather than in settings: clearing the data brings them
 * back, and a second window sees the first one's seeding. Resolves to null when already done.
 */
export function seedDemoBatches(db: LoupeDatabase, sources: readonly TextSource[]): Promise<FileReport[] | null> {
  const pending = running.get(db);
  if (pending) return pending;
  const work = (async () => {
    if ((await db.kv.get(SEEDED_KEY))?.value === true) return null;
    const reports: FileReport[] = [];
    for (const source of sources) reports.push(await importText(db, source, { sourceFormat: 'demo' }));
    await db.kv.put({ key: SEEDED_KEY, value: true });
    return reports;
  })();
  running.set(db, work);
  work.finally(() => running.delete(db)).catch(() => undefined);
  return work;
}
