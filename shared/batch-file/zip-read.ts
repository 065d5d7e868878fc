import { Inflate } from 'fflate';
import { byteSize, count, decodeUtf8, equalBytes, readU16, readU32 } from './bytes';
import { CRC32_START, crc32Final, crc32Update } from './crc32';
import { ADVICE, fileError, refuse, type Speaker } from './errors';
import type { Limits } from './limits';
import { pathKey, pathProblem } from './paths';
import {
  CENTRAL_HEADER,
  END64_LOCATOR,
  END_RECORD,
  LOCAL_HEADER,
  SIG_CENTRAL,
  SIG_END64,
  SIG_END64_LOCATOR,
  SIG_LOCAL,
} from './zip-write';

/**
 * Reading a zip without trusting it (docs/batch-format.md, "Reading"). Everything here is decided from
 * the central directory and the local headers before a byte is inflated; inflating then stops at the
 * size an entry declared. Problems stop the read through `refuse` (a typed error, caught by the reader).
 */
export interface ZipEntry {
  name: string;
  method: 0 | 8;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
  dataStart: number;
}

const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const MAX_COMMENT = 0xffff;

/** The end record: `exact` when its comment runs to the end of the file, else the nearest record-like bytes. */
function findEnd(bytes: Uint8Array): { exact: number; loose: number } {
  const last = bytes.length - END_RECORD;
  const first = Math.max(0, last - MAX_COMMENT);
  let loose = -1;
  for (let at = last; at >= first; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) {
      if (at + END_RECORD + readU16(bytes, at + 20) === bytes.length) return { exact: at, loose: at };
      if (loose < 0) loose = at;
    }
  }
  return { exact: -1, loose };
}

/** A 64-bit little-endian count or offset that must fit in 32 bits; null when it does not. */
function readU64Small(b: Uint8Array, at: number): number | null {
  return readU32(b, at + 4) === 0 ? readU32(b, at) : null;
}

interface Directory {
  entries: number;
  centralSize: number;
  centralOffset: number;
  /** Where the central directory must end: the ZIP64 record or the end record. */
  centralEnd: number;
}

