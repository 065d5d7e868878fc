import { fieldEffort } from '../effort';
import { contentToText, type XliffDocument, type XliffSegment } from '../xliff';

export interface SegmentEffort {
  id: string;
  hter: number;
  charEdits: number;
}

export type XliffEffort = { ok: true; segments: SegmentEffort[] } | { ok: false; message: string };

const reviewable = (doc: XliffDocument) => doc.segments.filter((s) => s.translate);

const place = (doc: XliffDocument, s: XliffSegment) => `${doc.fileName} line ${s.line}, column ${s.column}`;
const SAME_DOCUMENT = 'give two versions of one XLIFF document, before and after post-editing';

/** What a batch offers as the segment's text: its target, else its best candidate; inline codes as placeholders. */
const offered = (s: XliffSegment) => contentToText(s.aiOutput.content, s.codes);

/**
 * Editing effort between two versions of one XLIFF document, segment by segment, matched by id: the text
 * each offers as a batch would (its target, else its best candidate), BEFORE's against AFTER's — the
 * `hter` and `charEdits` a result row records for the same segment, inline codes counting as their
 * placeholders. A segment nobody translated offers the same candidate in both, so it costs nothing.
 * Segments marked translate="no" are left out; a segment only one of the files has is refused.
 */
export function xliffEffort(before: XliffDocument, after: XliffDocument): XliffEffort {
  const afterById = new Map(reviewable(after).map((s) => [s.id, s]));
  const segments: SegmentEffort[] = [];
  for (const s of reviewable(before)) {
    const edited = afterById.get(s.id);
    if (!edited) {
      return { ok: false, message: `${place(before, s)}: segment ${s.id} is not in ${after.fileName} — ${SAME_DOCUMENT}` };
    }
    afterById.delete(s.id);
    segments.push({ id: s.id, ...fieldEffort(offered(s), offered(edited)) });
  }
  const [extra] = afterById.values();
  if (extra) {
    return { ok: false, message: `${place(after, extra)}: segment ${extra.id} is not in ${before.fileName} — ${SAME_DOCUMENT}` };
  }
  return { ok: true, segments };
}
