import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions } from '../../electron/main/menu';
import { recentFiles, touchRecent, withoutPaths } from '../../electron/main/recent';
import type { RecentBatch } from '../../shared/settings';
import type { MenuItemStandIn } from './electron-stand-in';

const entry = (batchId: string, file?: string, openedAt = '2026-11-20T10:00:00.000Z'): RecentBatch => ({
  batchId,
  name: batchId,
  openedAt,
  ...(file === undefined ? {} : { path: file }),
});

describe('the recent files', () => {
  it('lists the batches that came from a file, newest first, once per file', () => {
    const entries = [entry('b1', '/w/a.loupe'), entry('b2'), entry('b3', '/w/b.loupe-result'), entry('b4', '/w/a.loupe')];
    expect(recentFiles(entries)).toEqual([
      { path: '/w/a.loupe', label: 'a.loupe' },
      { path: '/w/b.loupe-result', label: 'b.loupe-result' },
    ]);
  });

  it('keeps to the limit', () => {
    const entries = Array.from({ length: 15 }, (_, i) => entry(`b${i}`, `/w/${i}.loupe`));
    expect(recentFiles(entries).map((file) => file.label)).toEqual(Array.from({ length: 10 }, (_, i) => `${i}.loupe`));
    expect(recentFiles(entries, 2)).toHaveLength(2);
  });

  it('shows the whole path where two files share a name', () => {
    const entries = [entry('b1', '/ward-7/week.loupe'), entry('b2', '/ward-9/week.loupe'), entry('b3', '/x/other.csv')];
    expect(recentFiles(entries).map((file) => file.label)).toEqual(['/ward-7/week.loupe', '/ward-9/week.loupe', 'other.csv']);
  });

  it('lists only kinds Loupe opens, whatever the settings say', () => {
    expect(recentFiles([entry('b1', '/home/ana/.ssh/id_ed25519'), entry('b2', '/w/a.xliff')])).toEqual([
      { path: '/w/a.xliff', label: 'a.xliff' },
    ]);
  });

  it('moves the batches of a file opened again to the front, with the new time', () => {
    const entries = [entry('b1'), entry('b2', '/w/a.loupe'), entry('b3', '/w/b.loupe'), entry('b4', '/w/a.loupe')];
    const now = '2026-11-25T09:00:00.000Z';
    expect(touchRecent(entries, '/w/a.loupe', now)).toEqual([
      entry('b2', '/w/a.loupe', now),
      entry('b4', '/w/a.loupe', now),
      entry('b1'),
      entry('b3', '/w/b.loupe'),
    ]);
  });

  it('leaves the list itself alone for a file no batch came from yet', () => {
    const entries = [entry('b1', '/w/a.loupe')];
    expect(touchRecent(entries, '/w/new.loupe', '2026-11-25T09:00:00.000Z')).toBe(entries);
  });

  it('clears the files but keeps the batches', () => {
    expect(withoutPaths([entry('b1', '/w/a.loupe'), entry('b2')])).toEqual([entry('b1'), entry('b2')]);
  });
});

const actions = () => ({
  open: vi.fn<MenuActions['open']>(),
  openRecent: vi.fn<MenuActions['openRecent']>(),
  clearRecent: vi.fn<MenuActions['clearRecent']>(),
});
const find = (items: readonly MenuItemStandIn[], label: string): MenuItemStandIn => {
  const item = items.find((candidate) => candidate.label?.replace('&', '') === label);
  if (item === undefined) throw new Error(`no menu item "${label}"`);
  return item;
};
const build = (state: Parameters<typeof menuTemplate>[0], act = actions()) => ({
  menu: menuTemplate(state, act) as MenuItemStandIn[],
  act,
});

describe('the application menu', () => {
  const recent = [
    { path: '/w/a.loupe', label: 'a.loupe' },
    { path: '/w/R&D.csv', label: 'R&D.csv' },
  ];

  it('has File with Open… (Ctrl/Cmd+O), Open Recent and Quit, Edit and View', () => {
    const { menu, act } = build({ platform: 'linux', development: false, recent });
    expect(menu.map((item) => item.label ?? item.role)).toEqual(['&File', 'editMenu', '&View']);
    const file = find(menu, 'File').submenu!;
    expect(file.map((item) => item.label ?? item.role ?? item.type)).toEqual(['Open…', 'Open Recent', 'separator', 'quit']);
    expect(find(file, 'Open…').accelerator).toBe('CmdOrCtrl+O');
    find(file, 'Open…').click?.();
    expect(act.open).toHaveBeenCalledOnce();
  });

  it('lists the recent files under Open Recent; choosing one opens it, Clear clears', () => {
    const { menu, act } = build({ platform: 'win32', development: false, recent });
    const openRecent = find(find(menu, 'File').submenu!, 'Open Recent').submenu!;
    // `&` would mark an access key on Windows and Linux.
    expect(openRecent.map((item) => item.label ?? item.type)).toEqual(['a.loupe', 'R&&D.csv', 'separator', 'Clear Menu']);
    openRecent[1]?.click?.();
    expect(act.openRecent).toHaveBeenCalledWith('/w/R&D.csv');
    find(openRecent, 'Clear Menu').click?.();
    expect(act.clearRecent).toHaveBeenCalledOnce();
  });

  it('offers a disabled Clear when there is nothing recent', () => {
    const { menu } = build({ platform: 'linux', development: false, recent: [] });
    expect(find(find(menu, 'File').submenu!, 'Open Recent').submenu).toEqual([{ label: 'Clear Menu', enabled: false, click: expect.any(Function) }]);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (development: boolean) =>
      find(build({ platform: 'linux', development, recent: [] }).menu, 'View').submenu!.map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('on macOS: the app menu, Close instead of Quit, a Window menu, labels as they are', () => {
    const { menu } = build({ platform: 'darwin', development: false, recent });
    expect(menu.map((item) => item.label ?? item.role)).toEqual(['appMenu', 'File', 'editMenu', 'View', 'windowMenu']);
    const file = find(menu, 'File').submenu!;
    expect(file.at(-1)).toEqual({ role: 'close' });
    expect(find(file, 'Open Recent').submenu?.[1]?.label).toBe('R&D.csv');
  });
});
