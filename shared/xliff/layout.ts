import type { XliffDocument, XliffState } from './model';
import type { XmlDoc } from './tree';

/**
 * Where the parts of each segment are in the document's text: what the writer splices into. Kept
 * beside the document (not in it), so the model stays plain data. Elements are nodes of `xml`; NONE
 * where absent.
 */

/** A 1.2 `<trans-unit>`: its target and state are shared by its segments. */
export interface Unit12 {
  source: number;
  /** With `<mrk mtype="seg">` segments: the `<seg-source>` that holds them. */
  segSource: number;
  target: number;
  targetLang: string | null;
  state: XliffState;
  /** Its segments, as indexes into the document's segments. */
  segments: number[];
}

export interface SegmentLayout {
  /** 1.2: the trans-unit; null in 2.x. */
  unit: Unit12 | null;
  /** 2.x: the `<segment>`, which carries the state; NONE in 1.2. */
  segment: number;
  /** The `<source>` (1.2 segmented: the segment's `<mrk>` in `<seg-source>`). */
  source: number;
  /** The element whose content is the target (1.2 segmented: the `<mrk>` in `<target>`); NONE when absent. */
  target: number;
}

export interface Layout {
  xml: XmlDoc;
  /** In the order of the document's segments. */
  segments: SegmentLayout[];
}

const layouts = new WeakMap<XliffDocument, Layout>();

export function rememberLayout(doc: XliffDocument, layout: Layout): void {
  layouts.set(doc, layout);
}

export function layoutOf(doc: XliffDocument): Layout | undefined {
  return layouts.get(doc);
}
