import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { fingerprint, generateEncryptionKey, generateSigningKey, readBatchFile, readResultFile, writeBatchFile } from '../../shared/batch-file';
import { TaskSchema } from '../../shared/domain';
import { resultFileFor } from '../../renderer/export';
import { storeBatchFile, type LoupeDatabase } from '../../renderer/storage';
import { BATCH_ID, batchRecord, demoItems, loupeFile, withOutput } from '../unit/loupe-fixtures';
import { chooseFiles, decide, giveListRoom, newDatabase, REVIEWER, renderApp } from './app-harness';

const asFile = (bytes: Uint8Array, name: string) => new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/octet-stream' });

async function dump(db: LoupeDatabase) {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

async function read(bytes: Uint8Array) {
  const r = await readBatchFile(bytes, { trustedKeys: [] });
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

const panel = () => screen.getByRole('region', { name: 'Import' });

let restoreList: () => void;
beforeEach(() => {
  restoreList = giveListRoom();
});
afterEach(() => restoreList());

describe('opening a .loupe batch file', () => {
  it('warns before an unsigned batch; Cancel stores nothing, Open anyway stores it and opens its first item', async () => {
    const { schema, items } = await demoItems(4);
    const bytes = await loupeFile({ schema, items });
    const { user, db } = renderApp();
    const before = await dump(db);

    await chooseFiles(user, [asFile(bytes, 'ward7.loupe')]);
    const dialog = await screen.findByRole('dialog', { name: 'This batch is not signed' });
    expect(within(dialog).getByText(/ward7\.loupe holds the batch “Ward 7 — post-editing”, revision 1/)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Trust this key and open' })).toBeNull();
    // The careful answer comes first, where the dialog puts the focus.
    expect(within(dialog).getAllByRole('button')[0]!.textContent).toBe('Cancel');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('ward7.loupe: Loupe batch (.loupe) — not opened; nothing was stored.')).toBeTruthy();
    expect(await dump(db)).toEqual(before);

    await chooseFiles(user, [asFile(bytes, 'ward7.loupe')]);
    await user.click(await screen.findByRole('button', { name: 'Open anyway' }));
    expect(await screen.findByText('ward7.loupe: Loupe batch (.loupe) “Ward 7 — post-editing”, revision 1, 4 items — imported')).toBeTruthy();
    expect(within(panel()).getByText('Not signed; opened at your word.')).toBeTruthy();
    expect(await db.items.count()).toBe(4);
    await waitFor(() => expect(window.location.hash).toBe(`#/batch/${BATCH_ID}/item/${items[0]!.id}`));
    expect(await screen.findByRole('textbox', { name: /^Correction/ }, { timeout: 5000 })).toBeTruthy();
  });

  it('says the same file again is already imported, asks nothing and changes nothing', async () => {
    const { schema, items } = await demoItems(3);
    const bytes = await loupeFile({ schema, items });
    const { user, db } = renderApp();
    await chooseFiles(user, [asFile(bytes, 'ward7.loupe')]);
    await user.click(await screen.findByRole('button', { name: 'Open anyway' }));
    await screen.findByText(/3 items — imported/);
    const before = await dump(db);
    await chooseFiles(user, [asFile(bytes, 'ward7 (1).loupe')]);
    expect(await screen.findByText('ward7 (1).loupe: Loupe batch (.loupe) “Ward 7 — post-editing”, revision 1 — already imported, nothing changed')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await dump(db)).toEqual(before);
  });

  it('refuses a damaged file with the reader\'s message, whatever its name, and stores nothing', async () => {
    const { schema, items } = await demoItems(3);
    const key = generateSigningKey();
    const bytes = await loupeFile({ schema, items, signingKey: key.privateKey });
    // The first byte whose change breaks a checksum or the signature (a zip timestamp, say, is not read).
    let tampered = bytes;
    for (let at = 40; at < bytes.length; at += 1) {
      const copy = bytes.slice();
      copy[at] = copy[at]! ^ 0x01;
      const result = await readBatchFile(copy, { trustedKeys: [key.publicKey] });
      if (!result.ok && (result.error.kind === 'checksum' || result.error.kind === 'signature')) {
        tampered = copy;
        break;
      }
    }
    expect(tampered).not.toBe(bytes);
    const { user, db } = renderApp({ settings: { trustedKeys: [{ publicKey: key.publicKey, label: 'Coordinator', addedAt: '2026-11-25T00:00:00Z' }] } });
    const before = await dump(db);
    // Told by its content: the name says nothing.
    await chooseFiles(user, [asFile(tampered, 'from-email.bin')]);
    const alert = await screen.findByRole('alert', undefined, { timeout: 5000 });
    expect(within(alert).getByText(/^from-email\.bin: Loupe batch \(\.loupe\) — not imported, nothing was stored/)).toBeTruthy();
    expect(within(alert).getByText(/^from-email\.bin: .*(checksum|CRC|damaged|does not match|signature)/i)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await dump(db)).toEqual(before);
  });

  it('names an unknown signer by fingerprint; "Trust this key and open" keeps the key, and its next batch opens without asking', async () => {
    const { schema, items } = await demoItems(3);
    const key = generateSigningKey();
    const { user, db, platform } = renderApp();
    await chooseFiles(user, [asFile(await loupeFile({ schema, items, signingKey: key.privateKey }), 'ward7.loupe')]);
    const dialog = await screen.findByRole('dialog', { name: 'This batch is signed by a key you do not trust' });
    expect(within(dialog).getByText(fingerprint(key.publicKey))).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Trust this key and open' }));
    expect(await screen.findByText(/revision 1, 3 items — imported/)).toBeTruthy();
    expect(platform.settings.trustedKeys.map((k) => k.publicKey)).toEqual([key.publicKey]);
    expect(within(panel()).getByText(`Signed by a key you do not trust (${fingerprint(key.publicKey)}); opened at your word.`)).toBeTruthy();

    await chooseFiles(user, [asFile(await loupeFile({ schema, items: withOutput(items, items[2]!.id, 'Neu .'), revision: 2, signingKey: key.privateKey }), 'ward7-r2.loupe')]);
    expect(await screen.findByText(/updated from revision 1 to 2/)).toBeTruthy();
    expect(within(panel()).getByText(`Signed by a key you trust (${fingerprint(key.publicKey)}).`)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await db.batches.get(BATCH_ID))?.revision).toBe(2);
  });

  it('opens a batch encrypted to the key made in Settings', async () => {
    const { schema, items } = await demoItems(2);
    const key = generateSigningKey();
    const own = generateEncryptionKey();
    const { user, db } = renderApp({
      settings: {
        trustedKeys: [{ publicKey: key.publicKey, label: 'Coordinator', addedAt: '2026-11-25T00:00:00Z' }],
        encryptionKey: { publicKey: own.publicKey, privateKey: own.privateKey, createdAt: '2026-11-25T00:00:00Z' },
      },
    });
    await chooseFiles(user, [asFile(await loupeFile({ schema, items, signingKey: key.privateKey, encryptTo: own.publicKey }), 'sealed')]);
    expect(await screen.findByText(/^sealed: Loupe batch \(\.loupe\) “Ward 7 — post-editing”, revision 1, 2 items — imported/)).toBeTruthy();
    expect(await db.items.count()).toBe(2);
  });

  it('shows an image of the case from the file\'s attachments', async () => {
    const url = vi.fn(() => 'blob:loupe/scan-1');
    Object.assign(URL, { createObjectURL: url, revokeObjectURL: vi.fn() });
    const schema = TaskSchema.parse({ name: 'Triage', fields: [{ name: 'code', kind: 'label', options: ['J18.9', 'R91.8'] }], context: [{ name: 'scan', label: 'Chest X-ray', kind: 'image' }] });
    const items = [{ batchId: BATCH_ID, id: 'case-1', seq: 0, context: { scan: 'scans/case-1.png' }, output: { code: 'J18.9' } }];
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const bytes = await writeBatchFile({ batch: batchRecord(items, 1, 'Triage'), schema, items, attachments: { 'scans/case-1.png': png } });
    const { user, db } = renderApp();
    await chooseFiles(user, [asFile(bytes, 'triage.loupe')]);
    await user.click(await screen.findByRole('button', { name: 'Open anyway' }));
    const img = await screen.findByRole('img', { name: 'Chest X-ray (image of this item)' }, { timeout: 5000 });
    expect(img.getAttribute('src')).toBe('blob:loupe/scan-1');
    expect(url).toHaveBeenCalledWith(expect.objectContaining({ type: 'image/png', size: png.length }));
    expect(await db.attachments.count()).toBe(1);
  });
});

describe('a newer revision of a batch', () => {
  it('marks the changed reviewed item stale in the queue and on its screen until it is confirmed again; the rest is updated or untouched', async () => {
    const { schema, items } = await demoItems(4);
    const [a, b, c] = items.map((i) => i.id) as [string, string, string];
    const key = generateSigningKey();
    const trusted = { trustedKeys: [{ publicKey: key.publicKey, label: 'Coordinator', addedAt: '2026-11-25T00:00:00Z' }] };
    const db = newDatabase();
    {
      const first = renderApp({ db, settings: trusted });
      await chooseFiles(first.user, [asFile(await loupeFile({ schema, items: items.slice(0, 3), signingKey: key.privateKey }), 'ward7.loupe')]);
      await screen.findByText(/3 items — imported/);
      first.unmount();
    }
    await decide(db, BATCH_ID, a, 'confirm');
    await decide(db, BATCH_ID, b, 'confirm', { text: 'Von Ada verbessert .' });
    const reviewB = await db.reviews.get([BATCH_ID, b, REVIEWER.id]);

    const { user } = renderApp({ db, settings: trusted });
    // Revision 2: a (accepted) and c (never reviewed) changed, and one item is new.
    const changed = withOutput(withOutput(items, a, 'Eine ganz neue Übersetzung .'), c, 'Ebenfalls neu .');
    await chooseFiles(user, [asFile(await loupeFile({ schema, items: changed, revision: 2, signingKey: key.privateKey }), 'ward7-r2.loupe')]);
    expect(
      await screen.findByText('ward7-r2.loupe: Loupe batch (.loupe) “Ward 7 — post-editing” updated from revision 1 to 2: 1 new, 2 changed, 1 to look at again, 0 withdrawn. Your work is kept.'),
    ).toBeTruthy();

    // The queue says so, with a filter and a badge.
    await waitFor(() => expect(window.location.hash).toBe(`#/batch/${BATCH_ID}`));
    expect(await screen.findByText('1 item you worked on changed in a newer revision of this batch — look at it again.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show them' }));
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1));
    const row = within(list).getByRole('option');
    expect(within(row).getByText(a)).toBeTruthy();
    expect(within(row).getByText('Changed — look again')).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('stale');

    // Its screen shows what changed, until the reviewer confirms again.
    await user.click(row);
    const notice = await screen.findByRole('region', { name: 'The AI output changed in revision 2 after your review — look again' }, { timeout: 5000 });
    // What changed, shown as corrections are: insertions and deletions between the old and new output.
    expect(within(notice).getByText('What changed in the AI output of German translation:')).toBeTruthy();
    expect([...notice.querySelectorAll('ins')].map((e) => e.textContent).join(' ')).toContain('Übersetzung');
    expect(notice.querySelector('del')).not.toBeNull();
    await user.click(screen.getByRole('button', { name: /^Accept/ }));
    await waitFor(async () => expect((await db.reviews.get([BATCH_ID, a, REVIEWER.id]))?.stale).toBeUndefined());
    expect(await db.reviews.get([BATCH_ID, a, REVIEWER.id])).toMatchObject({ status: 'accepted', values: { text: 'Eine ganz neue Übersetzung .' } });
    await waitFor(() => expect(screen.queryByRole('region', { name: /The AI output changed/ })).toBeNull());

    // Others: the unreviewed item just follows the AI, the corrected one is untouched, the new one is there.
    expect(await db.reviews.get([BATCH_ID, b, REVIEWER.id])).toEqual(reviewB);
    expect(await db.reviews.get([BATCH_ID, c, REVIEWER.id])).toBeUndefined();
    expect(await db.items.get([BATCH_ID, c])).toMatchObject({ output: { text: 'Ebenfalls neu .' } });
    expect(await db.items.get([BATCH_ID, items[3]!.id])).toMatchObject({ seq: 3 });
  });
});

