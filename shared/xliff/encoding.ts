import { XliffRefusal, xliffError, xliffWarning, type XliffWarning } from './errors';

/** The encodings Loupe reads and writes XLIFF in; every XML processor must read the first two. */
export type XliffEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE';

export interface DecodedText {
  /** The document as text, without its byte-order mark. */
  text: string;
  encoding: XliffEncoding;
  /** Whether the bytes start with a byte-order mark (kept on writing). */
  bom: boolean;
  /** The encoding the XML declaration names, as written; null when it names none. */
  declared: string | null;
}

const ADVICE = 'save it as UTF-8 (or UTF-16) in the tool that made it, then import it again';

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** What the first bytes say, following XML 1.0 appendix F. */
function sniff(bytes: Uint8Array): { encoding: XliffEncoding; bom: boolean } | { refused: string } {
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0x00, 0x3c]) || startsWith(bytes, [0x3c, 0x00, 0x00, 0x00])) {
    return { refused: 'UTF-32' };
  }
  if (startsWith(bytes, [0x4c, 0x6f, 0xa7, 0x94])) return { refused: 'EBCDIC' };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'UTF-8', bom: true };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'UTF-16LE', bom: true };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'UTF-16BE', bom: true };
  // Without a mark, UTF-16 shows as a zero byte beside the "<" that must open the document.
  if (startsWith(bytes, [0x3c, 0x00])) return { encoding: 'UTF-16LE', bom: false };
  if (startsWith(bytes, [0x00, 0x3c])) return { encoding: 'UTF-16BE', bom: false };
  return { encoding: 'UTF-8', bom: false };
}

const DECLARATION = /^<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/u;

function family(name: string): 'UTF-8' | 'UTF-16' | null {
  const n = name.toUpperCase().replace(/[-_]/gu, '');
  if (n === 'UTF8') return 'UTF-8';
  if (n === 'UTF16' || n === 'UTF16LE' || n === 'UTF16BE') return 'UTF-16';
  return null;
}

function lineAndColumn(text: string): { line: number; column: number } {
  const lines = text.split(/\r\n|\r|\n/u);
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

/** Where decoding fails: the length of the longest prefix that decodes as a stream (a cut sequence is fine). */
function firstBadByte(body: Uint8Array, label: string): number {
  let good = 0;
  let bad = body.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    try {
      new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  return good;
}

/**
 * The text of an XML document from its bytes: the byte-order mark (or UTF-16's zero bytes) decides,
 * then the XML declaration's `encoding`. UTF-8 and UTF-16 are read; anything else is refused with what
 * to do, as is a byte sequence the encoding does not allow.
 */
export function decodeXml(bytes: Uint8Array, fileName: string, warnings: XliffWarning[]): DecodedText {
  const sniffed = sniff(bytes);
  if ('refused' in sniffed) {
    throw new XliffRefusal(xliffError('encoding', fileName, {}, `is encoded in ${sniffed.refused}, which Loupe does not read`, ADVICE));
  }
  const { encoding, bom } = sniffed;
  const body = bom ? bytes.subarray(encoding === 'UTF-8' ? 3 : 2) : bytes;
  const label = encoding.toLowerCase();
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // Stream decoding holds back the start of the broken sequence: what it gives ends where the damage starts.
    const before = new TextDecoder(label, { ignoreBOM: true }).decode(body.subarray(0, firstBadByte(body, label)), { stream: true });
    const byte = bytes.length - body.length + encodedLength(before, 0, before.length, encoding) + 1;
    throw new XliffRefusal(
      xliffError('encoding', fileName, lineAndColumn(before), `is not valid ${encoding} (byte ${byte} of the file cannot be read)`, `the file is damaged or in another encoding; ${ADVICE}`),
    );
  }
  const declared = DECLARATION.exec(text)?.[2] ?? null;
  if (declared !== null) {
    const named = family(declared);
    if (named === null) {
      throw new XliffRefusal(xliffError('encoding', fileName, { line: 1 }, `is encoded in ${declared} (its XML declaration says so), which Loupe does not read`, ADVICE));
    }
    // The bytes cannot lie about being UTF-16 or not; a declaration that disagrees is a slip of the writer.
    if (named !== (encoding === 'UTF-8' ? 'UTF-8' : 'UTF-16')) {
      warnings.push(xliffWarning(fileName, { line: 1 }, `its XML declaration says ${declared}, but its bytes are ${encoding}; it was read (and is written back) as ${encoding}`));
    }
  }
  return { text, encoding, bom, declared };
}

const BOM: Record<XliffEncoding, readonly number[]> = { 'UTF-8': [0xef, 0xbb, 0xbf], 'UTF-16LE': [0xff, 0xfe], 'UTF-16BE': [0xfe, 0xff] };

export function bomBytes(encoding: XliffEncoding): readonly number[] {
  return BOM[encoding];
}

export function encodeText(text: string, encoding: XliffEncoding): Uint8Array {
  if (encoding === 'UTF-8') return new TextEncoder().encode(text);
  const out = new Uint8Array(text.length * 2);
  const little = encoding === 'UTF-16LE';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    out[2 * i] = little ? unit & 0xff : unit >>> 8;
    out[2 * i + 1] = little ? unit >>> 8 : unit & 0xff;
  }
  return out;
}

const CHUNK = 1 << 16;
let scratch: Uint8Array | null = null;

/** How many bytes `text.slice(from, to)` takes in the encoding; text decoded from valid bytes has no lone surrogates. */
export function encodedLength(text: string, from: number, to: number, encoding: XliffEncoding): number {
  if (encoding !== 'UTF-8') return (to - from) * 2;
  // The encoder counts faster than a loop over the characters; in chunks, so the scratch space stays small.
  scratch ??= new Uint8Array(3 * CHUNK);
  const encoder = new TextEncoder();
  let n = 0;
  for (let i = from; i < to; ) {
    let end = Math.min(to, i + CHUNK);
    // Never between the two halves of a surrogate pair.
    const last = text.charCodeAt(end - 1);
    if (end < to && last >= 0xd800 && last <= 0xdbff) end -= 1;
    n += encoder.encodeInto(text.slice(i, end), scratch).written;
    i = end;
  }
  return n;
}
