import type { FieldValues } from '../domain';
import { TARGET_FIELD, XliffItemMeta, type LengthLimit } from '../xliff';
import type { Glossary } from './glossary';
import { readText, type QaText } from './text';

/** One segment to check: its source and target as fields hold them (inline codes as placeholders). */
export interface QaSegment {
  source: string;
  target: string;
  sourceLang?: string | null;
  targetLang?: string | null;
  /** The file's length limit on the target (XLIFF 2 size restriction, ITS storage size, 1.2 maxwidth). */
  lengthLimit?: LengthLimit | null;
  /** What each inline code stands for ("<b>", "br"), by placeholder number, for messages. */
  codeLabels?: Readonly<Record<number, string>>;
}

/** A segment read once for all checks, with what the checks share. */
export interface Prepared {
  source: QaText;
  target: QaText;
  sourceLang: string | null;
  targetLang: string | null;
  lengthLimit: LengthLimit | null;
  codeLabels: Readonly<Record<number, string>>;
  glossary: Glossary | null;
}

export function prepare(segment: QaSegment, glossary: Glossary | null): Prepared {
  return {
    source: readText(segment.source),
    target: readText(segment.target),
    sourceLang: segment.sourceLang ?? null,
    targetLang: segment.targetLang ?? null,
    lengthLimit: segment.lengthLimit ?? null,
    codeLabels: segment.codeLabels ?? {},
    glossary,
  };
}

/**
 * The segment of an item made from XLIFF (`xliffBatch`): the source from its context, the target the
 * reviewer has typed (else the AI output), languages, length limit and code labels from `meta.xliff`.
 * An item of another kind gives what its `source` and `target` fields hold.
 */
export function qaSegmentOf(item: { context: FieldValues; output: FieldValues; meta?: Record<string, unknown> }, target?: string): QaSegment {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const meta = XliffItemMeta.safeParse(item.meta?.xliff);
  const segment: QaSegment = { source: text(item.context.source), target: target ?? text(item.output[TARGET_FIELD]) };
  if (!meta.success) return segment;
  const { sourceLang, targetLang, lengthLimit, codes } = meta.data;
  return { ...segment, sourceLang, targetLang, lengthLimit, codeLabels: Object.fromEntries(codes.map((c) => [c.n, c.label])) };
}
