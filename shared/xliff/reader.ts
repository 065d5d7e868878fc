import { numberCodes } from './codes';
import { XliffRefusal, xliffError, xliffWarning, type XliffWarning } from './errors';
import type { InlineContext } from './inline';
import type { SegmentLayout } from './layout';
import type { LengthLimit, Note, XliffSegment } from './model';
import { chooseOutput, type TargetOrigin } from './output';
import { XML_NS, attr, positionOf, textContent, type XmlElement, type XmlTree } from './xml';

const NO_DATA: ReadonlyMap<string, string> = new Map();

/** What the version readers share: the text, where segments go, and how to report. */
export class Reader {
  readonly segments: XliffSegment[] = [];
  readonly layouts: SegmentLayout[] = [];

  constructor(
    readonly fileName: string,
    readonly text: string,
    readonly tree: XmlTree,
    readonly ns: string,
    readonly warnings: XliffWarning[],
  ) {}

  inline(version: InlineContext['version'], data: ReadonlyMap<string, string> = NO_DATA): InlineContext {
    return { text: this.text, version, ns: this.ns, data };
  }

  at(element: XmlElement): { line: number; column: number } {
    return positionOf(this.tree, element.start);
  }

  warn(element: XmlElement, what: string): void {
    this.warnings.push(xliffWarning(this.fileName, this.at(element), what));
  }

  refuse(element: XmlElement, what: string, advice: string): never {
    throw new XliffRefusal(xliffError('structure', this.fileName, this.at(element), what, advice));
  }

  /**
   * A segment, with its AI output and codes, reported at `at`. `own` is what the target itself says of
   * its origin.
   */
  add(fields: SegmentFields, own: TargetOrigin, at: XmlElement, layout: SegmentLayout): number {
    const { line, column } = this.at(at);
    const aiOutput = chooseOutput(fields.target, fields.candidates, own);
    const codes = numberCodes(fields.source, fields.target, fields.candidates.map((c) => c.target));
    this.segments.push(Object.assign(fields, { aiOutput, codes, line, column }));
    this.layouts.push(layout);
    return this.segments.length - 1;
  }
}

export type SegmentFields = Omit<XliffSegment, 'aiOutput' | 'codes' | 'line' | 'column'>;

/** `xml:space` in force on an element, given the one in force on its parent. */
export function spaceOf(element: XmlElement | null, inherited: 'default' | 'preserve'): 'default' | 'preserve' {
  const value = element ? attr(element, 'space', XML_NS) : null;
  return value === 'preserve' || value === 'default' ? value : inherited;
}

export function langOf(element: XmlElement | null): string | null {
  return element ? attr(element, 'lang', XML_NS) : null;
}

export function note(element: XmlElement, level: Note['level'], fields: Pick<Note, 'appliesTo' | 'author' | 'category'>): Note {
  const priority = Number(attr(element, 'priority'));
  return { text: textContent(element), level, ...fields, priority: Number.isInteger(priority) && priority > 0 ? priority : null };
}

/** `max` or `min,max` in whole numbers, as size attributes give them. */
export function parseLimit(value: string | null, rest: Omit<LengthLimit, 'max' | 'min'>): LengthLimit | null {
  const match = value === null ? null : /^\s*(\d+)\s*(?:,\s*(\d+)\s*)?$/u.exec(value);
  if (!match) return null;
  return match[2] === undefined ? { max: Number(match[1]), ...rest } : { min: Number(match[1]), max: Number(match[2]), ...rest };
}
