import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { RecentFile } from './recent';

export interface MenuState {
  /** Node's `process.platform`: macOS gets the app menu and keeps a window menu. */
  platform: string;
  /** Reload and developer tools are offered only when running from a checkout. */
  development: boolean;
  recent: readonly RecentFile[];
}

export interface MenuActions {
  /** File → Open…: the native open dialog. */
  open(): void;
  openRecent(file: string): void;
  clearRecent(): void;
}

/**
 * The application menu for a given state, as data: main rebuilds it whenever the recent files change,
 * and tests read it without a menu bar.
 */
export function menuTemplate({ platform, development, recent }: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  // Outside macOS `&` marks the access key of a label; a file name's own `&` must stay a character.
  const label = (text: string) => (mac ? text : text.replaceAll('&', '&&'));
  const openRecent: MenuItemConstructorOptions[] = [
    ...recent.map((file): MenuItemConstructorOptions => ({ label: label(file.label), click: () => actions.openRecent(file.path) })),
    ...(recent.length > 0 ? [{ type: 'separator' } as const] : []),
    { label: 'Clear Menu', enabled: recent.length > 0, click: () => actions.clearRecent() },
  ];
  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Open Recent', submenu: openRecent },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      ...(development
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
  ];
}

export function installMenu(template: MenuItemConstructorOptions[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
