/**
 * What a `.loupe` or `.loupe-result` file may hold at most. Reading checks each of these from the zip's
 * own directory BEFORE anything is inflated, and inflating stops the moment an entry gives more bytes
 * than it declared (docs/batch-format.md, "Limits").
 */
export interface Limits {
  /** The file as given, encrypted or not. */
  maxFileBytes: number;
  /** Zip entries (parts): the fixed parts plus one per attachment. */
  maxEntries: number;
  /** All parts together, uncompressed. */
  maxTotalBytes: number;
  /** Uncompressed size ÷ compressed size of one entry, checked on entries larger than `ratioFreeBytes`. */
  maxRatio: number;
  /** Entries up to this size may compress as well as they like (a small, repetitive JSON part does). */
  ratioFreeBytes: number;
  /** `manifest.json`, which is read first and whole. */
  maxManifestBytes: number;
  /** One entry name, in UTF-8 bytes. */
  maxNameBytes: number;
}

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

export const MAX_ENTRIES = 100_005;
export const MAX_TOTAL_BYTES = 2 * GiB;
export const MAX_RATIO = 200;
export const RATIO_FREE_BYTES = 1 * MiB;
export const MAX_MANIFEST_BYTES = 1 * MiB;
export const MAX_NAME_BYTES = 512;
/** The file itself: everything inside, stored uncompressed, plus room for the zip's own records. */
export const MAX_FILE_BYTES = MAX_TOTAL_BYTES + 64 * MiB;
/** `signature.json` is a few hundred bytes; it is not one of the tunable limits. */
export const MAX_SIGNATURE_BYTES = 64 * KiB;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: MAX_FILE_BYTES,
  maxEntries: MAX_ENTRIES,
  maxTotalBytes: MAX_TOTAL_BYTES,
  maxRatio: MAX_RATIO,
  ratioFreeBytes: RATIO_FREE_BYTES,
  maxManifestBytes: MAX_MANIFEST_BYTES,
  maxNameBytes: MAX_NAME_BYTES,
});

/** The defaults with some replaced; a caller may only tighten or loosen what it names. */
export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}
