import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { generateEncryptionKey, mergeResults, readBatchFile, readResultFile, type BatchFileContents } from '../../shared/batch-file';
import type { TaskSchema } from '../../shared/domain';
import { resultFileFor } from '../../renderer/export';
import {
  LoupeDatabase,
  batchProgress,
  migrations,
  queueEntries,
  revisionFlags,
  saveDraft,
  identityLinks,
  storeBatchFile,
  storeResultFile,
} from '../../renderer/storage';
import { BATCH_ID, demoItems, loupeFile, withOutput } from './loupe-fixtures';
import { commitVerdict, databasesPerTest } from './storage-harness';

const { database, opened } = databasesPerTest('batch-files');

const ana = { id: 'r-ana', name: 'Ana' };
const ben = { id: 'r-ben', name: 'Ben' };

async function read(bytes: Uint8Array, decryptWith?: ReturnType<typeof generateEncryptionKey>['privateKey']): Promise<BatchFileContents> {
  const r = await readBatchFile(bytes, { trustedKeys: [], fileName: 'ward7.loupe', ...(decryptWith ? { decryptWith } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

/** Every row of every store: what "nothing changed" is checked against. */
async function dump(db: LoupeDatabase) {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

const verdict = (db: LoupeDatabase, schema: TaskSchema, reviewer: { id: string; name: string }, itemId: string, intent: 'confirm' | 'reject' | 'flag', text?: string) =>
  commitVerdict(db, { batchId: BATCH_ID, schema, reviewer, deviceId: 'laptop', timeSpentMs: 1000 }, itemId, intent, text);

describe('storing a batch file', () => {
  it('stores the batch, its items, attachments and what the manifest said, in the queue at once', async () => {
    const db = database();
    const { schema, items } = await demoItems(4);
    const outcome = await storeBatchFile(db, await read(await loupeFile({ schema, items })), 'ward7.loupe');
    expect(outcome).toMatchObject({ status: 'stored', firstItemId: items[0]!.id });
    const batch = await db.batches.get(BATCH_ID);
    expect(batch).toMatchObject({ revision: 1, itemCount: 4, instructions: 'Post-edit as little as needed.', source: { format: 'loupe', fileName: 'ward7.loupe' } });
    expect(await db.batchFiles.get(BATCH_ID)).toMatchObject({ revision: 1, reviewers: [ana], trust: 'unsigned', encrypted: false });
    expect((await queueEntries(db, BATCH_ID, ana.id, { status: 'all', text: '' })).map((e) => e.id)).toEqual(items.map((i) => i.id));
  });

  it('changes nothing when the same file comes again, encrypted or not', async () => {
    const db = database();
    const { schema, items } = await demoItems(4);
    const key = generateEncryptionKey();
    await storeBatchFile(db, await read(await loupeFile({ schema, items })), 'ward7.loupe');
    const before = await dump(db);
    expect(await storeBatchFile(db, await read(await loupeFile({ schema, items })), 'ward7.loupe')).toMatchObject({ status: 'unchanged' });
    // Encryption makes every byte differ, the content is the same.
    const sealed = await read(await loupeFile({ schema, items, encryptTo: key.publicKey }), key.privateKey);
    expect(await storeBatchFile(db, sealed, 'ward7 copy.loupe')).toMatchObject({ status: 'unchanged' });
    expect(await dump(db)).toEqual(before);
  });

  it('refuses an older revision, and the same revision with other content, changing nothing', async () => {
    const db = database();
    const { schema, items } = await demoItems(4);
    await storeBatchFile(db, await read(await loupeFile({ schema, items, revision: 2 })), 'ward7.loupe');
    const before = await dump(db);
    const older = await storeBatchFile(db, await read(await loupeFile({ schema, items, revision: 1 })), 'old.loupe');
    expect(older).toEqual({ status: 'refused', message: expect.stringMatching(/^old\.loupe: revision 1 of the batch .* this machine has revision 2 already/) });
    const other = await storeBatchFile(db, await read(await loupeFile({ schema, items: withOutput(items, items[0]!.id, 'Anders.'), revision: 2 })), 'other.loupe');
    expect(other).toEqual({ status: 'refused', message: expect.stringMatching(/^other\.loupe: revision 2 .* is here already with different content/) });
    expect(await dump(db)).toEqual(before);
  });

  it('takes a newer revision without losing work: changed reviewed items go stale, the rest updates, removed items are withdrawn', async () => {
    const db = database();
    const { schema, items } = await demoItems(6);
    const [a, b, c, d, , f] = items.map((i) => i.id) as [string, string, string, string, string, string];
    await storeBatchFile(db, await read(await loupeFile({ schema, items: items.slice(0, 5) })), 'ward7.loupe');
    await verdict(db, schema, ana, a, 'confirm'); // accepted as it was
    await verdict(db, schema, ana, b, 'confirm', 'Ana hat es verbessert.'); // corrected; its output stays
    await verdict(db, schema, ana, d, 'flag'); // will be withdrawn
    const draft = { batchId: BATCH_ID, itemId: c, reviewerId: ana.id, values: { text: 'halb getippt' }, comment: '', reason: null, activeMs: 800, updatedAt: new Date().toISOString() };
    await saveDraft(db, draft);
    const reviewB = await db.reviews.get([BATCH_ID, b, ana.id]);
    const eventsBefore = await db.events.count();

    // Revision 2: a's and c's output changed, d is gone, f is new.
    const next = withOutput(withOutput([items[0]!, items[1]!, items[2]!, items[4]!, items[5]!], a, 'Eine neue Übersetzung .'), c, 'Auch neu .');
    const outcome = await storeBatchFile(db, await read(await loupeFile({ schema, items: next, revision: 2 })), 'ward7-r2.loupe');
    expect(outcome).toMatchObject({ status: 'updated', fromRevision: 1, added: 1, changed: 2, stale: 1, withdrawn: 1 });

    const reviewA = await db.reviews.get([BATCH_ID, a, ana.id]);
    expect(reviewA?.stale).toEqual({ sinceRevision: 2, previousOutput: items[0]!.output });
    // Folded again from the new output, as merging would: the reviewer changed no field, so it follows the AI.
    expect(reviewA).toMatchObject({ status: 'accepted', values: { text: 'Eine neue Übersetzung .' } });
    expect(await db.reviews.get([BATCH_ID, b, ana.id])).toEqual(reviewB);
    expect(await db.items.get([BATCH_ID, c])).toMatchObject({ output: { text: 'Auch neu .' } });
    expect(await db.drafts.get([BATCH_ID, c, ana.id])).toEqual(draft);
    expect(await db.items.get([BATCH_ID, f])).toMatchObject({ seq: 4 });
    expect(await db.events.count()).toBe(eventsBefore);

    // d is kept with its flag, after the revision's items.
    expect(await db.items.get([BATCH_ID, d])).toMatchObject({ seq: 5 });
    expect(await db.reviews.get([BATCH_ID, d, ana.id])).toMatchObject({ status: 'flagged' });
    const entries = await queueEntries(db, BATCH_ID, ana.id, { status: 'all', text: '' });
    expect(entries.map((e) => [e.id, e.stale ?? false, e.withdrawnIn])).toEqual([
      [a, true, undefined],
      [b, false, undefined],
      [c, false, undefined],
      [items[4]!.id, false, undefined],
      [f, false, undefined],
      [d, false, 2],
    ]);
    expect((await queueEntries(db, BATCH_ID, ana.id, { status: 'stale', text: '' })).map((e) => e.id)).toEqual([a]);
    expect(await revisionFlags(db, BATCH_ID, ana.id)).toEqual({ stale: 1, withdrawn: 1 });
    const batch = (await db.batches.get(BATCH_ID))!;
    expect(await batchProgress(db, batch, ana.id)).toEqual({ pending: 3, accepted: 1, corrected: 1, rejected: 0, flagged: 0 });

    // Confirming again is a verdict on the new output: the mark goes.
    const confirmed = await verdict(db, schema, ana, a, 'confirm');
    expect(confirmed.stale).toBeUndefined();
    expect(confirmed.status).toBe('accepted');
    expect(await revisionFlags(db, BATCH_ID, ana.id)).toEqual({ stale: 0, withdrawn: 1 });
  });

  it('opens a version 1 database as the current version with its data', async () => {
    const name = `v1-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(migrations[0]!.stores);
    await old.open();
    await old.table('kv').put({ key: 'demo:seeded', value: true });
    old.close();
    const db = new LoupeDatabase(name);
    opened.push(db);
    expect(await db.kv.get('demo:seeded')).toEqual({ key: 'demo:seeded', value: true });
    expect(await db.withdrawn.count()).toBe(0);
  });
});

describe('storing collected result files', () => {
  /** Work on a file handed out to Ana (unless `reviewers` says otherwise), done by the profile `who`. */
  async function reviewerWork(who: { id: string; name: string } = ana, reviewers?: Array<{ id: string; name: string }>) {
    const { schema, items } = await demoItems(5);
    const file = await loupeFile({ schema, items, ...(reviewers ? { reviewers } : {}) });
    const reviewerDb = database();
    await storeBatchFile(reviewerDb, await read(file), 'ward7.loupe');
    await verdict(reviewerDb, schema, who, items[0]!.id, 'confirm');
    await verdict(reviewerDb, schema, who, items[1]!.id, 'confirm', 'Korrigiert .');
    await verdict(reviewerDb, schema, who, items[2]!.id, 'reject');
    const exported = await resultFileFor(reviewerDb, BATCH_ID, who);
    const results = await readResultFile(exported.data as Uint8Array, { trustedKeys: [], fileName: exported.suggestedName });
    if (!results.ok) throw new Error(results.error.message);
    return { schema, items, file, reviewerDb, results, exported };
  }

  it('exports the reviewer\'s events and reviews as a .loupe-result named after batch and reviewer', async () => {
    const { reviewerDb, results, exported } = await reviewerWork();
    expect(exported.suggestedName).toBe('Ward 7 — post-editing.r-ana.loupe-result');
    const stored = (await reviewerDb.events.orderBy('seq').toArray()).map(({ seq: _seq, ...e }) => e);
    expect(results.events).toEqual(stored);
    expect(results.reviews).toEqual(await reviewerDb.reviews.where('[batchId+reviewerId]').equals([BATCH_ID, ana.id]).toArray());
    expect(results).toMatchObject({ batchId: BATCH_ID, revision: 1, reviewer: ana, assignedAs: ana });
  });

  it('names a file handed out to one reviewer after them (assignedAs), while the work stays the profile\'s', async () => {
    const profile = { id: '6f1c2b9e-0000-4000-8000-000000000001', name: 'Ana R.' };
    const { results, exported } = await reviewerWork(profile);
    expect(exported.suggestedName).toBe('Ward 7 — post-editing.r-ana.loupe-result');
    expect(results.reviewer).toEqual(profile);
    expect(results.assignedAs).toEqual(ana);
    expect(results.manifest.assignedAs).toEqual(ana);
    expect(results.events.map((e) => e.reviewerId)).toEqual([profile.id, profile.id, profile.id]);
  });

  it('says no assignedAs, and names the file after the profile, when the batch file named no reviewer or several', async () => {
    const profile = { id: 'p/1', name: 'Pat' };
    for (const reviewers of [[], [ana, ben]]) {
      const { results, exported } = await reviewerWork(profile, reviewers);
      expect(exported.suggestedName).toBe('Ward 7 — post-editing.p_1.loupe-result');
      expect(results.assignedAs).toBeUndefined();
      expect(results.manifest).not.toHaveProperty('assignedAs');
    }
  });

  it('encrypts the .loupe-result to the coordinator\'s key when the batch file named one (returnTo), and only then', async () => {
    const coordinator = generateEncryptionKey();
    const { schema, items } = await demoItems(3);
    const reviewerDb = database();
    await storeBatchFile(reviewerDb, await read(await loupeFile({ schema, items, returnTo: coordinator.publicKey })), 'ward7.loupe');
    expect((await reviewerDb.batchFiles.get(BATCH_ID))?.returnTo).toBe(coordinator.publicKey);
    await verdict(reviewerDb, schema, ana, items[0]!.id, 'confirm');
    const exported = await resultFileFor(reviewerDb, BATCH_ID, ana);
    expect(exported.encrypted).toBe(true);
    const locked = await readResultFile(exported.data as Uint8Array, { trustedKeys: [], fileName: exported.suggestedName });
    expect(locked.ok ? 'opened' : locked.error.kind).toBe('encrypted');
    const opened = await readResultFile(exported.data as Uint8Array, { trustedKeys: [], decryptWith: coordinator.privateKey });
    expect(opened.ok && opened.events.length).toBe(1);

    const { exported: plain } = await reviewerWork();
    expect(plain.encrypted).toBe(false);
    expect(await readResultFile(plain.data as Uint8Array, { trustedKeys: [] })).toMatchObject({ ok: true, encrypted: false });
  });

  it('adds events once by id and replays the reviewer\'s reviews, as merging does; the same file twice adds nothing', async () => {
    const { items, file, results } = await reviewerWork();
    const coordinator = database();
    await storeBatchFile(coordinator, await read(file), 'ward7.loupe');
    expect(await storeResultFile(coordinator, results, 'ana.loupe-result')).toEqual({ ok: true, batchId: BATCH_ID, reviewer: ana, assignedAs: ana, added: 3, duplicates: 0 });
    const merged = mergeResults({ id: BATCH_ID, revision: 1 }, items, [results]);
    expect(await coordinator.reviews.toArray()).toEqual(merged.reviews);
    const before = await dump(coordinator);
    expect(await storeResultFile(coordinator, results, 'ana.loupe-result')).toEqual({ ok: true, batchId: BATCH_ID, reviewer: ana, assignedAs: ana, added: 0, duplicates: 3 });
    expect(await dump(coordinator)).toEqual(before);
    // Ana's own id is the id handed out: nothing to link.
    expect(await identityLinks(coordinator, BATCH_ID)).toEqual([]);
  });

  it('links each profile to the reviewer its file was handed to, keeping every link; the same file again changes nothing', async () => {
    const first = { id: '6f1c2b9e-0000-4000-8000-000000000001', name: 'Ana R.' };
    const second = { id: '6f1c2b9e-0000-4000-8000-000000000002', name: 'Ana (laptop)' };
    const one = await reviewerWork(first);
    const two = await reviewerWork(second);
    const coordinator = database();
    await storeBatchFile(coordinator, await read(one.file), 'ward7.loupe');
    expect(await storeResultFile(coordinator, one.results, 'a.loupe-result')).toMatchObject({ ok: true, reviewer: first, assignedAs: ana, added: 3 });
    expect(await storeResultFile(coordinator, two.results, 'b.loupe-result')).toMatchObject({ ok: true, reviewer: second, assignedAs: ana, added: 3 });
    const links = [
      { reviewerId: first.id, reviewerName: first.name, assignedId: ana.id, assignedName: ana.name },
      { reviewerId: second.id, reviewerName: second.name, assignedId: ana.id, assignedName: ana.name },
    ];
    expect(await identityLinks(coordinator, BATCH_ID)).toEqual(links);
    expect(await coordinator.kv.get(`desk.identities.${BATCH_ID}`)).toEqual({ key: `desk.identities.${BATCH_ID}`, value: links });
    // Two people, two reviewers: neither overwrites the other's reviews.
    expect(await coordinator.reviews.where('[batchId+reviewerId]').equals([BATCH_ID, first.id]).count()).toBe(3);
    expect(await coordinator.reviews.where('[batchId+reviewerId]').equals([BATCH_ID, second.id]).count()).toBe(3);
    expect(await coordinator.events.count()).toBe(6);

    const before = await dump(coordinator);
    expect(await storeResultFile(coordinator, one.results, 'a.loupe-result')).toMatchObject({ ok: true, added: 0, duplicates: 3 });
    expect(await dump(coordinator)).toEqual(before);
  });

  it('records no link for a refused file', async () => {
    const profile = { id: '6f1c2b9e-0000-4000-8000-000000000001', name: 'Ana R.' };
    const { file, results } = await reviewerWork(profile);
    const coordinator = database();
    await storeBatchFile(coordinator, await read(file), 'ward7.loupe');
    const stray = { ...results, events: [...results.events, { ...results.events[0]!, id: 'ev-stray', itemId: 'no-such-item' }] };
    expect(await storeResultFile(coordinator, stray, 'a.loupe-result')).toMatchObject({ ok: false });
    expect(await identityLinks(coordinator, BATCH_ID)).toEqual([]);
  });

  it('keeps several reviewers apart', async () => {
    const { schema, items, file, results } = await reviewerWork();
    const benDb = database();
    await storeBatchFile(benDb, await read(file), 'ward7.loupe');
    await verdict(benDb, schema, ben, items[0]!.id, 'flag');
    const benResults = await readResultFile((await resultFileFor(benDb, BATCH_ID, ben)).data as Uint8Array, { trustedKeys: [] });
    if (!benResults.ok) throw new Error(benResults.error.message);
    const coordinator = database();
    await storeBatchFile(coordinator, await read(file), 'ward7.loupe');
    await storeResultFile(coordinator, benResults, 'ben.loupe-result');
    await storeResultFile(coordinator, results, 'ana.loupe-result');
    expect(await coordinator.reviews.get([BATCH_ID, items[0]!.id, ben.id])).toMatchObject({ status: 'flagged' });
    expect(await coordinator.reviews.get([BATCH_ID, items[0]!.id, ana.id])).toMatchObject({ status: 'accepted' });
    expect(await coordinator.events.count()).toBe(4);
  });

  it('refuses results of a batch not on this machine, storing nothing', async () => {
    const { results } = await reviewerWork();
    const coordinator = database();
    const before = await dump(coordinator);
    expect(await storeResultFile(coordinator, results, 'ana.loupe-result')).toEqual({
      ok: false,
      message: `ana.loupe-result: results of Ana for the batch ${BATCH_ID}, which is not on this machine — import that batch (.loupe) first, then these results again`,
    });
    expect(await dump(coordinator)).toEqual(before);
  });

  it('refuses events on unknown items, and an event id held with other content, storing nothing', async () => {
    const { file, results } = await reviewerWork();
    const coordinator = database();
    await storeBatchFile(coordinator, await read(file), 'ward7.loupe');
    const before = await dump(coordinator);
    const stray = { ...results, events: [...results.events, { ...results.events[0]!, id: 'ev-stray', itemId: 'no-such-item' }] };
    expect(await storeResultFile(coordinator, stray, 'ana.loupe-result')).toEqual({ ok: false, message: expect.stringMatching(/the item "no-such-item", which the batch .* does not have here/) });
    expect(await dump(coordinator)).toEqual(before);

    await storeResultFile(coordinator, results, 'ana.loupe-result');
    const stored = await dump(coordinator);
    const forged = { ...results, events: results.events.map((e, i) => (i === 0 ? { ...e, timeSpentMs: e.timeSpentMs + 1 } : e)) };
    expect(await storeResultFile(coordinator, forged, 'ana-2.loupe-result')).toEqual({ ok: false, message: expect.stringMatching(/^ana-2\.loupe-result: the event ".*" is here already with different content/) });
    expect(await dump(coordinator)).toEqual(stored);
  });
});