describe('results for the coordinator', () => {
  async function reviewedBatch() {
    const { schema, items } = await demoItems(4);
    const file = await loupeFile({ schema, items });
    const db = newDatabase();
    const seed = renderApp({ db });
    await chooseFiles(seed.user, [asFile(file, 'ward7.loupe')]);
    await seed.user.click(await screen.findByRole('button', { name: 'Open anyway' }));
    await screen.findByText(/4 items — imported/);
    seed.unmount();
    await decide(db, BATCH_ID, items[0]!.id, 'confirm');
    await decide(db, BATCH_ID, items[1]!.id, 'confirm', { text: 'Besser .' });
    await decide(db, BATCH_ID, items[2]!.id, 'flag');
    return { db, file, items };
  }

  it('exports the reviewer\'s work as <batch>.<reviewer it was handed to>.loupe-result, holding exactly the stored events', async () => {
    const { db } = await reviewedBatch();
    const { user, platform } = renderApp({ db, hash: `#/batch/${BATCH_ID}` });
    await screen.findByRole('heading', { name: 'Ward 7 — post-editing', level: 1 });
    await waitFor(() => expect(platform.settings.recentBatches[0]?.batchId).toBe(BATCH_ID));
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Results for the coordinator (.loupe-result)' }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
    const saved = platform.savedFiles[0]!;
    // The file was handed out to Ana (r-ana): named after her, and saying so; the work is the profile's.
    expect(saved.suggestedName).toBe('Ward 7 — post-editing.r-ana.loupe-result');
    const read = await readResultFile(saved.data as Uint8Array, { trustedKeys: [] });
    if (!read.ok) throw new Error(read.error.message);
    const stored = (await db.events.orderBy('seq').toArray()).map(({ seq: _seq, ...e }) => e);
    expect(read.events).toEqual(stored);
    expect(read.reviewer).toEqual(REVIEWER);
    expect(read.assignedAs).toEqual({ id: 'r-ana', name: 'Ana' });
    expect(await screen.findByText('Saved 3 events of your work to Ward 7 — post-editing.r-ana.loupe-result: give this file to your coordinator.')).toBeTruthy();
  });

  it('imports result files through Import: each reported, the same again adds nothing, one failing does not stop the others', async () => {
    const reviewer = await reviewedBatch();
    const results = (await resultFileFor(reviewer.db, BATCH_ID, REVIEWER)).data as Uint8Array;
    // Results of another batch, which the coordinator does not have.
    const { schema, items } = await demoItems(2);
    const otherItems = items.map((i) => ({ ...i, batchId: 'b-other' }));
    const otherDb = newDatabase();
    await storeBatchFile(otherDb, await read(await writeBatchFile({ batch: { ...batchRecord(otherItems, 1, 'Other'), id: 'b-other' }, schema, items: otherItems })), 'other.loupe');
    await decide(otherDb, 'b-other', items[0]!.id, 'confirm');
    const otherResults = (await resultFileFor(otherDb, 'b-other', REVIEWER)).data as Uint8Array;

    // The coordinator's machine has the batch, and gets both files at once.
    const coordinatorDb = newDatabase();
    await storeBatchFile(coordinatorDb, await read(reviewer.file), 'ward7.loupe');
    const { user } = renderApp({ db: coordinatorDb });
    await chooseFiles(user, [asFile(otherResults, 'other.r.loupe-result'), asFile(results, 'ward7.ada.loupe-result')]);
    expect(await screen.findByText(`Results of ${REVIEWER.name}: 3 new events (0 already here) — ward7.ada.loupe-result`)).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/^other\.r\.loupe-result: results of Ada Test for the batch b-other, which is not on this machine — import that batch \(\.loupe\) first/)).toBeTruthy();
    expect(await coordinatorDb.events.count()).toBe(3);
    expect(await coordinatorDb.reviews.where('[batchId+reviewerId]').equals([BATCH_ID, REVIEWER.id]).count()).toBe(3);

    const before = await dump(coordinatorDb);
    await chooseFiles(user, [asFile(results, 'ward7.ada.loupe-result')]);
    expect(await screen.findByText(`Results of ${REVIEWER.name}: 0 new events (3 already here) — ward7.ada.loupe-result`)).toBeTruthy();
    expect(await dump(coordinatorDb)).toEqual(before);
  });
});

