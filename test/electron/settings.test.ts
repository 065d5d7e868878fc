import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSettingsStore } from '../../electron/main/settings';
import { defaultSettings } from '../../shared/settings';

let folder: string;
const file = () => path.join(folder, 'settings.json');
const backups = () => readdirSync(folder).filter((name) => name.startsWith('settings.damaged-'));
const reviewer = { id: 'r-1', name: 'Ana Ionescu' };

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'loupe-settings-'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('settings in electron-store', () => {
  it('start as the defaults, with a device id given once', () => {
    const first = openSettingsStore({ cwd: folder }).load();
    expect(first).toEqual({ ...defaultSettings(), deviceId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(openSettingsStore({ cwd: folder }).load().deviceId).toBe(first.deviceId);
  });

  it('round-trip through the file', () => {
    const store = openSettingsStore({ cwd: folder });
    store.save({ reviewer, theme: 'dark', windowBounds: { x: 1, y: 2, width: 900, height: 700, maximized: false } });
    const reopened = openSettingsStore({ cwd: folder }).load();
    expect(reopened).toMatchObject({
      reviewer,
      theme: 'dark',
      windowBounds: { x: 1, y: 2, width: 900, height: 700, maximized: false },
    });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ reviewer, theme: 'dark' });
  });

  it('change only the fields a save names', () => {
    const store = openSettingsStore({ cwd: folder });
    store.save({ reviewer, locale: 'ro' });
    const after = store.save({ theme: 'light', demo: undefined });
    expect(after).toMatchObject({ reviewer, locale: 'ro', theme: 'light', demo: true });
  });

  it('refuse a save that would store an invalid value, and keep what was there', () => {
    const store = openSettingsStore({ cwd: folder });
    store.save({ reviewer });
    expect(() => store.save({ reviewer: { id: 'r-2', name: '' } })).toThrow();
    expect(store.load().reviewer).toEqual(reviewer);
  });

  it('fall back to the defaults when the file is not JSON, keeping the damaged file aside', () => {
    writeFileSync(file(), '{"reviewer": {"id": "r-1", "na');
    const store = openSettingsStore({ cwd: folder });
    const settings = store.load();
    expect(settings).toEqual({ ...defaultSettings(), deviceId: settings.deviceId });
    expect(backups()).toHaveLength(1);
    expect(readFileSync(path.join(folder, backups()[0] ?? ''), 'utf8')).toBe('{"reviewer": {"id": "r-1", "na');
    // The file is whole again: the next start does not find it damaged.
    expect(openSettingsStore({ cwd: folder }).load()).toEqual(settings);
    expect(backups()).toHaveLength(1);
  });

  it('never overwrite a damaged file that could not be copied aside', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00.000Z'));
    writeFileSync(file(), 'damaged');
    // The backup's name is taken, so the copy fails.
    writeFileSync(path.join(folder, 'settings.damaged-2026-11-25T10-00-00-000Z.json'), 'an older backup');
    const settings = openSettingsStore({ cwd: folder }).load();
    vi.useRealTimers();
    expect(settings.theme).toBe('system');
    expect(readFileSync(file(), 'utf8')).toBe('damaged');
  });

  it('treat JSON that is not an object as damaged', () => {
    writeFileSync(file(), '[1, 2, 3]');
    expect(openSettingsStore({ cwd: folder }).load().theme).toBe('system');
    expect(backups()).toHaveLength(1);
  });

  it('keep every valid field when one is damaged', () => {
    writeFileSync(
      file(),
      JSON.stringify({ deviceId: 'd-1', reviewer, theme: 'purple', recentBatches: 'not a list', locale: 'fr' }),
    );
    const settings = openSettingsStore({ cwd: folder }).load();
    expect(settings).toEqual({ ...defaultSettings(), deviceId: 'd-1', reviewer, locale: 'fr' });
    expect(backups()).toHaveLength(1);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('invalid: theme, recentBatches'));
  });

  it('do not count a field missing from an older file as damage', () => {
    writeFileSync(file(), JSON.stringify({ deviceId: 'd-1', reviewer }));
    expect(openSettingsStore({ cwd: folder }).load()).toEqual({ ...defaultSettings(), deviceId: 'd-1', reviewer });
    expect(backups()).toEqual([]);
  });

  it('live in the app’s user-data folder by default', async () => {
    const { app } = await import('./electron-stand-in');
    app.setPath('userData', folder);
    expect(openSettingsStore().path).toBe(file());
  });
});
