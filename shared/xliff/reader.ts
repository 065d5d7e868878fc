import { numberCodes } from './codes';
import { XliffRefusal, xliffError, xliffWarning, type XliffWarning } from './errors';
import type { InlineContext } from './inline';
import type { SegmentLayout } from './layout';
import type { LengthLimit, Note, XliffSegment } from './model';
import { chooseOutput, type TargetOrigin } from './output';
import { NONE, type XmlDoc } from './tree';
import { XML_NS, positionOf } from './xml';

const NO_DATA: ReadonlyMap<string, string> = new Map();

/** What the version readers share: the text, where segments go, and how to report. */
export class Reader {
  readonly segments: XliffSegment[] = [];
  readonly layouts: SegmentLayout[] = [];
  private readonly strings = new Map<string, string>();

  constructor(
    readonly fileName: string,
    readonly xml: XmlDoc,
    readonly ns: string,
    readonly warnings: XliffWarning[],
  ) {}

  inline(version: InlineContext['version'], data: ReadonlyMap<string, string> = NO_DATA): InlineContext {
    return { xml: this.xml, version, ns: this.ns, data, strings: this.strings };
  }

  at(element: number): { line: number; column: number } {
    return positionOf(this.xml, this.xml.start(element));
  }

  warn(element: number, what: string): void {
    this.warnings.push(xliffWarning(this.fileName, this.at(element), what));
  }

  refuse(element: number, what: string, advice: string): never {
    throw new XliffRefusal(xliffError('structure', this.fileName, this.at(element), what, advice));
  }

  /**
   * A segment, with its AI output and codes, reported at `at`. `own` is what the target itself says of
   * its origin.
   */
  add(unit: UnitFields, own: Own, at: number, layout: SegmentLayout): number {
    const { line, column } = this.at(at);
    const { source, target, candidates } = own;
    // One literal, in the model's order: objects built up field by field are slower to make and to read.
    this.segments.push({
      id: own.id,
      fileKey: unit.fileKey,
      unitId: unit.unitId,
      segmentId: own.segmentId,
      translate: unit.translate,
      sourceLang: unit.sourceLang,
      targetLang: unit.targetLang,
      sourceDir: unit.sourceDir,
      targetDir: unit.targetDir,
      space: unit.space,
      source,
      target,
      state: unit.state,
      notes: unit.notes,
      candidates,
      aiOutput: chooseOutput(target, candidates, own.origin),
      lengthLimit: unit.lengthLimit,
      codes: numberCodes(source, target, candidates),
      line,
      column,
    });
    this.layouts.push(layout);
    return this.segments.length - 1;
  }
}

/** What a segment has from its unit (2.x: from its unit and itself). */
export type UnitFields = Pick<XliffSegment, 'fileKey' | 'unitId' | 'translate' | 'sourceLang' | 'targetLang' | 'sourceDir' | 'targetDir' | 'space' | 'state' | 'notes' | 'lengthLimit'>;

/** What a segment has of its own; `origin` is what the target itself says of where it came from. */
export interface Own extends Pick<XliffSegment, 'id' | 'segmentId' | 'source' | 'target' | 'candidates'> {
  origin: TargetOrigin;
}

/** `xml:space` in force on an element (or NONE), given the one in force on its parent. */
export function spaceOf(xml: XmlDoc, element: number, inherited: 'default' | 'preserve'): 'default' | 'preserve' {
  const value = element === NONE ? null : xml.attr(element, 'space', XML_NS);
  return value === 'preserve' || value === 'default' ? value : inherited;
}

export function langOf(xml: XmlDoc, element: number): string | null {
  return element === NONE ? null : xml.attr(element, 'lang', XML_NS);
}

export function note(xml: XmlDoc, element: number, level: Note['level'], fields: Pick<Note, 'appliesTo' | 'author' | 'category'>): Note {
  const priority = Number(xml.attr(element, 'priority'));
  return { text: xml.textContent(element), level, ...fields, priority: Number.isInteger(priority) && priority > 0 ? priority : null };
}

/** `max` or `min,max` in whole numbers, as size attributes give them. */
export function parseLimit(value: string | null, rest: Omit<LengthLimit, 'max' | 'min'>): LengthLimit | null {
  const match = value === null ? null : /^\s*(\d+)\s*(?:,\s*(\d+)\s*)?$/u.exec(value);
  if (!match) return null;
  return match[2] === undefined ? { max: Number(match[1]), ...rest } : { min: Number(match[1]), max: Number(match[2]), ...rest };
}
