import type { LengthLimit } from '../xliff';
import type { QaDraft } from './model';
import type { Prepared } from './segment';
import { CODE_MARK, spanOf } from './text';

/**
 * The file's length limit on the target (XLIFF 2 `slr:sizeRestriction` and `slr:storageRestriction`,
 * ITS `its:storageSize`, 1.2 `maxwidth` in characters). What counts is the target's text in Unicode
 * NFC, as the size-restriction profiles normalize it: code points, or bytes in the limit's encoding.
 * Inline codes count nothing — their size in the final file is the native code's, which the profiles
 * leave at 0 unless the file gives it (`slr:sizeInfo`, `slr:equivStorage`, not read) — and "⟨⟨" is one
 * character. Over the maximum is an error; under the minimum a warning, since a unit's limit holds for
 * all its segments together.
 */

type Cost = (codePoint: number) => number;

const utf8: Cost = (cp) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
const utf16: Cost = (cp) => (cp > 0xffff ? 4 : 2);
const one: Cost = () => 1;
const four: Cost = () => 4;
const SINGLE_BYTE = /^(?:us)?ascii$|^iso8859[0-9]+$|^latin[0-9]$|^(?:windows|cp)125[0-9]$|^koi8[ru]$|^macintosh$|^ibm[0-9]{3}$/u;

/** What a code point costs under the limit; null for an encoding Loupe cannot count. */
function costOf(limit: LengthLimit): Cost | null {
  if (limit.unit === 'codepoints') return one;
  const encoding = (limit.encoding ?? 'UTF-8').toLowerCase().replace(/[^a-z0-9]/gu, '');
  if (encoding === 'utf8') return utf8;
  if (/^(?:utf16(?:le|be)?|ucs2)$/u.test(encoding)) return utf16;
  if (/^(?:utf32(?:le|be)?|ucs4)$/u.test(encoding)) return four;
  return SINGLE_BYTE.test(encoding) ? one : null;
}

function measure(text: string, cost: Cost): number {
  let size = 0;
  for (const c of text) size += cost(c.codePointAt(0)!);
  return size;
}

export function checkLength(p: Prepared): QaDraft[] {
  const limit = p.lengthLimit;
  if (!limit) return [];
  const unit = limit.unit === 'codepoints' ? 'characters' : `bytes in ${limit.encoding ?? 'UTF-8'}`;
  const cost = costOf(limit);
  if (!cost) {
    return [
      {
        rule: 'length.encoding',
        key: limit.encoding ?? '',
        message: `The file limits the target to ${limit.max} ${unit} (${limit.from}), an encoding Loupe cannot count — check the length in the tool that made the file.`,
        target: [],
        source: [],
      },
    ];
  }
  const plain = p.target.plain;
  const size = measure(plain.replaceAll(CODE_MARK, '').normalize('NFC'), cost);
  if (size > limit.max) {
    // Mark what does not fit: from the first character past the limit to the end.
    let used = 0;
    let over = plain.length;
    for (let i = 0; i < plain.length; ) {
      const cp = plain.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      if (plain[i] !== CODE_MARK) used += cost(cp);
      if (used > limit.max) {
        over = i;
        break;
      }
      i += width;
    }
    return [
      {
        rule: 'length.max',
        key: 'max',
        message: `The target has ${size} ${unit}; the file allows at most ${limit.max} (${limit.from}) — shorten it by ${size - limit.max}.`,
        target: [spanOf(p.target, over, plain.length)],
        source: [],
      },
    ];
  }
  if (limit.min !== undefined && size < limit.min) {
    return [
      {
        rule: 'length.min',
        key: 'min',
        message: `The target has ${size} ${unit}; the file asks for at least ${limit.min} (${limit.from}) — lengthen it by ${limit.min - size}, if the text allows.`,
        target: [],
        source: [],
      },
    ];
  }
  return [];
}
