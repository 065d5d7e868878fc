import { z } from 'zod';

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const WindowBounds = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

export const RecentBatch = z.object({
  batchId: z.string(),
  name: z.string(),
  openedAt: z.string(),
  /** Desktop only: the file it came from, for "Open recent". */
  path: z.string().optional(),
});
export type RecentBatch = z.infer<typeof RecentBatch>;

/**
 * A coordinator's signing key the reviewer trusts: batches it signed open without a warning. `label` is
 * the reviewer's own name for it ("Ward 7 coordinator").
 */
export const TrustedKey = z.object({
  publicKey: z.string().regex(/^loupe-ed25519:[A-Za-z0-9_-]{43}$/u),
  label: z.string().max(200),
  addedAt: z.string(),
});
export type TrustedKey = z.infer<typeof TrustedKey>;

/**
 * This device's X25519 key pair, to open batches encrypted to it. The secret key is kept with the
 * settings on this device only: nothing sends it anywhere, and only the public key is shown to be shared.
 */
export const DeviceEncryptionKey = z.object({
  publicKey: z.string().regex(/^loupe-x25519:[A-Za-z0-9_-]{43}$/u),
  privateKey: z.string().regex(/^loupe-x25519-secret:[A-Za-z0-9_-]{43}$/u),
  createdAt: z.string(),
});
export type DeviceEncryptionKey = z.infer<typeof DeviceEncryptionKey>;

/** The reviewer's settings: electron-store in the desktop shell, browser storage in the web shell. */
export const Settings = z.object({
  /** Stable device id, stamped on every event. */
  deviceId: z.string().default(''),
  reviewer: z.object({ id: z.string(), name: z.string().min(1).max(200) }).nullable().default(null),
  theme: Theme.default('system'),
  locale: z.string().default('en'),
  /** Load the demo batch on first start. */
  demo: z.boolean().default(true),
  windowBounds: WindowBounds.nullable().default(null),
  recentBatches: z.array(RecentBatch).max(20).default([]),
  /** Coordinators' signing keys whose batches open without a warning. */
  trustedKeys: z.array(TrustedKey).max(200).default([]),
  /** Made on demand in Settings; null until then. */
  encryptionKey: DeviceEncryptionKey.nullable().default(null),
});
export type Settings = z.infer<typeof Settings>;

/**
 * A change of settings: only the fields present are written. Built field by field, not with
 * `Settings.partial()`, because under zod 4 a partial of defaulted fields still fills every absent field
 * with its default, and a one-field change would reset the others.
 */
const fields = Settings.shape;
export const SettingsPatch = z.strictObject({
  deviceId: fields.deviceId.unwrap().optional(),
  reviewer: fields.reviewer.unwrap().optional(),
  theme: fields.theme.unwrap().optional(),
  locale: fields.locale.unwrap().optional(),
  demo: fields.demo.unwrap().optional(),
  windowBounds: fields.windowBounds.unwrap().optional(),
  recentBatches: fields.recentBatches.unwrap().optional(),
  trustedKeys: fields.trustedKeys.unwrap().optional(),
  encryptionKey: fields.encryptionKey.unwrap().optional(),
} satisfies Record<keyof Settings, z.ZodType>);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings = (): Settings => Settings.parse({});