describe('trusted keys in Settings', () => {
  it('adds a pasted key with its fingerprint, refuses a secret key, removes a key, and makes an encryption key', async () => {
    const key = generateSigningKey();
    const { user, platform } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const group = within(dialog).getByRole('group', { name: 'Trusted coordinator keys' });
    expect(within(group).getByText(/No key trusted yet/)).toBeTruthy();

    await user.type(within(group).getByRole('textbox', { name: /^Public key/ }), key.privateKey);
    await user.click(within(group).getByRole('button', { name: 'Add key' }));
    expect(within(group).getByRole('alert').textContent).toMatch(/This is a SECRET key/);
    expect(platform.settings.trustedKeys).toEqual([]);

    await user.clear(within(group).getByRole('textbox', { name: /^Public key/ }));
    await user.type(within(group).getByRole('textbox', { name: /^Public key/ }), key.publicKey);
    await user.type(within(group).getByRole('textbox', { name: 'Whose key (optional)' }), 'Ward 7 coordinator{Enter}');
    await waitFor(() => expect(platform.settings.trustedKeys).toMatchObject([{ publicKey: key.publicKey, label: 'Ward 7 coordinator' }]));
    expect(await within(group).findByText(fingerprint(key.publicKey))).toBeTruthy();
    // Enter added the key; the dialog is still open.
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();

    await user.click(within(group).getByRole('button', { name: 'Remove the key “Ward 7 coordinator”' }));
    await waitFor(() => expect(platform.settings.trustedKeys).toEqual([]));

    const encryption = within(dialog).getByRole('group', { name: 'My encryption key' });
    await user.click(within(encryption).getByRole('button', { name: 'Create my encryption key' }));
    await waitFor(() => expect(platform.settings.encryptionKey).not.toBeNull());
    const shown = await within(encryption).findByRole('textbox', { name: /^Public key — give this to your coordinator/ });
    expect((shown as HTMLInputElement).value).toBe(platform.settings.encryptionKey!.publicKey);
    expect(within(encryption).getByText(/never leaves this device/)).toBeTruthy();
  });

  it('takes a key from a key file', async () => {
    const { keyFileText } = await import('../../shared/batch-file');
    const key = generateSigningKey();
    const { user, platform } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const input = await screen.findByTestId('key-file-input');
    await user.upload(input as HTMLInputElement, new File([keyFileText(key, { name: 'Ward 7' })], 'ward7.key', { type: 'application/json' }));
    await waitFor(() => expect(platform.settings.trustedKeys).toMatchObject([{ publicKey: key.publicKey, label: 'Ward 7' }]));
  });
});

