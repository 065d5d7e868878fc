import type { ContextField, Item, OutputField } from '../../shared/domain';
import { TARGET_FIELD, XliffItemMeta } from '../../shared/xliff';
import { codeTable, type CodeTable } from './inline-codes';

/** The context field in which `xliffBatch` puts the source, with the same placeholders as the target. */
export const SOURCE_FIELD = 'source';

/** Context fields of an XLIFF item that the screen shows beside the AI output and the editor instead. */
export const SHOWN_WITH_OUTPUT: ReadonlySet<string> = new Set(['origin', 'matchQuality', 'lengthLimit']);

type Direction = 'ltr' | 'rtl' | 'auto';

/** What the review screen uses of an item made from an XLIFF segment. */
export interface XliffView {
  meta: XliffItemMeta;
  codes: CodeTable;
  /** The segment's own languages, for a file whose segments differ (the schema then names none). */
  target: { lang: string | undefined; dir: Direction };
  source: { lang: string | undefined; dir: Direction };
}

// A tag as HTML `lang` takes it ("en_US" as written by some tools is "en-US").
const TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/u;
const htmlLang = (tag: string | null): string | undefined => {
  const normalized = tag?.replaceAll('_', '-');
  return normalized && TAG.test(normalized) ? normalized : undefined;
};

/** The XLIFF side of an item, or null for an item that does not come from XLIFF (or whose meta is not readable). */
export function xliffView(item: Item): XliffView | null {
  const parsed = XliffItemMeta.safeParse(item.meta?.xliff);
  if (!parsed.success) return null;
  const meta = parsed.data;
  return {
    meta,
    codes: codeTable(meta.codes),
    target: { lang: htmlLang(meta.targetLang), dir: meta.targetDir },
    source: { lang: htmlLang(meta.sourceLang), dir: meta.sourceDir },
  };
}

/** The field's language and direction, the segment's where the schema leaves them open. */
function withLanguage<F extends OutputField | ContextField>(field: F, own: XliffView['target']): F {
  const lang = field.lang ?? own.lang;
  const dir = field.dir && field.dir !== 'auto' ? field.dir : own.dir;
  return { ...field, ...(lang ? { lang } : {}), dir };
}

export function outputFieldOf(field: OutputField, view: XliffView | null): OutputField {
  return view && field.name === TARGET_FIELD ? withLanguage(field, view.target) : field;
}

export function contextFieldOf(field: ContextField, view: XliffView | null): ContextField {
  return view && field.name === SOURCE_FIELD ? withLanguage(field, view.source) : field;
}

/** The codes a field's text holds: the target's and the source's, on an XLIFF item. */
export function codesOf(fieldName: string, role: 'output' | 'context', view: XliffView | null): CodeTable | null {
  if (!view) return null;
  return (role === 'output' ? fieldName === TARGET_FIELD : fieldName === SOURCE_FIELD) ? view.codes : null;
}