function readDirectoryRecord(bytes: Uint8Array, s: Speaker, limits: Limits): Directory {
  const { exact: end, loose } = findEnd(bytes);
  if (end < 0 && loose >= 0) {
    const extra = bytes.length - (loose + END_RECORD + readU16(bytes, loose + 20));
    const what = extra > 0 ? `has ${byteSize(extra)} after the end of its zip directory` : 'ends inside the comment of its zip directory, so the copy was cut short';
    return refuse(fileError(s, extra > 0 ? 'damaged' : 'truncated', what, ADVICE.damaged(s)));
  }
  if (end < 0) {
    const startsLikeZip = bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b;
    if (startsLikeZip || bytes.length < 4) {
      return refuse(fileError(s, 'truncated', `is cut short: it ends after ${byteSize(bytes.length)}, before the zip directory that closes every complete file`, ADVICE.damaged(s)));
    }
    return refuse(fileError(s, 'not-a-zip', 'is not a Loupe file (it is not a zip container)', ADVICE.notLoupe()));
  }
  const disk = readU16(bytes, end + 4);
  const centralDisk = readU16(bytes, end + 6);
  let onDisk = readU16(bytes, end + 8);
  let entries = readU16(bytes, end + 10);
  let centralSize = readU32(bytes, end + 12);
  let centralOffset = readU32(bytes, end + 16);
  let centralEnd = end;
  const zip64 = onDisk === 0xffff || entries === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff;
  if (zip64) {
    const locator = end - END64_LOCATOR;
    if (locator < 0 || readU32(bytes, locator) !== SIG_END64_LOCATOR) {
      return refuse(fileError(s, 'damaged', 'has a zip end record that points to a ZIP64 record which is not there', ADVICE.damaged(s)));
    }
    const record = readU64Small(bytes, locator + 8);
    if (readU32(bytes, locator + 4) !== 0 || readU32(bytes, locator + 16) !== 1) {
      return refuse(fileError(s, 'unsupported', 'is a zip split over several disks', ADVICE.notLoupe()));
    }
    if (record === null || record + 56 > locator || readU32(bytes, record) !== SIG_END64) {
      return refuse(fileError(s, 'damaged', 'has a ZIP64 locator that points to no ZIP64 record', ADVICE.damaged(s)));
    }
    const recordSize = readU64Small(bytes, record + 4);
    if (recordSize === null || record + 12 + recordSize !== locator || recordSize < 44) {
      return refuse(fileError(s, 'damaged', 'has a ZIP64 record of the wrong size', ADVICE.damaged(s)));
    }
    if (readU32(bytes, record + 16) !== 0 || readU32(bytes, record + 20) !== 0) {
      return refuse(fileError(s, 'unsupported', 'is a zip split over several disks', ADVICE.notLoupe()));
    }
    const onDisk64 = readU64Small(bytes, record + 24);
    const entries64 = readU64Small(bytes, record + 32);
    if (onDisk64 === null || entries64 === null) {
      return refuse(fileError(s, 'limits', `claims more than 4 billion entries, more than the ${count(limits.maxEntries)} Loupe accepts`, ADVICE.hostile(s)));
    }
    const size64 = readU64Small(bytes, record + 40);
    const offset64 = readU64Small(bytes, record + 48);
    if (size64 === null || offset64 === null) {
      return refuse(fileError(s, 'damaged', 'has a ZIP64 record whose directory lies beyond the end of the file', ADVICE.damaged(s)));
    }
    onDisk = onDisk64;
    entries = entries64;
    centralSize = size64;
    centralOffset = offset64;
    centralEnd = record;
  } else if (disk !== 0 || centralDisk !== 0) {
    return refuse(fileError(s, 'unsupported', 'is a zip split over several disks', ADVICE.notLoupe()));
  }
  if (onDisk !== entries) return refuse(fileError(s, 'unsupported', 'is a zip split over several disks', ADVICE.notLoupe()));
  if (entries > limits.maxEntries) {
    return refuse(fileError(s, 'limits', `claims ${count(entries)} entries, more than the ${count(limits.maxEntries)} Loupe accepts`, ADVICE.hostile(s)));
  }
  if (centralOffset + centralSize !== centralEnd) {
    const what = centralOffset + centralSize > centralEnd ? 'has a zip directory that runs past its end record' : 'has unexplained bytes between its zip directory and its end record';
    return refuse(fileError(s, 'damaged', what, ADVICE.damaged(s)));
  }
  if (entries * CENTRAL_HEADER > centralSize) {
    return refuse(fileError(s, 'damaged', `claims ${count(entries)} entries but its zip directory is too small to hold them`, ADVICE.damaged(s)));
  }
  return { entries, centralSize, centralOffset, centralEnd };
}

interface Central extends ZipEntry {
  nameBytes: Uint8Array;
}