describe('a batch file opened from the operating system', () => {
  it('goes through Import like a dropped file, and its path is kept for Open Recent', async () => {
    const { schema, items } = await demoItems(3);
    const bytes = await loupeFile({ schema, items });
    const { db, platform, user } = renderApp();
    await waitFor(() => screen.getByRole('button', { name: 'Import' }));

    platform.openFile({ name: 'ward7.loupe', bytes, path: '/home/ana/Batches/ward7.loupe' });
    await user.click(await screen.findByRole('button', { name: 'Open anyway' }));
    expect(await screen.findByText(/ward7\.loupe: Loupe batch \(\.loupe\) “Ward 7 — post-editing”, revision 1, 3 items — imported/)).toBeTruthy();
    expect(await db.items.count()).toBe(3);
    await waitFor(async () => expect((await platform.loadSettings()).recentBatches[0]).toMatchObject({ batchId: BATCH_ID, path: '/home/ana/Batches/ward7.loupe' }));
  });

  it('says which file could not be opened and why', async () => {
    const { platform } = renderApp();
    await waitFor(() => screen.getByRole('button', { name: 'Import' }));
    platform.failToOpenFile({ name: 'huge.loupe', problem: 'too-large', message: 'huge.loupe is larger than 2 GiB, the most a batch file may be; it was not opened.' });
    expect(await screen.findByText(/huge\.loupe is larger than 2 GiB/)).toBeTruthy();
  });
});
