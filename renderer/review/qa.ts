import { isTextKind, type FieldValues, type Item, type RecordedQaOverride, type TaskSchema } from '../../shared/domain';
import { QaOverride, qaSegmentOf, runQa, type Glossary, type QaFinding, type QaSpan } from '../../shared/qa';
import { TARGET_FIELD, XliffItemMeta } from '../../shared/xliff';
import { SOURCE_FIELD } from './xliff-item';

/**
 * The output field the QA checks look at on an item, or null where they do not run (docs/qa.md, "In the
 * app"): an item made from an XLIFF segment, or any item whose schema has a text context field `source`,
 * checks its `target` text field, else its only text output field. With several text output fields and
 * none named `target`, which one translates the source is unknown, so nothing is checked.
 */
export function qaFieldOf(schema: TaskSchema, item: Pick<Item, 'meta'>): string | null {
  const hasSource = XliffItemMeta.safeParse(item.meta?.xliff).success || schema.context.some((f) => f.name === SOURCE_FIELD && isTextKind(f.kind));
  if (!hasSource) return null;
  const texts = schema.fields.filter((f) => isTextKind(f.kind));
  const field = texts.find((f) => f.name === TARGET_FIELD) ?? (texts.length === 1 ? texts[0] : undefined);
  return field?.name ?? null;
}

/** One run of the checks over an item's translation, with the texts its findings' spans point into. */
export interface QaCheck {
  field: string;
  /** The translation checked, as the field held it. */
  text: string;
  source: string;
  findings: QaFinding[];
}

/**
 * Runs every check on the item's translation as `values` hold it, with the batch's glossary; null where QA
 * does not run. Languages come from the XLIFF segment, else from the schema's fields.
 */
export function checkItem(schema: TaskSchema, item: Pick<Item, 'context' | 'output' | 'meta'>, values: FieldValues, glossary: Glossary | null): QaCheck | null {
  const field = qaFieldOf(schema, item);
  if (!field) return null;
  const value = values[field];
  const text = typeof value === 'string' ? value : '';
  const segment = qaSegmentOf(item, text);
  const sourceLang = segment.sourceLang ?? schema.context.find((f) => f.name === SOURCE_FIELD)?.lang ?? null;
  const targetLang = segment.targetLang ?? schema.fields.find((f) => f.name === field)?.lang ?? null;
  return { field, text, source: segment.source, findings: runQa({ ...segment, sourceLang, targetLang }, { glossary }) };
}

/** Overrides as recorded (any rule id) that this Loupe's checks can match: a rule it does not know answers nothing. */
export function knownOverrides(overrides: readonly RecordedQaOverride[] = []): QaOverride[] {
  return overrides.flatMap((o) => {
    const parsed = QaOverride.safeParse(o);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The overrides that answer an error among `findings`: what a verdict records (others answer nothing now). */
export function answeringOverrides(findings: readonly QaFinding[], overrides: readonly QaOverride[]): QaOverride[] {
  const errors = findings.filter((f) => f.level === 'error');
  return overrides.filter((o) => errors.some((f) => f.rule === o.rule && f.key === o.key));
}

/** Names a set of errors, so that asking to confirm twice over the very same errors can be told apart from new ones. */
export function errorsKey(errors: readonly QaFinding[]): string {
  return errors
    .map((f) => `${f.rule}\u0000${f.key}`)
    .sort()
    .join('\u0001');
}

/** A span of text with some of what is around it, cut at the nearest whole characters. */
export interface Excerpt {
  before: string;
  marked: string;
  after: string;
}

const AROUND = 24;

/** Moves an offset off the second half of a surrogate pair, so that no character is cut in two. */
function whole(text: string, at: number, direction: -1 | 1): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + direction : at;
}

/** The text of `span` and up to AROUND characters either side, with "…" where the text goes on. */
export function excerptOf(text: string, span: QaSpan): Excerpt {
  const start = Math.min(span.start, text.length);
  const end = Math.min(Math.max(span.end, start), text.length);
  const from = whole(text, Math.max(0, start - AROUND), -1);
  const to = whole(text, Math.min(text.length, end + AROUND), 1);
  return {
    before: `${from > 0 ? '…' : ''}${text.slice(from, start)}`,
    marked: text.slice(start, end),
    after: `${text.slice(end, to)}${to < text.length ? '…' : ''}`,
  };
}
