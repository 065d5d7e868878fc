import type { Session } from 'electron';

/**
 * The spellchecker's dictionaries for the wanted languages (BCP 47 tags), from those Chromium offers: the same
 * tag ("de-DE"), else the bare language ("de"), else the first of that language ("pt" for "pt-PT" gives
 * "pt-BR" if that is all there is, unless a dictionary of the language is chosen already). A language without
 * a dictionary (Chinese, Sinhala) is left out.
 */
export function chooseDictionaries(wanted: readonly string[], available: readonly string[]): string[] {
  const chosen: string[] = [];
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    const language = lower.split('-')[0];
    const sameLanguage = (a: string) => a.toLowerCase().split('-')[0] === language;
    // A language already checked in one variant does not take a second one it was not asked for.
    const covered = chosen.some(sameLanguage);
    const match =
      available.find((a) => a.toLowerCase() === lower) ??
      (covered ? undefined : (available.find((a) => a.toLowerCase() === language) ?? available.find(sameLanguage)));
    if (match !== undefined && !chosen.includes(match)) chosen.push(match);
  }
  return chosen;
}

/**
 * Points the session's spellchecker at the wanted languages. When none has a dictionary the languages are left
 * as they were (an empty list would mean the OS locale's). On macOS the system spellchecker decides and this
 * changes nothing. On Windows and Linux Chromium fetches a missing Hunspell dictionary from Google's servers
 * when online and uses it from then on; Loupe ships none of its own (docs/desktop.md).
 */
export function setSpellCheckLanguages(session: Pick<Session, 'availableSpellCheckerLanguages' | 'setSpellCheckerLanguages'>, wanted: readonly string[]): string[] {
  const chosen = chooseDictionaries(wanted, session.availableSpellCheckerLanguages);
  if (chosen.length > 0) session.setSpellCheckerLanguages(chosen);
  return chosen;
}
