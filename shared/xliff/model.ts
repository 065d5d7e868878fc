import { z } from 'zod';
import type { XliffEncoding } from './encoding';
import type { XliffWarning } from './errors';

/** A run of text in a source or target, entities resolved. */
export const TextToken = z.object({ type: z.literal('text'), text: z.string() });

/**
 * An inline code: a protected token the reviewer moves or deletes whole, never edits. `open`/`close`
 * are the two ends of a pair (1.2 g, bpt/ept, bx/ex, mrk; 2.x pc, sc/ec, sm/em, mrk), `standalone` a
 * code on its own (ph, x, it, cp, a comment inside the content, an element of another namespace).
 */
export const CodeToken = z.object({
  type: z.literal('code'),
  /** The element's local name (`ph`, `g`, `pc`…), `#comment` or `#pi`. */
  element: z.string(),
  role: z.enum(['open', 'close', 'standalone']),
  /** Names the code across the source, the target and the candidates of a segment: its element and id. */
  key: z.string(),
  /** Its markup exactly as in the file; writing takes the markup of the segment's own code of that key. */
  markup: z.string(),
  /** What a reviewer sees for it: equiv-text, disp, the native code it stands for, or the element's name. */
  label: z.string(),
});
export type CodeToken = z.infer<typeof CodeToken>;

export const Token = z.discriminatedUnion('type', [TextToken, CodeToken]);
export type Token = z.infer<typeof Token>;

export const Content = z.array(Token);
export type Content = z.infer<typeof Content>;

export const Direction = z.enum(['ltr', 'rtl', 'auto']);
export type Direction = z.infer<typeof Direction>;

/** A length limit on the target (XLIFF 2 size restriction, ITS storage size, 1.2 maxwidth in characters). */
export const LengthLimit = z.object({
  max: z.number().int().nonnegative(),
  min: z.number().int().nonnegative().optional(),
  /** `codepoints`: Unicode code points; `bytes`: bytes in `encoding`. */
  unit: z.enum(['codepoints', 'bytes']),
  encoding: z.string().optional(),
  /** The attribute it came from, such as `slr:sizeRestriction`. */
  from: z.string(),
});
export type LengthLimit = z.infer<typeof LengthLimit>;

export interface Note {
  text: string;
  /** Where it was written: on the file, an enclosing group, or the unit itself. */
  level: 'file' | 'group' | 'unit';
  /** 1.2 `annotates`, 2.x `appliesTo`. */
  appliesTo: string | null;
  /** 1.2 `from`. */
  author: string | null;
  /** 2.x `category`. */
  category: string | null;
  priority: number | null;
}

/** A proposed translation: 1.2 `<alt-trans>`, 2.x `<mtc:match>`. */
export interface Candidate {
  target: Content;
  /** Its own source, when given: a fuzzy match's source differs from the segment's. */
  source: Content | null;
  /** 0–100: 1.2 `match-quality`, 2.x `matchQuality`. */
  matchQuality: number | null;
  /** 0–100: 2.x `similarity` of its source to the segment's. */
  similarity: number | null;
  /** 1.2 `origin` or the tool of `tool-id`; 2.x `origin` or the ITS MT-confidence annotator. */
  origin: string | null;
  /** Whether it is machine translation (see docs/xliff.md for how that is told). */
  machine: boolean;
  /** 1.2 `alttranstype`, 2.x `type`. */
  type: string | null;
  line: number;
}

/** The text Loupe offers as the AI output of a segment (BRIEF 3.1), and why. */
export interface AiOutput {
  content: Content;
  from: 'target' | 'candidate' | 'none';
  /** Index in `candidates` of the candidate chosen, or the one the target equals. */
  candidate: number | null;
  matchQuality: number | null;
  origin: string | null;
  machine: boolean;
  /** Why this output, in a sentence. */
  reason: string;
}

/** An inline code of a segment with its placeholder number and its markup for each role it occurs in. */
export interface SegmentCode {
  n: number;
  key: string;
  element: string;
  label: string;
  markup: Partial<Record<CodeToken['role'], string>>;
}

export interface XliffState {
  /** 1.2 `state` on `<target>`; 2.x `state` on `<segment>` (absent means `initial`). */
  state: string | null;
  /** 1.2 `state-qualifier`; 2.x `subState`. */
  qualifier: string | null;
}

/** One translatable segment: 1.2 a trans-unit or a `<mrk mtype="seg">` of one; 2.x a `<segment>`. */
export interface XliffSegment {
  /** Stable and unique in the document: `<file>/<unit>/<segment>` (docs/xliff.md). */
  id: string;
  /** The file's `id` (2.x) or `original` (1.2), the unit's id and the segment's id, as written; null where absent. */
  fileKey: string | null;
  unitId: string | null;
  segmentId: string | null;
  /** False for translate="no": kept in the document, never offered for review. */
  translate: boolean;
  sourceLang: string | null;
  targetLang: string | null;
  /** 2.x srcDir/trgDir when not `auto`, otherwise from the language. */
  sourceDir: Direction;
  targetDir: Direction;
  /** `xml:space` in force on the target. */
  space: 'default' | 'preserve';
  source: Content;
  /** Null when there is no target (element, or 1.2 segment marker) yet. */
  target: Content | null;
  state: XliffState;
  notes: Note[];
  candidates: Candidate[];
  aiOutput: AiOutput;
  lengthLimit: LengthLimit | null;
  /** The inline codes of source, target and candidates, numbered from 1 in order of appearance. */
  codes: SegmentCode[];
  line: number;
  column: number;
}

export type XliffVersion = '1.2' | '2.0' | '2.1' | '2.2';

/** A parsed XLIFF document: the original bytes and text, and the segments found in it. */
export interface XliffDocument {
  fileName: string;
  version: XliffVersion;
  encoding: XliffEncoding;
  bom: boolean;
  bytes: Uint8Array;
  text: string;
  segments: XliffSegment[];
  warnings: XliffWarning[];
}
