import { deflateSync } from 'fflate';
import { utf8, writeU16, writeU32 } from './bytes';
import { crc32 } from './crc32';
import { BatchFileWriteError } from './errors';

/**
 * A plain zip (no ZIP64, no data descriptors, no extra fields, no comments) with every timestamp
 * fixed at 1980-01-01 00:00, so the same parts always give the same bytes.
 */
export interface ZipPart {
  name: string;
  data: Uint8Array;
}

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_END = 0x06054b50;
export const LOCAL_HEADER = 30;
export const CENTRAL_HEADER = 46;
export const END_RECORD = 22;
/** ZIP64 end record and its locator: written only when there are 65,535 parts or more. */
export const SIG_END64 = 0x06064b50;
export const SIG_END64_LOCATOR = 0x07064b50;
export const END64_RECORD = 56;
export const END64_LOCATOR = 20;
/** Bit 11: the entry name is UTF-8. */
export const FLAG_UTF8 = 0x0800;
/** MS-DOS date 1980-01-01 (day 1, month 1, year 0) and time 00:00:00. */
export const DOS_DATE = (1 << 5) | 1;
export const DOS_TIME = 0;

export interface CompressRule {
  /** Keep deflate output only when size ÷ compressed stays within this ratio … */
  maxRatio: number;
  /** … for entries larger than this; smaller ones may compress as well as they like. */
  ratioFreeBytes: number;
}

interface Prepared {
  name: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
  body: Uint8Array;
}

/** Smaller parts are stored: deflate saves next to nothing on them and costs a fresh window each time. */
const DEFLATE_FROM = 128;

function prepare(part: ZipPart, rule: CompressRule): Prepared {
  const name = utf8(part.name);
  const crc = crc32(part.data);
  const deflated = part.data.length >= DEFLATE_FROM ? deflateSync(part.data, { level: 6 }) : part.data;
  const ratioOk = part.data.length <= rule.ratioFreeBytes || part.data.length <= deflated.length * rule.maxRatio;
  const useDeflate = part.data.length > 0 && deflated.length < part.data.length && ratioOk;
  return { name, method: useDeflate ? 8 : 0, crc, size: part.data.length, body: useDeflate ? deflated : part.data };
}

export function writeZip(parts: readonly ZipPart[], rule: CompressRule): Uint8Array {
  const prepared = parts.map((p) => prepare(p, rule));
  let localTotal = 0;
  let centralTotal = 0;
  for (const p of prepared) {
    localTotal += LOCAL_HEADER + p.name.length + p.body.length;
    centralTotal += CENTRAL_HEADER + p.name.length;
  }
  const zip64 = prepared.length >= 0xffff;
  const total = localTotal + centralTotal + (zip64 ? END64_RECORD + END64_LOCATOR : 0) + END_RECORD;
  if (total >= 0xffffffff) {
    throw new BatchFileWriteError(`a Loupe file holds at most 4 GiB; this one would need ${total} bytes`);
  }
  const out = new Uint8Array(total);
  const offsets: number[] = [];
  let at = 0;
  for (const p of prepared) {
    offsets.push(at);
    writeU32(out, at, SIG_LOCAL);
    writeU16(out, at + 4, 20);
    writeU16(out, at + 6, FLAG_UTF8);
    writeU16(out, at + 8, p.method);
    writeU16(out, at + 10, DOS_TIME);
    writeU16(out, at + 12, DOS_DATE);
    writeU32(out, at + 14, p.crc);
    writeU32(out, at + 18, p.body.length);
    writeU32(out, at + 22, p.size);
    writeU16(out, at + 26, p.name.length);
    writeU16(out, at + 28, 0);
    out.set(p.name, at + LOCAL_HEADER);
    out.set(p.body, at + LOCAL_HEADER + p.name.length);
    at += LOCAL_HEADER + p.name.length + p.body.length;
  }
  const centralStart = at;
  prepared.forEach((p, i) => {
    writeU32(out, at, SIG_CENTRAL);
    writeU16(out, at + 4, 20);
    writeU16(out, at + 6, 20);
    writeU16(out, at + 8, FLAG_UTF8);
    writeU16(out, at + 10, p.method);
    writeU16(out, at + 12, DOS_TIME);
    writeU16(out, at + 14, DOS_DATE);
    writeU32(out, at + 16, p.crc);
    writeU32(out, at + 20, p.body.length);
    writeU32(out, at + 24, p.size);
    writeU16(out, at + 28, p.name.length);
    // extra length, comment length, disk number, internal and external attributes: all 0
    writeU32(out, at + 42, offsets[i]!);
    out.set(p.name, at + CENTRAL_HEADER);
    at += CENTRAL_HEADER + p.name.length;
  });
  const centralSize = at - centralStart;
  if (zip64) {
    const end64 = at;
    writeU32(out, at, SIG_END64);
    writeU32(out, at + 4, END64_RECORD - 12);
    writeU16(out, at + 12, 45);
    writeU16(out, at + 14, 45);
    // disk numbers 0; counts, size and offset as 64-bit values (all below 2^32 here)
    writeU32(out, at + 24, prepared.length);
    writeU32(out, at + 32, prepared.length);
    writeU32(out, at + 40, centralSize);
    writeU32(out, at + 48, centralStart);
    at += END64_RECORD;
    writeU32(out, at, SIG_END64_LOCATOR);
    writeU32(out, at + 8, end64);
    writeU32(out, at + 16, 1);
    at += END64_LOCATOR;
  }
  writeU32(out, at, SIG_END);
  writeU16(out, at + 8, zip64 ? 0xffff : prepared.length);
  writeU16(out, at + 10, zip64 ? 0xffff : prepared.length);
  writeU32(out, at + 12, centralSize);
  writeU32(out, at + 16, centralStart);
  return out;
}
