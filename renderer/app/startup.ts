import type { Platform } from '../platform';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { Switches } from './switches';

/**
 * The settings this start runs with: a device id on the first start (stamped on every event), and the
 * reviewer named by `?reviewer=` if given, keeping their id when only the name changes.
 */
export async function prepareSettings(platform: Platform, switches: Switches): Promise<Settings> {
  const settings = await platform.loadSettings();
  const patch: SettingsPatch = {};
  if (!settings.deviceId) patch.deviceId = crypto.randomUUID();
  const name = switches.reviewerName;
  if (name && settings.reviewer?.name !== name) patch.reviewer = { id: settings.reviewer?.id ?? crypto.randomUUID(), name };
  return Object.keys(patch).length > 0 ? platform.saveSettings(patch) : settings;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : String(error);
}