/** The entries of a zip, checked (docs/batch-format.md, "Reading", steps 1–4); refuses with a typed error. */
export function readZipDirectory(bytes: Uint8Array, s: Speaker, limits: Limits): ZipEntry[] {
  if (bytes.length === 0) return refuse(fileError(s, 'truncated', 'is empty (0 bytes)', ADVICE.damaged(s)));
  if (bytes.length > limits.maxFileBytes) {
    return refuse(fileError(s, 'limits', `is ${byteSize(bytes.length)}, larger than the ${byteSize(limits.maxFileBytes)} Loupe accepts`, ADVICE.hostile(s)));
  }
  const dir = readDirectoryRecord(bytes, s, limits);
  const entries: Central[] = [];
  const seen = new Map<string, string>();
  let declaredTotal = 0;
  let at = dir.centralOffset;
  for (let i = 0; i < dir.entries; i++) {
    if (at + CENTRAL_HEADER > dir.centralEnd || readU32(bytes, at) !== SIG_CENTRAL) {
      return refuse(fileError(s, 'damaged', `has a broken zip directory (entry ${i + 1} of ${count(dir.entries)} is not where it should be)`, ADVICE.damaged(s)));
    }
    const flags = readU16(bytes, at + 8);
    const method = readU16(bytes, at + 10);
    const crc = readU32(bytes, at + 16);
    const compressedSize = readU32(bytes, at + 20);
    const size = readU32(bytes, at + 24);
    const nameLength = readU16(bytes, at + 28);
    const extraLength = readU16(bytes, at + 30);
    const commentLength = readU16(bytes, at + 32);
    const headerOffset = readU32(bytes, at + 42);
    const next = at + CENTRAL_HEADER + nameLength + extraLength + commentLength;
    if (next > dir.centralEnd) {
      return refuse(fileError(s, 'damaged', `has a broken zip directory (entry ${i + 1} runs past its end)`, ADVICE.damaged(s)));
    }
    if (nameLength > limits.maxNameBytes) {
      return refuse(fileError(s, 'path', `has an entry name of ${count(nameLength)} bytes, longer than the ${count(limits.maxNameBytes)} Loupe accepts`, ADVICE.hostile(s)));
    }
    const nameBytes = bytes.subarray(at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength);
    const name = decodeUtf8(nameBytes);
    if (name === null) return refuse(fileError(s, 'path', 'has an entry name that is not UTF-8 text', ADVICE.hostile(s)));
    const problem = pathProblem(name);
    if (problem) return refuse(fileError(s, 'path', problem, ADVICE.hostile(s), { part: name }));
    const key = pathKey(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const what = earlier === name ? `has two entries named ${JSON.stringify(name)}` : `has entries named ${JSON.stringify(earlier)} and ${JSON.stringify(name)}, which are one file on many disks`;
      return refuse(fileError(s, 'path', what, ADVICE.hostile(s), { part: name }));
    }
    seen.set(key, name);
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
      return refuse(fileError(s, 'unsupported', `has ${name} encrypted with zip encryption, which Loupe never uses`, ADVICE.notLoupe(), { part: name }));
    }
    if (method !== 0 && method !== 8) {
      return refuse(fileError(s, 'unsupported', `has ${name} compressed with method ${method}; Loupe reads stored and deflated entries only`, ADVICE.notLoupe(), { part: name }));
    }
    if (compressedSize === 0xffffffff || size === 0xffffffff || headerOffset === 0xffffffff) {
      return refuse(fileError(s, 'unsupported', `has ${name} as a ZIP64 entry, which Loupe never writes`, ADVICE.notLoupe(), { part: name }));
    }
    if (method === 0 && compressedSize !== size) {
      return refuse(fileError(s, 'damaged', `has ${name} stored with two different sizes (${count(compressedSize)} and ${count(size)} bytes)`, ADVICE.damaged(s), { part: name }));
    }
    declaredTotal += size;
    if (declaredTotal > limits.maxTotalBytes) {
      return refuse(fileError(s, 'limits', `unpacks to more than the ${byteSize(limits.maxTotalBytes)} Loupe accepts (at ${name})`, ADVICE.hostile(s), { part: name }));
    }
    if (size > limits.ratioFreeBytes && size > compressedSize * limits.maxRatio) {
      const ratio = compressedSize === 0 ? 'from nothing' : `${Math.round(size / compressedSize)} times`;
      return refuse(fileError(s, 'limits', `has ${name}, which claims to grow ${ratio} on unpacking (${byteSize(size)}), more than the ${limits.maxRatio} times Loupe accepts (the mark of a zip bomb)`, ADVICE.hostile(s), { part: name }));
    }
    entries.push({ name, nameBytes, method, flags, crc, compressedSize, size, headerOffset, dataStart: 0 });
    at = next;
  }
  if (at !== dir.centralEnd) {
    return refuse(fileError(s, 'damaged', 'has a zip directory with more bytes than its entries use', ADVICE.damaged(s)));
  }

  for (const e of entries) {
    const h = e.headerOffset;
    if (h + LOCAL_HEADER > dir.centralOffset || readU32(bytes, h) !== SIG_LOCAL) {
      return refuse(fileError(s, 'damaged', `has ${e.name} pointing to a header that is not there`, ADVICE.damaged(s), { part: e.name }));
    }
    const nameLength = readU16(bytes, h + 26);
    const extraLength = readU16(bytes, h + 28);
    const dataStart = h + LOCAL_HEADER + nameLength + extraLength;
    if (dataStart + e.compressedSize > dir.centralOffset) {
      return refuse(fileError(s, 'damaged', `has ${e.name} running into the zip directory`, ADVICE.damaged(s), { part: e.name }));
    }
    if (!equalBytes(bytes.subarray(h + LOCAL_HEADER, h + LOCAL_HEADER + nameLength), e.nameBytes)) {
      return refuse(fileError(s, 'damaged', `has an entry whose two headers give different names (${JSON.stringify(e.name)})`, ADVICE.changed(s), { part: e.name }));
    }
    if (readU16(bytes, h + 8) !== e.method) {
      return refuse(fileError(s, 'damaged', `has ${e.name} with two different compression methods in its headers`, ADVICE.changed(s), { part: e.name }));
    }
    if (!(e.flags & FLAG_DESCRIPTOR) && (readU32(bytes, h + 14) !== e.crc || readU32(bytes, h + 18) !== e.compressedSize || readU32(bytes, h + 22) !== e.size)) {
      return refuse(fileError(s, 'damaged', `has ${e.name} with headers that disagree on its size or checksum`, ADVICE.changed(s), { part: e.name }));
    }
    e.dataStart = dataStart;
  }
  const byOffset = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    const cur = byOffset[i]!;
    if (prev.dataStart + prev.compressedSize > cur.headerOffset) {
      return refuse(fileError(s, 'damaged', `has entries ${prev.name} and ${cur.name} sharing bytes, a trick of zip bombs`, ADVICE.hostile(s), { part: cur.name }));
    }
  }
  return entries.map(({ nameBytes: _n, ...e }) => e);
}

