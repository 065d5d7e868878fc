// The privacy loop of batch files (BRIEF 3.2): the desk encrypts each reviewer's file to the key they gave,
// and asks for results encrypted to the coordinator's device key; the reviewer's Loupe opens the file with
// its own key and sends its results back encrypted; the desk opens them with the device key.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { fingerprint, generateEncryptionKey, readBatchFile, readResultFile, type EncryptionKeyPair } from '../../shared/batch-file';
import type { DeviceEncryptionKey } from '../../shared/settings';
import { planKey } from '../../renderer/desk/desk-data';
import type { SaveFileRequest } from '../../renderer/platform';
import { chooseFiles, decide, newDatabase, renderApp } from './app-harness';
import { asFile, seedContract } from './desk-harness';

const device = (pair: EncryptionKeyPair): DeviceEncryptionKey => ({ publicKey: pair.publicKey, privateKey: pair.privateKey, createdAt: '2026-11-25T08:00:00.000Z' });
const bytesOf = (file: SaveFileRequest) => file.data as Uint8Array;

/** The coordinator's desk with two reviewers typed in: Ana with her encryption key, Ben without. */
async function handOut(anaKey: string, options: { coordinatorKey?: EncryptionKeyPair } = {}) {
  const db = newDatabase();
  const batch = await seedContract(db);
  const app = renderApp({ db, hash: `#/batch/${batch.id}/desk`, ...(options.coordinatorKey ? { settings: { encryptionKey: device(options.coordinatorKey) } } : {}) });
  await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });
  const { user } = app;
  await user.type(screen.getByRole('textbox', { name: 'Reviewer 1 id' }), 'r-ana');
  await user.type(screen.getByRole('textbox', { name: 'Reviewer 1 display name' }), 'Ana{Enter}');
  await user.keyboard('r-ben{Tab}Ben');
  // A key is pasted, not typed.
  await user.click(screen.getByRole('textbox', { name: 'Reviewer 1 encryption key' }));
  await user.paste(anaKey);
  return { ...app, db, batch };
}

