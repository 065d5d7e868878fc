/**
 * What the checks need to know of a language, from its BCP 47 tag through Intl (the same ICU data in
 * the browser, Electron and Node). An unknown or missing tag knows nothing, and the checks then
 * accept what any language would.
 */

/** The language subtag, lower case: "pt" of "pt-BR"; "" without a tag. */
export function primary(tag: string | null | undefined): string {
  return (tag ?? '').split(/[-_]/u)[0]?.toLowerCase() ?? '';
}

/** The tag as Intl takes it ("en_US" is "en-US"), or null when Intl has no data for it. */
function supported(tag: string | null | undefined): string | null {
  if (!tag) return null;
  try {
    return Intl.NumberFormat.supportedLocalesOf(tag.replaceAll('_', '-'))[0] ?? null;
  } catch {
    return null;
  }
}

const names = new Map<string, string>();

/** "Arabic" for "ar", for messages; the tag itself when Intl cannot name it. */
export function languageName(tag: string): string {
  let name = names.get(tag);
  if (name === undefined) {
    const locale = supported(tag);
    try {
      name = (locale && new Intl.DisplayNames(['en'], { type: 'language' }).of(locale)) || tag;
    } catch {
      name = tag;
    }
    names.set(tag, name);
  }
  return name;
}

const separators = new Map<string, { decimal: string; group: string }>();

/** The separators the language writes numbers with: "." and "," in en, "," and "." in de; null when unknown. */
export function numberSeparators(tag: string | null | undefined): { decimal: string; group: string } | null {
  const locale = supported(tag);
  if (!locale) return null;
  let found = separators.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.5);
    found = { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: parts.find((p) => p.type === 'group')?.value ?? ',' };
    separators.set(locale, found);
  }
  return found;
}

/** A number as the language writes it ("1.000,5" in de), or null when unknown. */
export function formatNumber(value: string, tag: string | null | undefined): string | null {
  const locale = supported(tag);
  // Beyond 15 significant digits a double would change the number shown.
  if (!locale || value.replace(/^0+|\./gu, '').length > 15) return null;
  const fraction = value.split('.')[1]?.length ?? 0;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fraction, minimumFractionDigits: fraction }).format(Number(value));
}

export type PluralCategory = Intl.LDMLPluralRule;

/** The plural categories the language distinguishes (Arabic: zero, one, two, few, many, other), or null when unknown. */
export function pluralCategories(tag: string | null | undefined, type: Intl.PluralRuleType): PluralCategory[] | null {
  const locale = supported(tag);
  return locale ? new Intl.PluralRules(locale, { type }).resolvedOptions().pluralCategories : null;
}
