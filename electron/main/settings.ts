import { randomUUID } from 'node:crypto';
import { constants, copyFileSync } from 'node:fs';
import path from 'node:path';
import Store from 'electron-store';
import { Settings } from '../../shared/settings';
import type { SettingsPatch } from '../../shared/settings';

/** The reviewer's settings, kept by electron-store in `settings.json` in the app's user-data folder. */
export interface SettingsStore {
  /** The stored settings, validated; damaged fields are replaced by their defaults. */
  load(): Settings;
  /** Writes the fields present in `change` and returns the settings as stored. */
  save(change: SettingsPatch): Settings;
  readonly path: string;
}

// Marks a file that holds no settings object (not JSON, or JSON but not an object). electron-store would
// throw from its constructor on a file that is not JSON, and the app would not start; a symbol cannot
// come out of JSON, so the mark cannot be confused with data.
const UNREADABLE = Symbol('unreadable settings file');

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const parseLeniently = (text: string): Record<PropertyKey, unknown> => {
  const value = parseJson(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { [UNREADABLE]: true };
};

/** Keeps every field that validates on its own, so one bad value does not cost the reviewer's profile. */
function salvage(raw: Record<PropertyKey, unknown>): { settings: Settings; dropped: string[] } {
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, schema] of Object.entries(Settings.shape)) {
    if (!(key in raw)) continue;
    const field = schema.safeParse(raw[key]);
    if (field.success) kept[key] = field.data;
    else dropped.push(key);
  }
  return { settings: Settings.parse(kept), dropped };
}

export interface SettingsStoreOptions {
  /** Folder of the file; electron-store's default is the app's user-data folder. */
  cwd?: string;
}

export function openSettingsStore({ cwd }: SettingsStoreOptions = {}): SettingsStore {
  const store = new Store<Record<PropertyKey, unknown>>({
    name: 'settings',
    ...(cwd === undefined ? {} : { cwd }),
    deserialize: parseLeniently,
    // Keys are plain field names; dots in them must not be read as paths.
    accessPropertiesByDotNotation: false,
  });

  /**
   * Copies a damaged file aside before it is overwritten, so nothing the reviewer had is destroyed.
   * Returns whether the copy exists; without it the damaged file must not be overwritten.
   */
  const keepBackup = (damage: string): boolean => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const backup = path.join(path.dirname(store.path), `settings.damaged-${stamp}.json`);
    try {
      copyFileSync(store.path, backup, constants.COPYFILE_EXCL);
    } catch (error) {
      console.warn(`Loupe's settings file is damaged (${damage}) and could not be copied aside:`, error);
      return false;
    }
    console.warn(`Loupe's settings file was damaged (${damage}); a copy is kept at ${backup}.`);
    return true;
  };

  // Given once per process even if it cannot be written yet (a full disk), so events stay consistent.
  let issuedDeviceId: string | null = null;

  const read = (): Record<PropertyKey, unknown> => {
    try {
      return store.store;
    } catch (error) {
      console.warn('Loupe could not read its settings file:', error);
      return { [UNREADABLE]: true };
    }
  };

  // Loading never throws: the app must start whatever state the file is in.
  const load = (): Settings => {
    const raw = read();
    const unreadable = UNREADABLE in raw;
    const { settings, dropped } = salvage(unreadable ? {} : raw);
    const damage = unreadable ? 'not a JSON object' : dropped.length > 0 ? `invalid: ${dropped.join(', ')}` : null;
    // The device id is given by the store that keeps it, so it is stable from the first start.
    const fresh = settings.deviceId === '';
    if (fresh) settings.deviceId = issuedDeviceId ??= randomUUID();
    if ((damage !== null && keepBackup(damage)) || (damage === null && fresh)) {
      try {
        store.store = settings;
      } catch (error) {
        console.warn('Loupe could not write its settings file; it will try again on the next change:', error);
      }
    }
    return settings;
  };

  const save = (change: SettingsPatch): Settings => {
    // A field sent as `undefined` means "not part of this change", not "reset it".
    const present = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const next = Settings.parse({ ...load(), ...present });
    store.store = next;
    return next;
  };

  return { load, save, path: store.path };
}
