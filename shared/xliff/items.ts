import { z } from 'zod';
import { OutputField, ReviewStatus, type FieldValues, type Item, type TaskSchema } from '../domain';
import { sameContent } from './inline';
import { CodeToken, Direction, LengthLimit, type Content, type XliffDocument, type XliffSegment } from './model';
import { statusFrom12, statusFrom20 } from './states';
import { contentToText } from './text';

/** The output field that holds the target, with the inline codes as placeholders (text.ts). */
export const TARGET_FIELD = 'target';

/** What an item made from a segment keeps under `meta.xliff`: enough for the screen, QA and writing back. */
export const XliffItemMeta = z.object({
  version: z.enum(['1.2', '2.0', '2.1', '2.2']),
  /** The file's, unit's and segment's ids as written in the document. */
  file: z.string().nullable(),
  unit: z.string().nullable(),
  segment: z.string().nullable(),
  line: z.number().int().positive(),
  sourceLang: z.string().nullable(),
  targetLang: z.string().nullable(),
  sourceDir: Direction,
  targetDir: Direction,
  space: z.enum(['default', 'preserve']),
  output: z.object({ from: z.enum(['target', 'candidate', 'none']), candidate: z.number().int().nonnegative().nullable(), reason: z.string() }),
  /** The state in the file, and the Loupe status it stands for. */
  state: z.object({ state: z.string().nullable(), qualifier: z.string().nullable(), status: ReviewStatus }),
  lengthLimit: LengthLimit.nullable(),
  /** The inline codes, by the number their placeholders carry, with the roles they occur in. */
  codes: z.array(z.object({ n: z.number().int().positive(), element: z.string(), label: z.string(), roles: z.array(CodeToken.shape.role) })),
  /** Every candidate, its target (and source) as text with placeholders. */
  candidates: z.array(
    z.object({
      text: z.string(),
      source: z.string().nullable(),
      matchQuality: z.number().nullable(),
      similarity: z.number().nullable(),
      origin: z.string().nullable(),
      machine: z.boolean(),
      type: z.string().nullable(),
    }),
  ),
});
export type XliffItemMeta = z.infer<typeof XliffItemMeta>;

export interface XliffBatch {
  schema: TaskSchema;
  /** One per translatable segment, in document order; `seq` counts from 0. */
  items: Omit<Item, 'batchId'>[];
  /** Segments marked translate="no": kept in the document, not offered for review. */
  notForReview: string[];
}

/** A language tag as the schema takes it ("en_US" is written "en-US"), or none. */
function schemaLang(tag: string | null): string | undefined {
  const normalized = tag?.replaceAll('_', '-');
  return normalized && OutputField.shape.lang.safeParse(normalized).success ? normalized : undefined;
}

/** The one value every segment has, else `fallback`. */
function shared<T>(values: readonly T[], fallback: T): T {
  return values.length > 0 && values.every((v) => v === values[0]) ? (values[0] as T) : fallback;
}

function notesText(segment: XliffSegment): string | null {
  const lines = segment.notes.map((n) => {
    const about = [n.author, n.category, n.appliesTo && `on the ${n.appliesTo}`, n.level !== 'unit' && `${n.level} note`].filter(Boolean).join(', ');
    return about ? `${n.text} (${about})` : n.text;
  });
  return lines.length > 0 ? lines.join('\n') : null;
}

function originText(segment: XliffSegment): string | null {
  const out = segment.aiOutput;
  if (out.from === 'none') return null;
  const kind = out.from === 'target' ? "the file's target" : `candidate ${(out.candidate ?? 0) + 1}`;
  return [kind, out.machine ? 'machine translation' : null, out.origin].filter(Boolean).join(', ');
}

function limitText(segment: XliffSegment): string | null {
  const limit = segment.lengthLimit;
  if (!limit) return null;
  const unit = limit.unit === 'codepoints' ? 'characters' : `bytes in ${limit.encoding ?? 'UTF-8'}`;
  return limit.min === undefined ? `at most ${limit.max} ${unit}` : `${limit.min} to ${limit.max} ${unit}`;
}

function stateText(doc: XliffDocument, segment: XliffSegment): string | null {
  const state = segment.state.state ?? (doc.version === '1.2' ? null : 'initial');
  if (state === null) return null;
  return segment.state.qualifier ? `${state} (${segment.state.qualifier})` : state;
}

const ROLES = CodeToken.shape.role.options;

