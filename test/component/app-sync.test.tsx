import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { BatchList as ServerBatchList, ConflictList } from '../../shared/sync';
import { newDatabase, renderApp } from './app-harness';
import { ANA, BEN, seedContract, seedPlan } from './desk-harness';
import { startTestServer, type TestServer } from './sync-harness';

let server: TestServer;
// A PGlite data folder takes seconds to make, more on a loaded machine.
beforeEach(async () => {
  server = await startTestServer();
}, 60_000);
afterEach(async () => {
  cleanup();
  await server.close();
}, 60_000);

describe('sync with a server', () => {
  it('says plainly when no server is set, and keeps working', async () => {
    renderApp();
    expect(await screen.findByText('Not syncing: no server set')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Sync now/ })).toBeNull();
  });

  it('asks before sending a token over plain HTTP to another machine, and never shows the token again', async () => {
    const { user, platform } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Server address' }), 'http://192.168.1.20:8787');
    await user.type(within(dialog).getByLabelText('Token'), 'secret-token-1');
    expect(within(dialog).getByText(/would travel unencrypted/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save server' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Tick the box to send your token over plain HTTP/);
    expect(platform.savedConnection).toBeNull();

    await user.click(within(dialog).getByRole('checkbox', { name: /Send them unencrypted anyway/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save server' }));
    await waitFor(() => expect(platform.savedConnection).toEqual({ url: 'http://192.168.1.20:8787', token: 'secret-token-1', allowPlainHttp: true }));
    expect((within(dialog).getByLabelText('Token') as HTMLInputElement).value).toBe('');
    expect(within(dialog).getByText('A token is saved. Leave empty to keep it.')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain('secret-token-1');

    // On this machine (loopback) plain HTTP needs no consent.
    const address = within(dialog).getByRole('textbox', { name: 'Server address' });
    await user.clear(address);
    await user.type(address, 'http://127.0.0.1:8787');
    expect(within(dialog).queryByText(/would travel unencrypted/)).toBeNull();
  });

  it('tells the truth when the server refuses the token, with the changes waiting', async () => {
    renderApp({ connection: { url: server.url, token: 'not-a-token' }, server: server.answer });
    const status = await screen.findByText(/Sync failing/);
    expect(status.closest('[role=status]')!.textContent).toMatch(/does not accept your token.*ask the coordinator for a new one/);
  });

  it('shows offline, with the count of changes waiting, while the network is down', async () => {
    const coordinator = newDatabase();
    const batch = await seedContract(coordinator);
    await seedPlan(coordinator, batch.id);
    const anaToken = await server.issue('reviewer', ANA.id, ANA.name);
    // Publish from the desk, as a coordinator.
    const desk = renderApp({ db: coordinator, hash: `#/batch/${batch.id}/desk`, connection: { url: server.url, token: server.coordinatorToken }, server: server.answer });
    await desk.user.click(await screen.findByRole('button', { name: /^Publish to server/ }));
    await screen.findByText(/On the server as revision 1/);
    cleanup();

    let online = true;
    const ana = newDatabase();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    try {
      const view = renderApp({
        db: ana,
        connection: { url: server.url, token: anaToken },
        server: (request, connection) => (online ? server.answer(request, connection) : Promise.resolve({ kind: 'unreachable', message: 'net::ERR_INTERNET_DISCONNECTED' })),
      });
      await screen.findByRole('link', { name: /contract/ });
      online = false;
      window.dispatchEvent(new Event('offline'));
      window.location.hash = `#/batch/${batch.id}/item/seg-1`;
      await screen.findAllByText('Die Parteien stimmen zu.');
      await view.user.click(await screen.findByRole('button', { name: /^Accept/u }));
      await waitFor(() => expect(document.querySelector('.sync-status')!.textContent).toMatch(/Offline · 1 change waiting/));

      online = true;
      window.dispatchEvent(new Event('online'));
      await waitFor(() => expect(document.querySelector('.sync-status')!.textContent).toMatch(/^Up to date/));
      expect(document.querySelector('.sync-status')!.textContent).not.toMatch(/waiting/);
    } finally {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    }
    const progress = (await server.call('GET', `/v1/batches/${batch.id}/progress`)).body as { reviewers: { reviewerId: string; counts: Record<string, number> }[] };
    expect(progress.reviewers.find((r) => r.reviewerId === ANA.id)!.counts.accepted).toBe(1);
  });

  it('carries a batch from the desk to two reviewers and their work back to the coordinator, conflicts included', async () => {
    const coordinator = newDatabase();
    const batch = await seedContract(coordinator);
    await seedPlan(coordinator, batch.id);
    const tokens = { [ANA.id]: await server.issue('reviewer', ANA.id, ANA.name), [BEN.id]: await server.issue('reviewer', BEN.id, BEN.name) };

    const desk = renderApp({ db: coordinator, hash: `#/batch/${batch.id}/desk`, connection: { url: server.url, token: server.coordinatorToken }, server: server.answer });
    await desk.user.click(await screen.findByRole('button', { name: /^Publish to server/ }));
    await screen.findByText(/On the server as revision 1/);
    const listed = ServerBatchList.parse((await server.call('GET', '/v1/batches')).body);
    expect(listed.batches.map((b) => [b.batch.id, b.reviewers.map((r) => [r.id, r.itemCount])])).toEqual([[batch.id, [[ANA.id, 4], [BEN.id, 4]]]]);
    cleanup();

    // Each reviewer gets their share by sync alone, reviews the first item (seg-2 is in both shares: overlap).
    for (const [who, verdict] of [
      [ANA, 'Accept'],
      [BEN, 'Reject'],
    ] as const) {
      const db = newDatabase();
      const view = renderApp({ db, connection: { url: server.url, token: tokens[who.id]! }, server: server.answer });
      await screen.findByRole('link', { name: /contract/ });
      expect((await db.items.where('batchId').equals(batch.id).toArray()).map((i) => i.id)).toEqual(who === ANA ? ['seg-1', 'seg-2', 'seg-3', 'seg-5'] : ['seg-2', 'seg-4', 'seg-5', 'seg-6']);
      // Both give a verdict on seg-2, an overlap item, without seeing the other's.
      window.location.hash = `#/batch/${batch.id}/item/seg-2`;
      await screen.findAllByText('Dieser Vertrag ist <i>nichtig</i>.');
      expect(await screen.findByText(`Reviewing as ${who.name}`)).toBeTruthy();
      await view.user.click(await screen.findByRole('button', { name: new RegExp(`^${verdict}`, 'u') }));
      await waitFor(() => expect(document.querySelector('.sync-status')!.textContent).toMatch(/^Up to date/));
      await waitFor(async () => expect(await db.outbox.count()).toBe(0));
      cleanup();
    }

    const conflicts = ConflictList.parse((await server.call('GET', `/v1/batches/${batch.id}/conflicts`)).body);
    expect(conflicts.conflicts.map((c) => c.itemId)).toEqual(['seg-2']);

    // The coordinator's desk pulls both reviewers' work and shows the conflict.
    renderApp({ db: coordinator, hash: `#/batch/${batch.id}/desk`, connection: { url: server.url, token: server.coordinatorToken }, server: server.answer });
    await waitFor(async () => expect(await coordinator.events.where('batchId').equals(batch.id).count()).toBe(2));
    const progress = await screen.findByRole('table', { name: /Progress/ });
    await waitFor(() => {
      const rows = within(progress).getAllByRole('row').map((r) => r.textContent ?? '');
      expect(rows.find((r) => r.includes('Ana'))).toMatch(/1/);
      expect(rows.find((r) => r.includes('Ben'))).toMatch(/1/);
    });
    expect(await screen.findByText(/1 open conflict/)).toBeTruthy();
  });
});
