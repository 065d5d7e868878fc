import { formatNumber, languageName, numberSeparators } from './language';
import type { QaDraft } from './model';
import { masked } from './placeholders';
import type { Prepared } from './segment';
import { spanOf, type QaText } from './text';

/**
 * Numbers: every number of the source must be in the target with the same value, however the target
 * language writes it (docs/qa.md, "Numbers", states the rule):
 *
 * - a number is a run of decimal digits of any script (0–9, ٠–٩, ۰–۹, ०–९, full-width ０–９…), with
 *   single separators between digit groups: `,` `.` `'` `’`, spaces, Arabic `٬` and `٫`;
 * - `٫` is always a decimal separator, `٬`, `'`, `’` and no-break and thin spaces always group
 *   thousands, and so does an ordinary space in a language that groups with spaces (French, Russian…);
 *   the last `,` or `.` is the decimal separator or groups thousands, whichever the digit groups allow
 *   (groups of three, or India's 1,00,000); where the language is known, its decimal separator decides
 *   ("1,000" is one thousand in English and one in German); where it is not, both readings count;
 * - a run the separators cannot make one number ("1.2.3", "10:30", a date) is several numbers;
 * - values are compared: leading zeros and trailing decimal zeros do not count, nor do signs, and
 *   numbers written in words or with Han numerals are not recognised.
 */

interface FoundNumber {
  text: string;
  start: number;
  end: number;
  /** Its possible values, as plain decimals ("1000.5"). */
  values: string[];
  /** For a part of a run that is no one number ("1.2.3"), the whole run. */
  run?: { text: string; start: number; end: number };
}