const planCells = () =>
  within(screen.getByRole('table', { name: 'The plan' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').at(-1)!.textContent);

describe('the desk: encrypted hand-out and results', () => {
  it('encrypts the file of a reviewer who gave a key, leaves the other plain, asks for results to the device key, and remembers the key with the plan', async () => {
    const ana = generateEncryptionKey();
    const coordinator = generateEncryptionKey();
    const { user, platform, db, batch, unmount } = await handOut(ana.publicKey, { coordinatorKey: coordinator });

    expect(screen.getByText(`Reviewers’ results come back encrypted to this device’s encryption key (${fingerprint(coordinator.publicKey)}): only this device can open them, so collect them here.`)).toBeTruthy();
    expect(planCells()).toEqual([`Encrypted to the key ${fingerprint(ana.publicKey)}`, 'Not encrypted']);

    await user.click(screen.getByRole('button', { name: /^Export files/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(2));
    expect(await screen.findByText(/Saved 2 reviewer files\. .* 1 of them is encrypted to its reviewer\./)).toBeTruthy();
    const [anaFile, benFile] = platform.savedFiles.map(bytesOf);

    // Ana's file opens only with her key.
    const locked = await readBatchFile(anaFile!, { trustedKeys: [], fileName: 'contract.r-ana.loupe' });
    expect(locked.ok ? 'opened' : locked.error.kind).toBe('encrypted');
    expect(locked.ok ? '' : locked.error.message).toContain(fingerprint(ana.publicKey));
    const stranger = await readBatchFile(anaFile!, { trustedKeys: [], decryptWith: coordinator.privateKey });
    expect(stranger.ok ? 'opened' : stranger.error.kind).toBe('encrypted');
    const opened = await readBatchFile(anaFile!, { trustedKeys: [], decryptWith: ana.privateKey });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.encrypted).toBe(true);
    expect(opened.manifest.reviewers).toEqual([{ id: 'r-ana', name: 'Ana' }]);
    expect(opened.returnTo).toBe(coordinator.publicKey);

    // Ben's is plain, and asks for results to the same key.
    const plain = await readBatchFile(benFile!, { trustedKeys: [] });
    if (!plain.ok) throw new Error(plain.error.message);
    expect(plain.encrypted).toBe(false);
    expect(plain.returnTo).toBe(coordinator.publicKey);

    await waitFor(async () => {
      const saved = (await db.kv.get(planKey(batch.id)))?.value as { reviewers: { id: string; encryptionKey?: string }[] } | undefined;
      expect(saved?.reviewers.map((r) => [r.id, r.encryptionKey])).toEqual([
        ['r-ana', ana.publicKey],
        ['r-ben', undefined],
      ]);
    });

    // A second hand-out starts from the plan, keys included.
    unmount();
    renderApp({ db, hash: `#/batch/${batch.id}/desk`, settings: { encryptionKey: device(coordinator) } });
    await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });
    expect((screen.getByRole('textbox', { name: 'Reviewer 1 encryption key' }) as HTMLInputElement).value).toBe(ana.publicKey);
    expect((screen.getByRole('textbox', { name: 'Reviewer 2 encryption key' }) as HTMLInputElement).value).toBe('');
    expect(planCells()).toEqual([`Encrypted to the key ${fingerprint(ana.publicKey)}`, 'Not encrypted']);
  });

  it('writes nothing while a key cannot be used, naming the row', async () => {
    const ana = generateEncryptionKey();
    const { user, platform } = await handOut(ana.privateKey);
    expect(planCells()).toEqual(['Key not valid: not written', 'Not encrypted']);
    expect(screen.getByRole('textbox', { name: 'Reviewer 1 encryption key' }).getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: /^Export files/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Reviewer 1 \(r-ana\): this is a SECRET key, which must stay with its owner\..*Nothing was written\.$/);
    expect(platform.savedFiles).toHaveLength(0);

    const key = screen.getByRole('textbox', { name: 'Reviewer 1 encryption key' });
    await user.clear(key);
    await user.type(key, 'loupe-x25519:not-a-key');
    await user.click(screen.getByRole('button', { name: /^Export files/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Reviewer 1 \(r-ana\): the encryption key is not a Loupe public encryption key/);
    expect(platform.savedFiles).toHaveLength(0);

    await user.clear(key);
    await user.click(key);
    await user.paste(ana.publicKey);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Export files/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(2));
  });

  it('offers to make the device’s encryption key, and files then ask for results encrypted to it', async () => {
    const { user, platform } = await handOut('');
    expect(screen.getByText(/^Reviewers’ results come back unencrypted\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create my encryption key' }));
    await waitFor(() => expect(platform.settings.encryptionKey).not.toBeNull());
    const made = platform.settings.encryptionKey!;
    expect(await screen.findByText(new RegExp(`encrypted to this device’s encryption key \\(${fingerprint(made.publicKey as `loupe-x25519:${string}`)}\\)`))).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create my encryption key' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Export whole batch/ }));
    await waitFor(() => expect(platform.savedFiles).toHaveLength(1));
    const whole = await readBatchFile(bytesOf(platform.savedFiles[0]!), { trustedKeys: [] });
    expect(whole.ok && whole.returnTo).toBe(made.publicKey);
  });

  it('the reviewer opens the encrypted file with their key and sends results encrypted to the coordinator, which the desk opens with its key', async () => {
    const ana = generateEncryptionKey();
    const coordinator = generateEncryptionKey();
    const desk = await handOut(ana.publicKey, { coordinatorKey: coordinator });
    await desk.user.click(screen.getByRole('button', { name: /^Export files/ }));
    await waitFor(() => expect(desk.platform.savedFiles).toHaveLength(2));
    const anaFile = bytesOf(desk.platform.savedFiles[0]!);
    desk.unmount();

    // Ana's Loupe, with the key she made in Settings.
    const reviewer = renderApp({ settings: { encryptionKey: device(ana) } });
    await chooseFiles(reviewer.user, [asFile('contract.r-ana.loupe', anaFile)]);
    await reviewer.user.click(await screen.findByRole('button', { name: 'Open anyway' }));
    expect(await screen.findByText(/^contract\.r-ana\.loupe: Loupe batch \(\.loupe\) “contract”, revision 1, 3 items — imported/)).toBeTruthy();
    expect((await reviewer.db.batchFiles.get(desk.batch.id))?.returnTo).toBe(coordinator.publicKey);
    const [first, second] = await reviewer.db.items.where('[batchId+seq]').between([desk.batch.id, -Infinity], [desk.batch.id, Infinity]).toArray();
    await decide(reviewer.db, desk.batch.id, first!.id, 'confirm');
    await decide(reviewer.db, desk.batch.id, second!.id, 'reject');
    await waitFor(() => expect(reviewer.platform.settings.recentBatches[0]?.batchId).toBe(desk.batch.id));

    await reviewer.user.click(screen.getByRole('button', { name: 'Export' }));
    const item = await screen.findByRole('menuitem', { name: 'Results for the coordinator (.loupe-result), encrypted for the coordinator' });
    expect(item.getAttribute('title')).toContain(fingerprint(coordinator.publicKey));
    await reviewer.user.click(item);
    await waitFor(() => expect(reviewer.platform.savedFiles).toHaveLength(1));
    const saved = reviewer.platform.savedFiles[0]!;
    expect(saved.suggestedName).toBe('contract.r-ana.loupe-result');
    expect(await screen.findByText('Saved 2 events of your work to contract.r-ana.loupe-result, encrypted for the coordinator: give this file to your coordinator.')).toBeTruthy();
    const results = bytesOf(saved);
    const without = await readResultFile(results, { trustedKeys: [], fileName: 'contract.r-ana.loupe-result' });
    expect(without.ok ? 'opened' : without.error.kind).toBe('encrypted');
    const withKey = await readResultFile(results, { trustedKeys: [], decryptWith: coordinator.privateKey });
    if (!withKey.ok) throw new Error(withKey.error.message);
    expect(withKey.encrypted).toBe(true);
    expect(withKey.assignedAs).toEqual({ id: 'r-ana', name: 'Ana' });
    expect(withKey.events).toHaveLength(2);
    reviewer.unmount();

    // Back on a desk without the key: the file is refused with the reader's message, nothing stored.
    const keyless = renderApp({ db: desk.db, hash: `#/batch/${desk.batch.id}/desk` });
    await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });
    await keyless.user.upload(screen.getByTestId('desk-results-input') as HTMLInputElement, [asFile('contract.r-ana.loupe-result', results)]);
    const refused = await screen.findByRole('list', { name: 'What became of each file' });
    expect(refused.textContent).toBe(
      `contract.r-ana.loupe-result: is encrypted to the key ${fingerprint(coordinator.publicKey)}, and no encryption key was given — open it where that key is kept, or ask the reviewer for a copy encrypted to your key`,
    );
    expect(await desk.db.events.count()).toBe(0);
    keyless.unmount();

    // On the desk with the device key, it is collected.
    const withDeviceKey = renderApp({ db: desk.db, hash: `#/batch/${desk.batch.id}/desk`, settings: { encryptionKey: device(coordinator) } });
    await screen.findByRole('heading', { name: 'Coordinate “contract”', level: 1 });
    await withDeviceKey.user.upload(screen.getByTestId('desk-results-input') as HTMLInputElement, [asFile('contract.r-ana.loupe-result', results)]);
    const reports = await screen.findByRole('list', { name: 'What became of each file' });
    expect(reports.textContent).toMatch(/^contract\.r-ana\.loupe-result: 2 new events of /);
    expect(await desk.db.events.count()).toBe(2);
  });
});
