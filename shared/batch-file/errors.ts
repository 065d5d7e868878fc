/**
 * Why a batch or result file was refused. `message` is complete on its own — which file, which part and
 * line, what is wrong, what the person can do — so the app and the CLI show it as it is.
 */
export type BatchFileErrorKind =
  /** Not a Loupe container at all (not a zip, not an encrypted Loupe file). */
  | 'not-a-zip'
  /** The file ends early: cut short in copying. */
  | 'truncated'
  /** The zip's own records contradict each other, or compressed data does not inflate. */
  | 'damaged'
  /** A zip feature Loupe never writes: ZIP64, zip encryption, split archives, other compression methods. */
  | 'unsupported'
  /** More entries, bytes or compression than the limits allow (zip bombs). */
  | 'limits'
  /** An entry name that is absolute, climbs out with `..`, has a drive letter or backslash, or repeats. */
  | 'path'
  /** A part the manifest lists is not in the file, or `manifest.json` is missing. */
  | 'missing-part'
  /** The file holds an entry its manifest does not list. */
  | 'extra-part'
  /** A part's content does not match its SHA-256 in the manifest, or the zip's CRC-32. */
  | 'checksum'
  /** The signature does not verify against the manifest. */
  | 'signature'
  /** A newer major format version, or one this Loupe never knew. */
  | 'version'
  /** A results file given where a batch was expected, or the other way round. */
  | 'wrong-kind'
  /** A JSON part or line that is not JSON (or not UTF-8). */
  | 'json'
  /** JSON that does not have the shape the format says. */
  | 'schema'
  /** Two items (events, reviews, attachments) with one id. */
  | 'duplicate-id'
  /** Encrypted to a key this device does not hold, or no key was given. */
  | 'encrypted'
  /** A fault in Loupe itself while reading; reported rather than thrown. */
  | 'internal';

export interface BatchFileError {
  kind: BatchFileErrorKind;
  /** The part (zip entry) concerned, such as `items.jsonl`. */
  part?: string;
  /** The line of a JSONL part, from 1. */
  line?: number;
  message: string;
}

/** Who to ask for a new copy, and how the file is named in messages. */
export interface Speaker {
  file: string;
  sender: string;
}

export const ADVICE = {
  damaged: (s: Speaker) => `the file is damaged; ask ${s.sender} for a new copy`,
  changed: (s: Speaker) => `the file is damaged or was changed after it was made; ask ${s.sender} for a new copy`,
  hostile: (s: Speaker) => `Loupe refuses such files, as they can be made to do harm; ask ${s.sender} for a new copy`,
  notLoupe: () => 'it was not made by Loupe; check that you picked the right file',
} as const;

export function fileError(s: Speaker, kind: BatchFileErrorKind, what: string, advice: string, at: { part?: string; line?: number } = {}): BatchFileError {
  return {
    kind,
    ...(at.part === undefined ? {} : { part: at.part }),
    ...(at.line === undefined ? {} : { line: at.line }),
    message: `${s.file}: ${what} — ${advice}`,
  };
}

/** Thrown by the writers when their input could not make a valid file; a programming error. */
export class BatchFileWriteError extends Error {
  override readonly name = 'BatchFileWriteError';
}

/** Internal: lets deep helpers stop a read with a typed error; never escapes a reader. */
export class Refusal {
  constructor(readonly error: BatchFileError) {}
}

export function refuse(error: BatchFileError): never {
  throw new Refusal(error);
}
