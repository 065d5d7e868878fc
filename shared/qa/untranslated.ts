import { primary } from './language';
import type { QaDraft } from './model';
import { masked } from './placeholders';
import type { Prepared } from './segment';
import { spanOf, wordsOnly, type QaText } from './text';

/**
 * A target that is the source unchanged, inline codes and white space aside. Not reported where there
 * is nothing to translate — only numbers, codes, placeholders, URLs, e-mail addresses, punctuation and
 * symbols — nor between two variants of one language (en-US to en-GB keeps most segments as they are).
 */

const URL_OR_MAIL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|[^\s@]+@[^\s@]+\.[^\s@]+/giu;

function hasWords(text: QaText): boolean {
  return /\p{L}/u.test(masked(text).replace(URL_OR_MAIL, ''));
}

export function checkUntranslated(p: Prepared): QaDraft[] {
  const language = primary(p.sourceLang);
  if (language !== '' && language === primary(p.targetLang)) return [];
  if (wordsOnly(p.source) !== wordsOnly(p.target) || !hasWords(p.source)) return [];
  return [
    {
      rule: 'untranslated',
      key: '',
      message: 'The target is the source, unchanged — translate it, or confirm it if it stays as it is (a name, a product, a code).',
      target: [spanOf(p.target, 0, p.target.plain.length)],
      source: [],
    },
  ];
}
