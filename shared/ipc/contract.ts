import { z } from 'zod';
import { Settings, SettingsPatch } from '../settings';
import { ConnectionInfo, ConnectionSettings, ServerRequest, ServerResponse } from '../sync/connection';
import type { FLUSH_CHANNEL, FLUSHED_CHANNEL, InvokeChannel, OPEN_FILE_CHANNEL, OPEN_FILE_READY_CHANNEL } from './channels';

/** A bare file name: the renderer suggests a name, never a folder. */
const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', 'must be a file name, not a path');

// A custom check, not z.instanceof: that would narrow the type to Uint8Array<ArrayBuffer>.
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');

export const FileSaveRequest = z.strictObject({
  suggestedName: FileName,
  mimeType: z.string().min(1).max(255),
  data: z.union([z.string(), Bytes]),
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

/** The languages to check spelling in: BCP 47 tags, as the editor's `lang` has them. A few at most. */
const SpellCheckRequest = z.strictObject({
  languages: z.array(z.string().regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/u, 'a language tag such as "de" or "pt-BR"')).max(8),
});

/** The spellchecker's dictionaries now in use; empty when none fits (the spellchecker is left as it was). */
const SpellCheckResult = z.object({ languages: z.array(z.string()) });

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
  // The sync server's token never crosses to the page: main keeps it and makes the requests.
  'loupe:server:connection': { request: Nothing, response: ConnectionInfo },
  'loupe:server:save': { request: ConnectionSettings.nullable(), response: ConnectionInfo },
  'loupe:server:request': { request: ServerRequest, response: ServerResponse },
  'loupe:spellcheck:languages': { request: SpellCheckRequest, response: SpellCheckResult },
} satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

/** One flush round: main picks the id, the preload echoes it back once the page has written its drafts. */
export const FlushMessage = z.strictObject({ id: z.number().int().positive() });
export type FlushMessage = z.infer<typeof FlushMessage>;

/**
 * Why a file the OS asked Loupe to open did not reach the page: `missing` (no such file), `not-a-file` (a
 * folder, a device), `too-large` (over the batch-file limit), `unsupported` (an extension Loupe does not
 * open), `unreadable` (anything else the disk said, such as no permission).
 */
export const OpenFileProblem = z.enum(['missing', 'not-a-file', 'too-large', 'unsupported', 'unreadable']);
export type OpenFileProblem = z.infer<typeof OpenFileProblem>;

const OpenFileFailure = z.strictObject({ name: z.string(), path: z.string(), problem: OpenFileProblem, message: z.string() });

/**
 * A file travels to the page in parts of at most this size: Electron's IPC serializer crashes on one message
 * over 512 MiB, and a batch file may be 2 GiB. The preload joins the parts before the page sees them.
 */
export const OPEN_FILE_PART_BYTES = 64 * 1024 * 1024;

/**
 * What main sends on `loupe:file:open`: a part of a file it opened (`size` bytes in all, this part from
 * `offset`; parts of one file come in order, one file after another), or the problem with a file it could
 * not, with a sentence saying what went wrong (English; the page may word it itself from `problem`).
 * `path` is where the file is, for Open Recent.
 */
export const OpenFileMessage = z.union([
  z.strictObject({ name: z.string(), path: z.string(), size: z.number().int().nonnegative(), offset: z.number().int().nonnegative(), bytes: Bytes }),
  OpenFileFailure,
]);
export type OpenFileMessage = z.infer<typeof OpenFileMessage>;

/** What the page is given: a whole file main opened, or why it could not. */
export type OpenedFileMessage = { name: string; path: string; bytes: Uint8Array } | z.infer<typeof OpenFileFailure>;

/** The one-way messages, each with its payload. */
export const messageContract = {
  'loupe:app:flush': FlushMessage,
  'loupe:app:flushed': FlushMessage,
  'loupe:file:open': OpenFileMessage,
  'loupe:file:ready': Nothing,
} satisfies Record<
  typeof FLUSH_CHANNEL | typeof FLUSHED_CHANNEL | typeof OPEN_FILE_CHANNEL | typeof OPEN_FILE_READY_CHANNEL,
  z.ZodType
>;

type InvokeContract = typeof invokeContract;
/** What the renderer passes. */
export type InvokeRequest<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>;
/** What a main handler receives, after validation. */
export type ValidInvokeRequest<C extends InvokeChannel> = z.output<InvokeContract[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<InvokeContract[C]['response']>;
