import path from 'node:path';
import type { RecentBatch } from '../../shared/settings';
import { isOpenable } from './open-files';

/** How many files File → Open Recent lists. */
export const RECENT_MENU_LIMIT = 10;

export interface RecentFile {
  path: string;
  /** The file's name, or its whole path where two listed files share a name. */
  label: string;
}

/**
 * The files for File → Open Recent: the recent batches that came from a file, in the settings' order
 * (newest first), one entry per path, at most `limit`. Only kinds Loupe opens are listed: the page can
 * write any path into the settings, and choosing an entry reads that file.
 */
export function recentFiles(entries: readonly RecentBatch[], limit = RECENT_MENU_LIMIT): RecentFile[] {
  const paths = [
    ...new Set(entries.flatMap((entry) => (entry.path !== undefined && isOpenable(entry.path) ? [entry.path] : []))),
  ].slice(0, limit);
  const names = paths.map((file) => path.basename(file));
  return paths.map((file, index) => ({
    path: file,
    label: names.indexOf(names[index]!) === names.lastIndexOf(names[index]!) ? names[index]! : file,
  }));
}

/**
 * The recent list after `file` was opened again from disk: the batches that came from it move to the
 * front with the new time. A file no batch came from yet leaves the list as it is (the same array):
 * the page adds the entry once it knows which batch the file holds.
 */
export function touchRecent(entries: readonly RecentBatch[], file: string, openedAt: string): readonly RecentBatch[] {
  const fromFile = entries.filter((entry) => entry.path === file);
  if (fromFile.length === 0) return entries;
  return [...fromFile.map((entry) => ({ ...entry, openedAt })), ...entries.filter((entry) => entry.path !== file)];
}

/** File → Open Recent → Clear: the batches stay in the list (the page uses it), without their files. */
export function withoutPaths(entries: readonly RecentBatch[]): RecentBatch[] {
  return entries.map(({ path: _path, ...entry }) => entry);
}
