import type { Direction } from './model';

// Languages written right to left by default, and the scripts that are (ISO 15924), for tags such as
// "ku-Arab" or "pa-Arab" whose language alone is written both ways.
const RTL_LANGUAGES = new Set(['ar', 'arc', 'azb', 'bal', 'ckb', 'dv', 'fa', 'glk', 'he', 'iw', 'ji', 'khw', 'ks', 'lrc', 'mzn', 'nqo', 'pnb', 'ps', 'sd', 'skr', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['adlm', 'arab', 'hebr', 'mand', 'nkoo', 'rohg', 'samr', 'syrc', 'thaa']);

/** The direction a language is written in, from its BCP 47 tag; `auto` when there is no tag. */
export function directionOfLanguage(tag: string | null): Direction {
  if (!tag) return 'auto';
  const [language = '', ...rest] = tag.toLowerCase().split(/[-_]/u);
  const script = rest.find((p) => p.length === 4 && /^[a-z]{4}$/u.test(p));
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
