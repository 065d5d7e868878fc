import type { Direction } from './model';

// Languages written right to left by default, and the scripts that are (ISO 15924), for tags such as
// "ku-Arab" or "pa-Arab" whose language alone is written both ways.
const RTL_LANGUAGES = new Set(['ar', 'arc', 'azb', 'bal', 'ckb', 'dv', 'fa', 'glk', 'he', 'iw', 'ji', 'khw', 'ks', 'lrc', 'mzn', 'nqo', 'pnb', 'ps', 'sd', 'skr', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['adlm', 'arab', 'hebr', 'mand', 'nkoo', 'rohg', 'samr', 'syrc', 'thaa']);

/** Tags seen so far: a file gives the same one or two to every segment. */
const known = new Map<string, Direction>();

/** The direction a language is written in, from its BCP 47 tag; `auto` when there is no tag. */
export function directionOfLanguage(tag: string | null): Direction {
  if (!tag) return 'auto';
  let direction = known.get(tag);
  if (direction === undefined) {
    direction = directionOf(tag);
    // Bounded: tags are few, but a file may hold any strings.
    if (known.size < 1000) known.set(tag, direction);
  }
  return direction;
}

function directionOf(tag: string): Direction {
  const [language = '', ...rest] = tag.toLowerCase().split(/[-_]/u);
  const script = rest.find((p) => p.length === 4 && /^[a-z]{4}$/u.test(p));
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
