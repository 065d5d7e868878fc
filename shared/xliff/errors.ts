import { z } from 'zod';

/**
 * Why an XLIFF file could not be read or written. `message` is complete on its own — the file, the
 * line and column when there is one, what is wrong and what to do — so the app and the CLI show it as
 * it is.
 */
export const XliffErrorKind = z.enum([
  /** Bytes that are not UTF-8 or UTF-16, or an encoding Loupe does not read. */
  'encoding',
  /** Not well-formed XML. */
  'xml',
  /** Well-formed XML, but not an XLIFF document. */
  'not-xliff',
  /** An XLIFF version Loupe does not read (1.0, 1.1, 3.x). */
  'version',
  /** XLIFF whose structure Loupe cannot review, such as a unit without a source. */
  'structure',
  /** An update names a segment the document does not have. */
  'unknown-segment',
  /** An update for a segment marked translate="no". */
  'not-translatable',
  /** A new target that XLIFF cannot hold (an unknown inline code, a character XML 1.0 forbids). */
  'unwritable',
  /** A fault of Loupe's own: the document it wrote does not read back. */
  'internal',
]);
export type XliffErrorKind = z.infer<typeof XliffErrorKind>;

export const XliffError = z.object({
  kind: XliffErrorKind,
  fileName: z.string(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  /** The segment concerned, for errors of writing. */
  segment: z.string().optional(),
  message: z.string(),
});
export type XliffError = z.infer<typeof XliffError>;

/** Something worth knowing that did not stop reading or writing; same shape, without a kind. */
export const XliffWarning = XliffError.omit({ kind: true });
export type XliffWarning = z.infer<typeof XliffWarning>;

export interface Where {
  line?: number;
  column?: number;
  segment?: string;
}

function place(fileName: string, at: Where): string {
  if (at.line === undefined) return fileName;
  return at.column === undefined ? `${fileName} line ${at.line}` : `${fileName} line ${at.line}, column ${at.column}`;
}

/** `<file> line L, column C: <what> — <advice>`, with the location kept as fields too. */
export function xliffError(kind: XliffErrorKind, fileName: string, at: Where, what: string, advice: string): XliffError {
  return { kind, fileName, ...at, message: `${place(fileName, at)}: ${what} — ${advice}` };
}

export function xliffWarning(fileName: string, at: Where, what: string): XliffWarning {
  return { fileName, ...at, message: `${place(fileName, at)}: ${what}` };
}

/** Internal: lets deep helpers stop a read or write with a typed error; never escapes the module. */
export class XliffRefusal {
  constructor(readonly error: XliffError) {}
}
