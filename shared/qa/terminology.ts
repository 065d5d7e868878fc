import type { Glossary, GlossaryEntry } from './glossary';
import type { QaDraft, QaSpan } from './model';
import { masked } from './placeholders';
import { primary } from './language';
import type { Prepared } from './segment';
import { spanOf, type QaText } from './text';

/**
 * Terminology: where a glossary's source term is in the source — whole words, any case, the longest
 * term winning where terms overlap — the target must hold one of its preferred or admitted
 * translations (a warning: the word may be inflected); a forbidden translation in the target is an
 * error. Chinese, Japanese, Thai, Lao, Khmer and Myanmar have no spaces between words, so terms in
 * them are found anywhere; Arabic and Hebrew write prepositions, conjunctions and the article onto
 * the word, so a target term may have them in front ("بالملف" holds "ملف", "בקובץ" holds "קובץ").
 */

const NO_SPACE = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}';
/** A character that continues a word: a letter, mark or digit of a script written with spaces. */
const WORD = `(?:(?![${NO_SPACE}])[\\p{L}\\p{M}\\p{N}])`;
/** What a text is looked up by: words, and each character of the scripts without spaces. */
const TOKEN = new RegExp(`${WORD}+|[${NO_SPACE}]`, 'gu');

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** What a language writes onto the front of a word: Arabic و ف, ب ك ل and ال (ل + ال is لل); Hebrew ו ה ב כ ל מ ש. */
const PROCLITICS: Record<string, string> = {
  ar: '[\u0648\u0641]?(?:[\u0628\u0643]?\u0627\u0644|\u0644\u0644|[\u0628\u0643\u0644])?',
  he: '(?:[\u05D5\u05D4\u05D1\u05DB\u05DC\u05DE\u05E9]{1,3}[-\u05BE]?)?',
};

/** The term as whole words in any case; white space and codes between its words count as one space. */
function pattern(term: string, lang = ''): RegExp {
  const words = term.split(/\s+/u).filter(Boolean).map(escape).join('[\\s\\uFFFC]+');
  return new RegExp(`(?<!${WORD})${PROCLITICS[lang] ?? ''}${words}(?!${WORD})`, 'giu');
}

interface Term {
  /** The source term, lower case: entries that differ only in case are one term. */
  key: string;
  pattern: RegExp;
  allowed: GlossaryEntry[];
  forbidden: GlossaryEntry[];
}

interface Index {
  /** Terms by their first token, lower case, so a segment looks up only the terms its words start. */
  byToken: Map<string, Term[]>;
  /** Forbidden terms without a source term: forbidden in every target. */
  everywhere: GlossaryEntry[];
  /** Target terms' patterns, by target language and term. */
  patterns: Map<string, RegExp>;
}

const indexes = new WeakMap<Glossary, Index>();

function indexOf(glossary: Glossary): Index {
  let index = indexes.get(glossary);
  if (index) return index;
  const terms = new Map<string, Term>();
  const everywhere: GlossaryEntry[] = [];
  for (const entry of glossary.entries) {
    if (entry.source === '') {
      everywhere.push(entry);
      continue;
    }
    const key = entry.source.toLowerCase();
    let term = terms.get(key);
    if (!term) {
      term = { key, pattern: pattern(entry.source), allowed: [], forbidden: [] };
      terms.set(key, term);
    }
    (entry.status === 'forbidden' ? term.forbidden : term.allowed).push(entry);
  }
  for (const term of terms.values()) term.allowed.sort((a, b) => Number(a.status === 'admitted') - Number(b.status === 'admitted'));
  const byToken = new Map<string, Term[]>();
  for (const term of terms.values()) {
    const first = term.key.match(TOKEN)?.[0] ?? term.key;
    byToken.set(first, [...(byToken.get(first) ?? []), term]);
  }
  index = { byToken, everywhere, patterns: new Map() };
  indexes.set(glossary, index);
  return index;
}

function matches(re: RegExp, text: string): Array<{ start: number; end: number; text: string }> {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/** The translations as a reader needs them: with the glossary's notes, which say when each fits. */
function quoted(entries: readonly GlossaryEntry[]): string {
  return entries.map((e) => (e.note ? `"${e.target}" (${e.note})` : `"${e.target}"`)).join(' or ');
}

export function checkTerminology(p: Prepared): QaDraft[] {
  const glossary = p.glossary;
  if (!glossary) return [];
  const index = indexOf(glossary);
  const lang = primary(p.targetLang);
  const targetPattern = (term: string) => {
    let re = index.patterns.get(`${lang}\t${term}`);
    if (!re) index.patterns.set(`${lang}\t${term}`, (re = pattern(term, lang)));
    return re;
  };
  const source = masked(p.source);
  const target = masked(p.target);
  const spans = (text: QaText, list: ReadonlyArray<{ start: number; end: number }>): QaSpan[] => list.map((m) => spanOf(text, m.start, m.end));
  const cite = (entries: readonly GlossaryEntry[]) => {
    const lines = [...new Set(entries.map((e) => e.line))];
    return `${glossary.name} ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;
  };

  // The terms in the source, longest first; a shorter term inside a longer one's occurrence does not count.
  const candidates = new Set(source.toLowerCase().match(TOKEN)?.flatMap((t) => index.byToken.get(t) ?? []));
  const found = [...candidates]
    .flatMap((term) => matches(term.pattern, source).map((m) => ({ ...m, term })))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: typeof found = [];
  for (const f of found) if (!taken.some((t) => f.start < t.end && t.start < f.end)) taken.push(f);
  taken.sort((a, b) => a.start - b.start);

  const out: QaDraft[] = [];
  const allowedInTarget: Array<{ start: number; end: number }> = [];
  const forbiddenChecks: Array<{ entry: GlossaryEntry; term: Term | null }> = index.everywhere.map((entry) => ({ entry, term: null }));
  for (const term of new Set(taken.map((t) => t.term))) {
    const occurrences = taken.filter((t) => t.term === term);
    const present = term.allowed.flatMap((e) => matches(targetPattern(e.target), target));
    allowedInTarget.push(...present);
    forbiddenChecks.push(...term.forbidden.map((entry) => ({ entry, term })));
    if (term.allowed.length === 0 || present.length > 0) continue;
    out.push({
      rule: 'terminology.missing',
      key: term.key,
      message: `The source has "${occurrences[0]!.text}", which the glossary translates as ${quoted(term.allowed)} (${cite(term.allowed)}) — use ${term.allowed.length === 1 ? 'it' : 'one of them'} in the target, or confirm that the word needed another form here.`,
      target: [],
      source: spans(p.source, occurrences),
    });
  }
  for (const { entry, term } of forbiddenChecks) {
    // A forbidden word inside an allowed translation ("Manager" in "Datei-Manager") is that translation.
    const hits = matches(targetPattern(entry.target), target).filter((m) => !allowedInTarget.some((a) => a.start <= m.start && m.end <= a.end));
    if (hits.length === 0) continue;
    const instead = term && term.allowed.length > 0 ? `use ${quoted(term.allowed)} instead` : `use another word${entry.note ? ` (${entry.note})` : ''}`;
    out.push({
      rule: 'terminology.forbidden',
      key: `${term?.key ?? ''}|${entry.target.toLowerCase()}`,
      message: `The target has "${hits[0]!.text}", which the glossary forbids${term ? ` as a translation of "${entry.source}"` : ''} (${cite([entry])}) — ${instead}.`,
      target: spans(p.target, hits),
      source: [],
    });
  }
  return out;
}
