import { z } from 'zod';
import { Settings, SettingsPatch } from '../settings';
import type { FLUSH_CHANNEL, FLUSHED_CHANNEL, InvokeChannel } from './channels';


/** A bare file name: the renderer suggests a name, never a folder. */
const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', 'must be a file name, not a path');

export const FileSaveRequest = z.strictObject({
  suggestedName: FileName,
  mimeType: z.string().min(1).max(255),
  // A custom check, not z.instanceof: that would narrow the type to Uint8Array<ArrayBuffer>.
  data: z.union([z.string(), z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes')]),
});
export type FileSaveRequest = z.infer<typeof FileSaveRequest>;

export const FileSaveResult = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), location: z.string() }),
  z.object({ saved: z.literal(false) }),
]);
export type FileSaveResult = z.infer<typeof FileSaveResult>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** Node's `process.platform` of the main process: `darwin`, `linux`, `win32`. */
  platform: z.string(),
  electron: z.string(),
  locale: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const Nothing = z.undefined();

/**
 * Every request channel with its request and response, described once. Main validates each request
 * against `request` before a handler sees it; both sides take their types from here.
 */
export const invokeContract = {
  'loupe:settings:load': { request: Nothing, response: Settings },
  'loupe:settings:save': { request: SettingsPatch, response: Settings },
  'loupe:file:save': { request: FileSaveRequest, response: FileSaveResult },
  'loupe:app:info': { request: Nothing, response: AppInfo },
} satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

/** One flush round: main picks the id, the preload echoes it back once the page has written its drafts. */
export const FlushMessage = z.strictObject({ id: z.number().int().positive() });
export type FlushMessage = z.infer<typeof FlushMessage>;

/** The one-way messages, each with its payload. */
export const messageContract = {
  'loupe:app:flush': FlushMessage,
  'loupe:app:flushed': FlushMessage,
} satisfies Record<typeof FLUSH_CHANNEL | typeof FLUSHED_CHANNEL, z.ZodType>;

type InvokeContract = typeof invokeContract;
/** What the renderer passes. */
export type InvokeRequest<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>;
/** What a main handler receives, after validation. */
export type ValidInvokeRequest<C extends InvokeChannel> = z.output<InvokeContract[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<InvokeContract[C]['response']>;
