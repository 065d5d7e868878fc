import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { parseRoute, readSwitches, routeHref } from '../../renderer/app';
import Dexie from 'dexie';
import { createPlatform } from '../../renderer/platform/web';
import { renderApp } from './app-harness';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('Theme', () => {
  // Read from disk: the test runner hands CSS imports over empty, `?raw` included.
  const css = readFileSync(join(import.meta.dirname, '../../renderer/app/styles.css'), 'utf8');
  const colours = new Map([...css.matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/giu)].map((m) => [m[1]!, [m[2]!, m[3]!] as const]));

  // Every pair of text and the background it is drawn on.
  const textPairs = [
    ['fg', 'bg'], ['fg', 'surface'], ['muted', 'bg'], ['muted', 'surface'], ['accent', 'bg'], ['accent', 'surface'], ['accent-fg', 'accent'],
    ['fg', 'added-bg'], ['fg', 'removed-bg'], ['danger', 'danger-bg'], ['fg', 'danger-bg'], ['fg', 'notice-bg'],
    ['status-accepted', 'bg'], ['status-corrected', 'bg'], ['status-rejected', 'bg'], ['status-flagged', 'bg'],
  ] as const;

  it.each(['light', 'dark'] as const)('has text contrast of at least 4.5:1 in the %s theme', (theme) => {
    const side = theme === 'light' ? 0 : 1;
    for (const name of ['fg', 'bg', 'muted', 'accent', 'added-bg', 'removed-bg', 'border']) expect(colours.has(name), name).toBe(true);
    for (const [text, background] of textPairs) {
      const ratio = contrast(colours.get(text)![side], colours.get(background)![side]);
      expect(ratio, `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
    // Borders of controls are not text: 3:1 (WCAG 1.4.11).
    expect(contrast(colours.get('border')![side], colours.get('bg')![side])).toBeGreaterThanOrEqual(3);
  });

  it('sets data-theme on <html> from the settings', async () => {
    renderApp({ settings: { theme: 'light' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
  });
});

describe('Routes and switches', () => {
  it('round-trips routes through the hash, ids with any characters', () => {
    const routes = [{ page: 'batches' }, { page: 'batch', batchId: 'b-1' }, { page: 'item', batchId: 'b-1', itemId: 'a/b c#?' }] as const;
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
    expect(parseRoute('#/batch/%E0%A4%A')).toEqual({ page: 'batches' });
    expect(parseRoute('')).toEqual({ page: 'batches' });
  });

  it('reads ?demo=0 and ?reviewer=', () => {
    expect(readSwitches('?demo=0&reviewer=Ann%20B')).toEqual({ demo: false, reviewerName: 'Ann B' });
    expect(readSwitches('?demo=1')).toEqual({ demo: true });
    expect(readSwitches('')).toEqual({});
  });

  it('shows a missing batch as such, with the way back', async () => {
    renderApp({ hash: '#/batch/nope' });
    expect(await screen.findByRole('heading', { name: 'Batch not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All batches' }).getAttribute('href')).toBe('#/');
  });
});

describe('Errors', () => {
  it('are shown in an alert with their message', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user, platform } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    platform.saveSettings = () => Promise.reject(new Error('The disk is full.'));
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The disk is full.');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});

describe('Web platform', () => {
  afterEach(() => {
    localStorage.clear();
    vi.restoreAllMocks();
  });

  it('keeps settings in IndexedDB, validated, moving them from localStorage and falling back to the defaults when corrupt', async () => {
    await Dexie.delete('loupe-settings');
    localStorage.setItem('loupe.settings', JSON.stringify({ theme: 'light', reviewer: { id: 'old-id', name: 'Old' } }));
    const platform = createPlatform();
    expect((await platform.loadSettings()).reviewer).toEqual({ id: 'old-id', name: 'Old' });
    await platform.saveSettings({ theme: 'dark' });
    localStorage.clear();
    const again = await createPlatform().loadSettings();
    expect(again.theme).toBe('dark');
    expect(again.reviewer).toEqual({ id: 'old-id', name: 'Old' });
    const raw = new Dexie('loupe-settings');
    raw.version(1).stores({ entries: 'key' });
    await raw.table('entries').put({ key: 'loupe.settings', value: { theme: 'purple' } });
    raw.close();
    expect((await platform.loadSettings()).theme).toBe('system');
  });

  it('saves a file as a download', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => (created.push(blob), 'blob:test');
    URL.revokeObjectURL = () => undefined;
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    const result = await createPlatform().saveFile({ suggestedName: 'x.results.jsonl', mimeType: 'application/x-ndjson', data: '{"id":"1"}\n' });
    expect(result).toEqual({ saved: true, location: 'x.results.jsonl' });
    expect(clicks[0]?.download).toBe('x.results.jsonl');
    expect(await created[0]?.text()).toBe('{"id":"1"}\n');
  });

  it('asks for flushes when the page is hidden or left', async () => {
    const calls: string[] = [];
    const stop = createPlatform().onFlushRequest(async () => void calls.push('flush'));
    window.dispatchEvent(new Event('pagehide'));
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    stop();
    window.dispatchEvent(new Event('pagehide'));
    expect(calls).toEqual(['flush', 'flush']);
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'visible' });
  });
});
