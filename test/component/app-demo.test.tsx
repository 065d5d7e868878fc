import { describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { demoSources } from '../../renderer/demo';
import { newDatabase, renderApp } from './app-harness';

describe('Demo batches', () => {
  it('are imported on the first start, once', async () => {
    const db = newDatabase();
    renderApp({ db, switches: {} });
    for (const source of demoSources) expect(await screen.findByRole('link', { name: source.name }, { timeout: 5000 })).toBeTruthy();
    const batches = await db.batches.toArray();
    expect(batches).toHaveLength(demoSources.length);
    expect(batches.every((b) => b.source.format === 'demo')).toBe(true);
    const items = await db.items.count();

    cleanup();
    renderApp({ db, switches: {} });
    await screen.findByRole('link', { name: demoSources[0]!.name });
    expect(await db.batches.count()).toBe(demoSources.length);
    expect(await db.items.count()).toBe(items);
  });

  it('are not seeded again once the reviewer has them, even after a restart with the setting on', async () => {
    const db = newDatabase();
    renderApp({ db, switches: {} });
    await waitFor(async () => expect((await db.kv.get('demo:seeded'))?.value).toBe(true));
  });

  it('are left out with ?demo=0', async () => {
    const db = newDatabase();
    renderApp({ db, switches: { demo: false } });
    expect(await screen.findByText('No batches yet.')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 200));
    expect(await db.batches.count()).toBe(0);
    expect(await db.kv.get('demo:seeded')).toBeUndefined();
  });

  it('are left out when the setting is off', async () => {
    const db = newDatabase();
    renderApp({ db, switches: {}, settings: { demo: false } });
    expect(await screen.findByText('No batches yet.')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 200));
    expect(await db.batches.count()).toBe(0);
  });
});