/**
 * Compressed bytes fed to the inflater at once. Deflate grows data at most 1,032 times, so one step
 * gives at most about 66 MiB more than the entry may hold before the excess is seen — while large
 * entries still go in large steps (each step has a fixed cost in fflate).
 */
function feedSize(remaining: number): number {
  return Math.min(1024 * 1024, Math.max(64 * 1024, Math.floor(remaining / 1032)));
}

/**
 * The entry's bytes, inflated into a buffer of exactly its declared size: more output than declared
 * stops at once (a lying header), less is damage, and the CRC-32 must match. Always a fresh copy, so
 * keeping a part does not keep the whole file alive.
 */
export function readEntry(bytes: Uint8Array, e: ZipEntry, s: Speaker): Uint8Array {
  const input = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    out = input.slice();
  } else {
    out = new Uint8Array(e.size);
    let written = 0;
    let overflow = false;
    let ended = false;
    const inflater = new Inflate((chunk, final) => {
      if (overflow) return;
      if (written + chunk.length > e.size) {
        overflow = true;
        return;
      }
      out.set(chunk, written);
      written += chunk.length;
      if (final) ended = true;
    });
    try {
      let at = 0;
      while (at < input.length && !overflow && !ended) {
        const step = feedSize(e.size - written);
        const end = Math.min(input.length, at + step);
        inflater.push(input.subarray(at, end), end === input.length);
        at = end;
      }
      if (input.length === 0) inflater.push(input, true);
    } catch (err) {
      if (!overflow) {
        const why = err instanceof Error ? err.message : String(err);
        return refuse(fileError(s, 'damaged', `has ${e.name} with compressed data that does not unpack (${why})`, ADVICE.damaged(s), { part: e.name }));
      }
    }
    if (overflow) {
      return refuse(fileError(s, 'limits', `has ${e.name}, which unpacks to more than the ${byteSize(e.size)} its header declares (the mark of a zip bomb)`, ADVICE.hostile(s), { part: e.name }));
    }
    if (!ended || written !== e.size) {
      return refuse(fileError(s, 'damaged', `has ${e.name}, which unpacks to ${byteSize(written)} instead of the ${byteSize(e.size)} its header declares`, ADVICE.damaged(s), { part: e.name }));
    }
  }
  if (crc32Final(crc32Update(CRC32_START, out)) !== e.crc) {
    return refuse(fileError(s, 'checksum', `has ${e.name} damaged (it does not match its zip checksum)`, ADVICE.damaged(s), { part: e.name }));
  }
  return out;
}