const NUMBER = /\p{Nd}+(?:[.,'\u2019 \u00A0\u202F\u2009\u066B\u066C]\p{Nd}+)*/gu;
const ALWAYS_GROUP = new Set(["'", '\u2019', '\u00A0', '\u202F', '\u2009', '\u066C']);
const SPACES = new Set([' ', '\u00A0', '\u202F', '\u2009']);

const zeros = new Map<number, number>();

/** The digit's value: decimal digits come in runs of ten, 0 to 9, in every script. */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let zero = zeros.get(cp);
  if (zero === undefined) {
    zero = cp;
    while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
    zeros.set(cp, zero);
  }
  return (cp - zero) % 10;
}

function ascii(digits: string): string {
  return [...digits].map((d) => String(digitValue(d))).join('');
}

function value(integer: string, fraction: string): string {
  const int = integer.replace(/^0+(?=.)/u, '');
  const frac = fraction.replace(/0+$/u, '');
  return frac ? `${int}.${frac}` : int;
}

/** Whether these groups (all before the decimal separator) are grouped thousands: 1,000,000 or 1,00,000. */
function grouped(groups: readonly string[]): boolean {
  const [first = '', ...rest] = groups;
  const last = rest.pop();
  if (last === undefined) return true;
  if (first.length > 3 || last.length !== 3) return false;
  return rest.every((g) => g.length === 3) || rest.every((g) => g.length === 2);
}

/** The values a run of digit groups and separators can have; empty when it is no one number. */
function readings(groups: readonly string[], seps: readonly string[], lang: { decimal: string; group: string } | null): string[] {
  const values = new Set<string>();
  const decimal = lang?.decimal ?? null;
  const other = decimal === ',' ? '.' : decimal === '.' ? ',' : null;
  // An ordinary space between digits groups them only where the language groups with a space.
  if (seps.includes(' ') && !(lang && SPACES.has(lang.group))) return [];
  const last = seps.length - 1;
  for (const point of [-1, last]) {
    const mark = seps[point];
    if (point !== -1 && (mark === undefined || ALWAYS_GROUP.has(mark) || mark === ' ' || mark === other)) continue;
    // No-break and ordinary spaces are one separator: typists use either.
    const grouping = new Set(seps.filter((_, i) => i !== point).map((c) => (SPACES.has(c) ? ' ' : c)));
    const [group] = grouping;
    if (grouping.size > 1 || group === '\u066B' || (group !== undefined && (group === mark || group === decimal))) continue;
    const integer = point === -1 ? groups : groups.slice(0, -1);
    if (!grouped(integer)) continue;
    values.add(value(integer.join(''), point === -1 ? '' : (groups[groups.length - 1] ?? '')));
  }
  return [...values];
}

function findNumbers(text: QaText, lang: string | null): FoundNumber[] {
  const separators = numberSeparators(lang);
  const out: FoundNumber[] = [];
  for (const m of masked(text).matchAll(NUMBER)) {
    const parts = m[0].split(/([^\p{Nd}])/u);
    const groups = parts.filter((_, i) => i % 2 === 0).map(ascii);
    const seps = parts.filter((_, i) => i % 2 === 1);
    const values = readings(groups, seps, separators);
    if (values.length > 0) {
      out.push({ text: m[0], start: m.index, end: m.index + m[0].length, values });
      continue;
    }
    const run = { text: m[0], start: m.index, end: m.index + m[0].length };
    let at = m.index;
    parts.forEach((part, i) => {
      if (i % 2 === 0) out.push({ text: part, start: at, end: at + part.length, values: [value(ascii(part), '')], run });
      at += part.length;
    });
  }
  return out;
}

export function checkNumbers(p: Prepared): QaDraft[] {
  const source = findNumbers(p.source, p.sourceLang);
  const target = findNumbers(p.target, p.targetLang);
  const partner = new Map<FoundNumber, FoundNumber>();
  const free = new Set(target);
  const pair = (same: (s: FoundNumber, t: FoundNumber) => boolean) => {
    for (const s of source) {
      if (partner.has(s)) continue;
      const t = [...free].find((t) => same(s, t));
      if (t) {
        partner.set(s, t);
        free.delete(t);
      }
    }
  };
  // Written alike first, so that an ambiguous "1,000" takes its twin before a value-equal neighbour.
  pair((s, t) => s.text === t.text && s.values.some((v) => t.values.includes(v)));
  pair((s, t) => s.values.some((v) => t.values.includes(v)));

  // A run none of whose parts matched is reported whole: "1,000.5" in a German target, not 1, 0 and 5.
  const unmatched: Array<{ text: string; start: number; end: number; key: string }> = [];
  for (const t of free) {
    const whole = t.run && target.every((u) => u.run !== t.run || free.has(u));
    if (whole && unmatched.at(-1)?.start === t.run!.start) continue;
    unmatched.push(whole ? { ...t.run!, key: t.run!.text } : { text: t.text, start: t.start, end: t.end, key: t.values[0]! });
  }
  const out: QaDraft[] = [];
  for (const s of source.filter((s) => !partner.has(s))) {
    const instead = unmatched.shift();
    const written = p.targetLang ? formatNumber(s.values[0]!, p.targetLang) : null;
    const language = p.targetLang ? languageName(p.targetLang) : 'the target language';
    const message =
      instead?.text === s.text
        ? `The target writes the source's number ${s.text} as it is, but ${language} does not read it as ${s.values[0]}${written ? ` — write ${written}` : ''}.`
        : `The number ${s.text} of the source is not in the target${instead ? `, which has ${instead.text} instead` : ''} — correct it${written && written !== s.text ? `; ${language} writes it ${written}` : ''}.`;
    out.push({
      rule: 'numbers.missing',
      key: s.values[0]!,
      message,
      target: instead ? [spanOf(p.target, instead.start, instead.end)] : [],
      source: [spanOf(p.source, s.start, s.end)],
    });
  }
  for (const t of unmatched) {
    out.push({
      rule: 'numbers.extra',
      key: t.key,
      message: `The target has the number ${t.text}, which is not in the source — check it against the source.`,
      target: [spanOf(p.target, t.start, t.end)],
      source: [],
    });
  }
  return out;
}
