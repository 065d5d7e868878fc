import type { QaDraft } from './model';
import type { Prepared } from './segment';
import { isBlank, spanOf } from './text';

/** An empty target, or one of only codes and white space, where the source has text to translate. */
export function checkEmpty(p: Prepared): QaDraft[] {
  if (!isBlank(p.target) || isBlank(p.source)) return [];
  return [
    {
      rule: 'empty',
      key: '',
      message: p.target.raw === '' ? 'The target is empty — translate the source.' : 'The target has no text, only inline codes or white space — translate the source.',
      target: [spanOf(p.target, 0, p.target.plain.length)],
      source: [],
    },
  ];
}
