import { languageName, pluralCategories, type PluralCategory } from './language';
import type { QaDraft } from './model';
import type { Prepared } from './segment';
import { CODE_MARK, spanOf, type QaText } from './text';

/**
 * Placeholders a program fills in: printf (`%s`, `%1$d`, `%.2f`, `%@`, `%%`) and Qt's `%1`; ICU and
 * MessageFormat arguments (`{0}`, `{name}`, `{count, number}`, `{count, plural, one {…} other {…}}`,
 * nested); and `{{name}}`. Every one in the source must be in the target and the target may have no
 * other (errors: a program fails or shows the raw text). printf placeholders are counted (each takes an
 * argument) and must take the same arguments: `%s %d` may become `%2$d %1$s`, not `%d %s`. ICU plural
 * and select messages are compared by their arguments, not their branches — a target language has its
 * own plural forms — and the target's plural forms are checked against its language (a warning).
 */

interface Placeholder {
  /** What must match: printf by its conversion without position (`%1$s` is `%s`), ICU arguments by name and type. */
  key: string;
  /** printf: the argument it takes (`%s %d` take 1 and 2, `%2$d` and Qt's `%2` take 2), null for `%%`. */
  printf?: { argument: number | null; numbered: boolean };
  /** As written; an ICU plural or select shortened to `{count, plural, …}`. */
  text: string;
  start: number;
  end: number;
  /** ICU plural (`cardinal`) and selectordinal (`ordinal`) arguments: their branch selectors. */
  plural?: { type: Intl.PluralRuleType; selectors: string[] };
}

interface Placeholders {
  found: Placeholder[];
  /** Ranges of `plain` that are placeholder syntax; the text of ICU branches is not syntax. */
  syntax: Array<[number, number]>;
  /** Whether `{` and `}` pair up. */
  balanced: boolean;
}

