import { searchText } from '../../shared/search';

/** Longer selections are not what a concordance is asked about: the panel then starts empty. */
const LONGEST = 200;

/**
 * What the reviewer has selected, as a query: the selection in the focused text box, else on the page, with
 * inline codes left out and white space made single. Read before the panel takes the focus.
 */
export function selectedQuery(): string {
  const el = document.activeElement;
  const text =
    el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type === 'text')
      ? el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0)
      : (window.getSelection()?.toString() ?? '');
  const query = searchText(text, true, 'skip').plain.replace(/\s+/gu, ' ').trim();
  return query.length <= LONGEST ? query : '';
}