/** The texts of a segment's source and AI output; a candidate's equal content takes the same string. */
interface Texts {
  source: string;
  output: string;
}

function textOf(content: Content, s: XliffSegment, texts: Texts): string {
  if (sameContent(content, s.source)) return texts.source;
  if (sameContent(content, s.aiOutput.content)) return texts.output;
  return contentToText(content, s.codes);
}

function meta(doc: XliffDocument, s: XliffSegment, texts: Texts): XliffItemMeta {
  return {
    version: doc.version,
    file: s.fileKey,
    unit: s.unitId,
    segment: s.segmentId,
    line: s.line,
    sourceLang: s.sourceLang,
    targetLang: s.targetLang,
    sourceDir: s.sourceDir,
    targetDir: s.targetDir,
    space: s.space,
    output: { from: s.aiOutput.from, candidate: s.aiOutput.candidate, reason: s.aiOutput.reason },
    state: { state: s.state.state, qualifier: s.state.qualifier, status: doc.version === '1.2' ? statusFrom12(s.state) : statusFrom20(s.state) },
    lengthLimit: s.lengthLimit,
    codes: s.codes.map((c) => ({ n: c.n, element: c.element, label: c.label, roles: ROLES.filter((r) => c.markup[r] !== undefined) })),
    candidates: s.candidates.map((c) => ({
      text: textOf(c.target, s, texts),
      source: c.source && textOf(c.source, s, texts),
      matchQuality: c.matchQuality,
      similarity: c.similarity,
      origin: c.origin,
      machine: c.machine,
      type: c.type,
    })),
  };
}

/**
 * A batch's schema and items from a parsed XLIFF document: one item per translatable segment, id the
 * segment's id, the source (and notes, origin, match quality, state, length limit) as context, the AI
 * output (BRIEF 3.1: the target, else the best candidate) as the `target` field. Pure: the caller
 * makes the batch around them (`newBatch`), as for JSONL and CSV.
 */
export function xliffBatch(doc: XliffDocument, options: { name?: string } = {}): XliffBatch {
  const reviewable = doc.segments.filter((s) => s.translate);
  const sourceLang = schemaLang(shared(reviewable.map((s) => s.sourceLang), null));
  const targetLang = schemaLang(shared(reviewable.map((s) => s.targetLang), null));
  const sourceDir = shared(reviewable.map((s) => s.sourceDir), 'auto');
  const targetDir = shared(reviewable.map((s) => s.targetDir), 'auto');
  const schema: TaskSchema = {
    name: options.name ?? `Post-editing ${sourceLang ?? '?'} → ${targetLang ?? '?'}`,
    fields: [{ name: TARGET_FIELD, label: 'Translation', kind: 'longtext', ...(targetLang ? { lang: targetLang } : {}), dir: targetDir }],
    context: [
      { name: 'source', label: 'Source', kind: 'longtext', ...(sourceLang ? { lang: sourceLang } : {}), dir: sourceDir },
      { name: 'notes', label: 'Notes', kind: 'longtext' },
      { name: 'origin', label: 'Origin', kind: 'text' },
      { name: 'matchQuality', label: 'Match quality', kind: 'number' },
      { name: 'state', label: 'State in the file', kind: 'text' },
      { name: 'lengthLimit', label: 'Length limit', kind: 'text' },
    ],
    reasonCodes: [],
    requireReasonOnOverride: false,
  };
  const items = reviewable.map((s, seq): Omit<Item, 'batchId'> => {
    const quality = s.aiOutput.matchQuality;
    const texts: Texts = { source: contentToText(s.source, s.codes), output: contentToText(s.aiOutput.content, s.codes) };
    const context: FieldValues = {
      source: texts.source,
      notes: notesText(s),
      origin: originText(s),
      matchQuality: quality,
      state: stateText(doc, s),
      lengthLimit: limitText(s),
    };
    return {
      id: s.id,
      seq,
      context,
      output: { [TARGET_FIELD]: texts.output },
      ...(quality === null ? {} : { confidence: { [TARGET_FIELD]: quality / 100 } }),
      ...(s.aiOutput.machine && s.aiOutput.origin ? { model: s.aiOutput.origin } : {}),
      meta: { xliff: meta(doc, s, texts) },
    };
  });
  return { schema, items, notForReview: doc.segments.filter((s) => !s.translate).map((s) => s.id) };
}