// No space flag: "50% discount" is prose, not `% d`.
const PRINTF = /%(?:%|(?:([1-9][0-9]*)\$)?([-+0#']*(?:[0-9]+|\*)?(?:\.(?:[0-9]+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn@])|([1-9][0-9]*))/gu;
const NAME = /[\p{L}\p{N}_.$-]+/uy;
const TYPE = /[A-Za-z]+/y;
const SELECTOR = /=?[\p{L}\p{N}_-]+/uy;
const DOUBLE_BRACE = /\{\{([^{}]*)\}\}/y;

function sticky(re: RegExp, s: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(s)?.[0] ?? null;
}

/** A lenient ICU MessageFormat reader: a `{` that does not start an argument is plain text. */
class BraceReader {
  readonly found: Placeholder[] = [];
  readonly syntax: Array<[number, number]> = [];
  constructor(private readonly s: string) {}

  private space(i: number): number {
    while (i < this.s.length && /\s/u.test(this.s[i]!)) i += 1;
    return i;
  }

  /** Reads a message from `i`; nested, it ends at its closing `}` (returned), or -1 when there is none. */
  message(i: number, nested: boolean): number {
    while (i < this.s.length) {
      const c = this.s[i];
      if (c === '}' && nested) return i;
      if (c === '{') {
        const found = this.found.length;
        const syntax = this.syntax.length;
        const end = this.argument(i);
        if (end !== null) {
          i = end;
          continue;
        }
        this.found.length = found;
        this.syntax.length = syntax;
      }
      i += 1;
    }
    return nested ? -1 : i;
  }

  /** Reads the argument starting at the `{` at `start`; the index after it, or null when it is none. */
  private argument(start: number): number | null {
    const s = this.s;
    DOUBLE_BRACE.lastIndex = start;
    const double = DOUBLE_BRACE.exec(s);
    if (double) {
      const end = start + double[0].length;
      this.add({ key: `{{${(double[1] ?? '').trim().replace(/\s+/gu, ' ')}}}`, text: double[0], start, end });
      return end;
    }
    let i = this.space(start + 1);
    const name = sticky(NAME, s, i);
    if (name === null) return null;
    i = this.space(i + name.length);
    if (s[i] === '}') return this.add({ key: `{${name}}`, text: s.slice(start, i + 1), start, end: i + 1 });
    if (s[i] !== ',') return null;
    i = this.space(i + 1);
    const type = sticky(TYPE, s, i);
    if (type === null) return null;
    const key = `{${name}, ${type}}`;
    i = this.space(i + type.length);
    if (s[i] === '}') return this.add({ key, text: s.slice(start, i + 1), start, end: i + 1 });
    if (s[i] !== ',') return null;
    if (type !== 'plural' && type !== 'select' && type !== 'selectordinal') {
      // A style ("short", "::currency/EUR", "#,##0.00") up to the closing brace.
      const close = s.indexOf('}', i);
      if (close === -1 || s.slice(i, close).includes('{')) return null;
      return this.add({ key, text: s.slice(start, close + 1), start, end: close + 1 });
    }
    const selectors: string[] = [];
    let from = start;
    i += 1;
    for (;;) {
      i = this.space(i);
      if (s[i] === '}') break;
      if (type === 'plural' && s.startsWith('offset:', i)) {
        const digits = sticky(/[0-9]+/y, s, this.space(i + 7));
        if (digits === null) return null;
        i = this.space(i + 7) + digits.length;
        continue;
      }
      const selector = sticky(SELECTOR, s, i);
      if (selector === null) return null;
      i = this.space(i + selector.length);
      if (s[i] !== '{') return null;
      this.syntax.push([from, i + 1]);
      const close = this.message(i + 1, true);
      if (close === -1) return null;
      selectors.push(selector);
      from = close;
      i = close + 1;
    }
    if (selectors.length === 0) return null;
    this.syntax.push([from, i + 1]);
    this.found.push({ key, text: `{${name}, ${type}, …}`, start, end: i + 1, ...(type === 'select' ? {} : { plural: { type: type === 'plural' ? 'cardinal' : 'ordinal', selectors } }) });
    return i + 1;
  }

  private add(p: Placeholder): number {
    this.found.push(p);
    this.syntax.push([p.start, p.end]);
    return p.end;
  }
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '{') depth += 1;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

function findPlaceholders(plain: string): Placeholders {
  const braces = new BraceReader(plain);
  braces.message(0, false);
  const found = [...braces.found];
  const syntax = [...braces.syntax];
  let next = 1;
  for (const m of plain.matchAll(PRINTF)) {
    const [text, position, spec, qt] = m;
    const numbered = position ?? qt;
    const argument = text === '%%' ? null : numbered ? Number(numbered) : next++;
    found.push({ key: spec ? `%${spec}` : text, printf: { argument, numbered: numbered !== undefined }, text, start: m.index, end: m.index + text.length });
    syntax.push([m.index, m.index + text.length]);
  }
  found.sort((a, b) => a.start - b.start);
  return { found, syntax, balanced: balanced(plain) };
}

/** `plain` with every placeholder's syntax blanked out (offsets kept): numbers and terms are not looked for there. */
export function masked(text: QaText): string {
  const units = text.plain.split('');
  for (const [from, to] of findPlaceholders(text.plain).syntax) units.fill(CODE_MARK, from, to);
  return units.join('');
}

const CLDR_ORDER: readonly PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

function plural(p: Placeholder, lang: string): QaDraft | null {
  const categories = p.plural && pluralCategories(lang, p.plural.type);
  if (!p.plural || !categories) return null;
  const ordered = CLDR_ORDER.filter((c) => categories.includes(c));
  const missing = ordered.filter((c) => !p.plural!.selectors.includes(c));
  if (missing.length === 0) return null;
  const kind = p.plural.type === 'ordinal' ? 'ordinal forms' : 'plural forms';
  return {
    rule: 'placeholders.plural-forms',
    key: `${p.key}${missing.join(',')}`,
    message: `${languageName(lang)} has the ${kind} ${ordered.join(', ')}; ${p.text} in the target lacks ${missing.join(', ')} — add ${missing.length === 1 ? 'that branch' : 'those branches'}, or "other" is used for ${missing.length === 1 ? 'it' : 'them'}.`,
    target: [],
    source: [],
  };
}

/** printf placeholders as the arguments they take: a numbered one used twice takes its argument once. */
function printfArguments(found: readonly Placeholder[]): Placeholder[] {
  const seen = new Set<string>();
  return found.filter((x) => {
    if (!x.printf) return false;
    if (!x.printf.numbered) return true;
    const id = `${x.printf.argument}${x.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function comparePrintf(p: Prepared, source: readonly Placeholder[], target: readonly Placeholder[]): QaDraft[] {
  const out: QaDraft[] = [];
  const inSource = printfArguments(source);
  const inTarget = printfArguments(target);
  const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
  for (const key of new Set([...inSource, ...inTarget].map((x) => x.key))) {
    const s = inSource.filter((x) => x.key === key);
    const t = inTarget.filter((x) => x.key === key);
    if (s.length > t.length) {
      out.push({
        rule: 'placeholders.missing',
        key,
        message:
          t.length === 0
            ? `The placeholder ${s[0]!.text} of the source is missing in the target — copy it into the translation as it is.`
            : `The source has ${key} ${times(s.length)}, the target ${times(t.length)} — add the missing one.`,
        target: [],
        source: s.slice(t.length).map((x) => spanOf(p.source, x.start, x.end)),
      });
    } else if (t.length > s.length) {
      out.push({
        rule: 'placeholders.extra',
        key,
        message:
          s.length === 0
            ? `The target has the placeholder ${t[0]!.text}, which the source does not have — remove it, or correct it to the source's: a placeholder the program does not expect breaks its text.`
            : `The target has ${key} ${times(t.length)}, the source ${times(s.length)} — remove the extra one.`,
        target: t.slice(s.length).map((x) => spanOf(p.target, x.start, x.end)),
        source: [],
      });
    }
  }
  if (out.length > 0) return out;
  // The same placeholders; now each must take the argument it takes in the source.
  const taken = (x: Placeholder) => `${x.printf!.argument}${x.key}`;
  const sourceTakes = new Set(inSource.map(taken));
  const moved = inTarget.filter((x) => !sourceTakes.has(taken(x)));
  if (moved.length === 0) return [];
  const sequence = (list: readonly Placeholder[]) => list.filter((x) => x.printf!.argument !== null).map((x) => x.text).join(' … ');
  return [
    {
      rule: 'placeholders.order',
      key: sequence(inTarget),
      message: `The target takes the printf placeholders in another order than the source (source ${sequence(inSource)}, target ${sequence(inTarget)}) — the program fills them in order: keep the source's order, or number them to reorder (%2$d … %1$s).`,
      target: moved.map((x) => spanOf(p.target, x.start, x.end)),
      source: [],
    },
  ];
}

export function checkPlaceholders(p: Prepared): QaDraft[] {
  const source = findPlaceholders(p.source.plain);
  const target = findPlaceholders(p.target.plain);
  const out: QaDraft[] = [];
  // Broken braces make every ICU argument after them unreadable: that one error says it, not one per argument.
  const bracesBroken = source.balanced && !target.balanced;
  if (bracesBroken) {
    out.push({
      rule: 'placeholders.syntax',
      key: 'braces',
      message: 'The braces { } of the target do not pair up, as they do in the source — a placeholder or ICU message is broken: compare its braces with the source.',
      target: [],
      source: [],
    });
  }
  out.push(...comparePrintf(p, source.found, target.found));
  const braced = (list: readonly Placeholder[]) => (bracesBroken ? [] : list.filter((x) => !x.printf));
  const spans = (text: QaText, list: readonly Placeholder[]) => list.map((x) => spanOf(text, x.start, x.end));
  const sourceKeys = new Set(braced(source.found).map((x) => x.key));
  const targetKeys = new Set(braced(target.found).map((x) => x.key));
  for (const key of sourceKeys) {
    if (targetKeys.has(key)) continue;
    const inSource = source.found.filter((x) => x.key === key);
    out.push({
      rule: 'placeholders.missing',
      key,
      message: `The placeholder ${inSource[0]!.text} of the source is missing in the target — copy it into the translation as it is.`,
      target: [],
      source: spans(p.source, inSource),
    });
  }
  for (const key of targetKeys) {
    if (sourceKeys.has(key)) continue;
    const inTarget = target.found.filter((x) => x.key === key);
    out.push({
      rule: 'placeholders.extra',
      key,
      message: `The target has the placeholder ${inTarget[0]!.text}, which the source does not have — remove it, or correct it to the source's: a placeholder the program does not expect breaks its text.`,
      target: spans(p.target, inTarget),
      source: [],
    });
  }
  for (const x of target.found) {
    if (!x.plural) continue;
    if (!x.plural.selectors.includes('other')) {
      out.push({
        rule: 'placeholders.syntax',
        key: `${x.key}other`,
        message: `${x.text} in the target has no "other" branch, which ICU requires — add other {…}.`,
        target: spans(p.target, [x]),
        source: [],
      });
    }
    const forms = p.targetLang ? plural(x, p.targetLang) : null;
    if (forms) out.push({ ...forms, target: spans(p.target, [x]) });
  }
  return out;
}
