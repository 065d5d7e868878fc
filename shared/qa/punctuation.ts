import { primary } from './language';
import type { QaDraft, QaSpan } from './model';
import type { Prepared } from './segment';
import { spanOf, type QaText } from './text';

/**
 * End punctuation: the target ends as the source does — with a full stop, question mark, exclamation
 * mark, colon, semicolon, comma or ellipsis, or none — each in any script's form (`.` = `。` = `।`,
 * `?` = `？` = `؟`, Greek `;` is a question mark). White space, codes, closing quotes and brackets at
 * the end are looked through, so `"Stop!"` ends with `!` like `« Stop ! »`. Thai and Lao write no full
 * stop. A Spanish target that ends with `?` or `!` also needs its opening `¿` or `¡`.
 */

const MARKS: Record<string, string> = {
  '.': '.', '\u3002': '.', '\uFF0E': '.', '\uFF61': '.', '\u0964': '.', '\u0965': '.', '\u06D4': '.', '\u0589': '.', '\u1362': '.', '\u104B': '.', '\u17D4': '.', '\u0F0D': '.',
  '?': '?', '\uFF1F': '?', '\u061F': '?', '\u1367': '?', '\u037E': '?',
  '!': '!', '\uFF01': '!',
  ':': ':', '\uFF1A': ':',
  ';': ';', '\uFF1B': ';', '\u061B': ';',
  ',': ',', '\uFF0C': ',', '\u3001': ',', '\u060C': ',',
  '\u2026': '\u2026', '\u22EF': '\u2026',
};

const NAMES: Record<string, string> = {
  '.': 'a full stop',
  '?': 'a question mark',
  '!': 'an exclamation mark',
  ':': 'a colon',
  ';': 'a semicolon',
  ',': 'a comma',
  '\u2026': 'an ellipsis',
};

/** How a language writes each mark, where it is not the Latin one. */
const LOCAL: Record<string, Record<string, string>> = {
  '.': { zh: '\u3002', ja: '\u3002', hi: '\u0964', mr: '\u0964', ne: '\u0964', bn: '\u0964', ur: '\u06D4', am: '\u1362', hy: '\u0589', my: '\u104B', km: '\u17D4', bo: '\u0F0D' },
  '?': { zh: '\uFF1F', ja: '\uFF1F', ar: '\u061F', fa: '\u061F', ur: '\u061F', ps: '\u061F', ckb: '\u061F', el: ';', am: '\u1367' },
  '!': { zh: '\uFF01', ja: '\uFF01' },
  ':': { zh: '\uFF1A', ja: '\uFF1A' },
  ';': { zh: '\uFF1B', ja: '\uFF1B', ar: '\u061B', fa: '\u061B', ur: '\u061B' },
  ',': { zh: '\uFF0C', ja: '\u3001', ar: '\u060C', fa: '\u060C', ur: '\u060C' },
  '\u2026': { zh: '\u2026\u2026' },
};

/** Languages that end sentences without a full stop. */
const NO_FULL_STOP = new Set(['th', 'lo']);
const INVERTED: Record<string, string> = { '?': '\u00BF', '!': '\u00A1' };
const INVERTED_LANGUAGES = new Set(['es', 'ast']);

interface End {
  /** The marks as written, and as classes ("..." and "…" are both "…"). */
  text: string;
  marks: string;
  span: QaSpan | null;
}

function end(text: QaText, lang: string): End {
  const s = text.plain;
  let i = s.length;
  while (i > 0 && /[\s\uFFFC\p{Pe}\p{Pf}\p{Pi}"']/u.test(s[i - 1]!)) i -= 1;
  let from = i;
  // In Greek ";" is the question mark.
  const mark = (c: string) => (c === ';' && lang === 'el' ? '?' : MARKS[c]);
  while (from > 0 && mark(s[from - 1]!) !== undefined) from -= 1;
  const written = s.slice(from, i);
  const marks = [...written]
    .map((c) => mark(c)!)
    .join('')
    .replace(/\.{3,}/gu, '\u2026')
    .replace(/\u2026+/gu, '\u2026');
  return { text: written, marks, span: written ? spanOf(text, from, i) : null };
}

function local(marks: string, lang: string): string {
  return [...marks].map((m) => LOCAL[m]?.[lang] ?? m).join('');
}

function named(marks: string, written: string): string {
  return `${NAMES[marks] ?? 'punctuation'} ("${written}")`;
}

export function checkPunctuation(p: Prepared): QaDraft[] {
  const sourceLang = primary(p.sourceLang);
  const targetLang = primary(p.targetLang);
  const source = end(p.source, sourceLang);
  const target = end(p.target, targetLang);
  const out: QaDraft[] = [];
  const noFullStop = (a: End, b: End) => a.marks === '.' && b.marks === '' && (NO_FULL_STOP.has(sourceLang) || NO_FULL_STOP.has(targetLang));
  if (source.marks !== target.marks && !noFullStop(source, target) && !noFullStop(target, source)) {
    const wanted = local(source.marks, targetLang);
    const message =
      source.marks === ''
        ? `The target ends with ${named(target.marks, target.text)}, the source with no punctuation — remove it, unless the target language needs it there.`
        : target.marks === ''
          ? `The source ends with ${named(source.marks, source.text)}, the target with no punctuation — end it with "${wanted}".`
          : `The source ends with ${named(source.marks, source.text)}, the target with ${named(target.marks, target.text)} — end it with "${wanted}".`;
    out.push({ rule: 'punctuation.end', key: `${source.marks}|${target.marks}`, message, target: target.span ? [target.span] : [], source: source.span ? [source.span] : [] });
  }
  if (INVERTED_LANGUAGES.has(targetLang)) {
    for (const [mark, opening] of Object.entries(INVERTED)) {
      if (!target.marks.includes(mark) || p.target.plain.includes(opening)) continue;
      out.push({
        rule: 'punctuation.inverted',
        key: opening,
        message: `The target ends with "${mark}" but has no "${opening}" — Spanish opens ${mark === '?' ? 'a question' : 'an exclamation'} with "${opening}": add it where it begins.`,
        target: target.span ? [target.span] : [],
        source: [],
      });
    }
  }
  return out;
}
