/** What the reviewer asks to find, and how. */
export interface SearchOptions {
  caseSensitive: boolean;
  /** Only whole words: not inside a longer word (scripts written without spaces excepted, see words.ts). */
  wholeWord: boolean;
  /** The query is a JavaScript regular expression (with the `u` flag), and `$1`, `$<name>`, `$&` work in a replacement. */
  regex: boolean;
}

export const PLAIN_SEARCH: SearchOptions = { caseSensitive: false, wholeWord: false, regex: false };

/** A query ready to run; `pattern` is global and Unicode-aware, so it is used with `lastIndex`. */
export interface Matcher {
  pattern: RegExp;
  wholeWord: boolean;
  /** Replacements expand `$` references only for a regular expression; for plain text they are taken as typed. */
  template: boolean;
}

/** `problem` is the regular-expression engine's own words, such as "Unterminated group". */
export type CompiledQuery = { ok: true; matcher: Matcher } | { ok: false; problem: string };

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/gu;

/**
 * The matcher for `query`, or what is wrong with it: a regular expression that does not compile is reported
 * with the engine's own words. An empty query is no query (null), not an error.
 */
export function compileQuery(query: string, options: SearchOptions): CompiledQuery | null {
  if (query === '') return null;
  const source = options.regex ? query : query.replace(SPECIAL, '\\$&');
  const flags = options.caseSensitive ? 'gu' : 'giu';
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, flags);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 repeats the pattern before the problem; the reviewer sees the pattern already.
    const prefix = `Invalid regular expression: /${source}/${flags}: `;
    return { ok: false, problem: message.startsWith(prefix) ? message.slice(prefix.length) : message };
  }
  return { ok: true, matcher: { pattern, wholeWord: options.wholeWord, template: options.regex } };
}
