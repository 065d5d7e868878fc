import type { Platform } from '../platform';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { Switches } from './switches';

/** The name a reviewer has until they give theirs: work can start at once, before any question. */
export const PROVISIONAL_NAME = 'Reviewer';

/**
 * The settings this start runs with: a device id on the first start (stamped on every event), and a
 * reviewer profile — the one named by `?reviewer=` if given (keeping their id when only the name
 * changes), else a provisional one on the first start. `firstStart` says the reviewer has not named
 * themselves yet, so the app can ask without blocking anything.
 */
export async function prepareSettings(platform: Platform, switches: Switches): Promise<{ settings: Settings; firstStart: boolean }> {
  const settings = await platform.loadSettings();
  const patch: SettingsPatch = {};
  if (!settings.deviceId) patch.deviceId = crypto.randomUUID();
  const name = switches.reviewerName;
  const firstStart = settings.reviewer === null && !name;
  if (name && settings.reviewer?.name !== name) patch.reviewer = { id: settings.reviewer?.id ?? crypto.randomUUID(), name };
  else if (firstStart) patch.reviewer = { id: crypto.randomUUID(), name: PROVISIONAL_NAME };
  return { settings: Object.keys(patch).length > 0 ? await platform.saveSettings(patch) : settings, firstStart };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : String(error);
}
