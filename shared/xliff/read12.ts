import { directionOfLanguage } from './direction';
import { IdScope, segmentId } from './ids';
import { readContent, type InlineContext } from './inline';
import type { Unit12 } from './layout';
import type { Candidate, LengthLimit, Note } from './model';
import { parseQuality, soundsMachine, type TargetOrigin } from './output';
import { langOf, note, parseLimit, spaceOf, type Reader, type UnitFields } from './reader';
import { ELEMENT, NONE, type XmlDoc } from './tree';
import { positionOf } from './xml';

/** XLIFF 1.2: files, groups (and bin-units) of trans-units, segmented or not by `<seg-source>`. */

interface Scope {
  fileKey: string | null;
  fileId: string;
  units: IdScope;
  sourceLang: string | null;
  targetLang: string | null;
  tools: ReadonlyMap<string, string>;
  translate: boolean;
  space: 'default' | 'preserve';
  /** Notes of the enclosing groups and the file, innermost first. */
  notes: Note[];
}

const MACHINE_QUALIFIERS = new Set(['mt-suggestion', 'leveraged-mt']);

function noteOf(xml: XmlDoc, n: number, level: Note['level']): Note {
  return note(xml, n, level, { appliesTo: xml.attr(n, 'annotates'), author: xml.attr(n, 'from'), category: null });
}

function notesOf(xml: XmlDoc, element: number, ns: string, level: Note['level']): Note[] {
  return xml
    .children(element)
    .filter((c) => xml.is(c, 'note', ns))
    .map((n) => noteOf(xml, n, level));
}

/** `<mrk mtype="seg">` markers inside a source or target, in order. */
function segmentMarkers(xml: XmlDoc, element: number, ns: string): number[] {
  return xml.children(element).flatMap((c) => (xml.is(c, 'mrk', ns) && xml.attr(c, 'mtype') === 'seg' ? [c] : segmentMarkers(xml, c, ns)));
}

function candidate(alt: number, reader: Reader, ctx: InlineContext, scope: Scope): Candidate | null {
  const xml = reader.xml;
  const type = xml.attr(alt, 'alttranstype');
  const target = xml.child(alt, 'target', reader.ns);
  // Previous versions, rejected and reference translations are not proposals for this target.
  if (target === NONE || (type !== null && type !== 'proposal')) return null;
  const source = xml.child(alt, 'source', reader.ns);
  const toolId = xml.attr(alt, 'tool-id');
  const origin = xml.attr(alt, 'origin') ?? (toolId === null ? null : (scope.tools.get(toolId) ?? toolId)) ?? xml.attr(alt, 'tool');
  const qualifier = xml.attr(target, 'state-qualifier');
  return {
    target: readContent(target, ctx),
    source: source === NONE ? null : readContent(source, ctx),
    matchQuality: parseQuality(xml.attr(alt, 'match-quality')),
    similarity: null,
    origin,
    machine: (qualifier !== null && MACHINE_QUALIFIERS.has(qualifier)) || soundsMachine(origin),
    type,
    line: positionOf(xml, xml.start(alt)).line,
  };
}

function targetOrigin(xml: XmlDoc, target: number): TargetOrigin {
  const qualifier = target === NONE ? null : xml.attr(target, 'state-qualifier');
  return { matchQuality: null, origin: null, machine: qualifier !== null && MACHINE_QUALIFIERS.has(qualifier) };
}

function lengthLimit(xml: XmlDoc, unit: number): LengthLimit | null {
  // 1.2's maxwidth is in pixels unless size-unit says otherwise; only characters can be checked here.
  if (xml.attr(unit, 'size-unit') !== 'char') return null;
  const max = xml.attr(unit, 'maxwidth');
  const min = xml.attr(unit, 'minwidth');
  return parseLimit(max === null ? null : min === null ? max : `${min},${max}`, { unit: 'codepoints', from: 'maxwidth' });
}

function readUnit(reader: Reader, unit: number, scope: Scope): void {
  const ns = reader.ns;
  const xml = reader.xml;
  // One pass over the unit's children for what it is made of.
  let source = NONE;
  let segSource = NONE;
  let target = NONE;
  const alts: number[] = [];
  const notes: Note[] = [];
  for (let c = xml.firstChild(unit); c !== NONE; c = xml.nextSibling(c)) {
    if (xml.kind(c) !== ELEMENT || xml.uri(c) !== ns) continue;
    const local = xml.local(c);
    if (local === 'source') source = source === NONE ? c : source;
    else if (local === 'target') target = target === NONE ? c : target;
    else if (local === 'seg-source') segSource = segSource === NONE ? c : segSource;
    else if (local === 'alt-trans') alts.push(c);
    else if (local === 'note') notes.push(noteOf(xml, c, 'unit'));
  }
  if (source === NONE) reader.refuse(unit, `trans-unit "${xml.attr(unit, 'id') ?? ''}" has no <source>`, 'the file is damaged or not valid XLIFF 1.2; export it again from the tool that made it');
  const unitId = xml.attr(unit, 'id');
  const unitKey = scope.units.next(unitId);
  const translate = (xml.attr(unit, 'translate') ?? (scope.translate ? 'yes' : 'no')) !== 'no';
  const sourceLang = langOf(xml, source) ?? scope.sourceLang;
  const targetLang = langOf(xml, target) ?? scope.targetLang;
  const ctx = reader.inline('1.2');
  const state = { state: target === NONE ? null : xml.attr(target, 'state'), qualifier: target === NONE ? null : xml.attr(target, 'state-qualifier') };
  const layout: Unit12 = { source, segSource, target, targetLang, state, segments: [] };
  const common: UnitFields = {
    fileKey: scope.fileKey,
    unitId,
    translate,
    sourceLang,
    targetLang,
    sourceDir: directionOfLanguage(sourceLang),
    targetDir: directionOfLanguage(targetLang),
    space: spaceOf(xml, target, spaceOf(xml, unit, scope.space)),
    state,
    notes: notes.length === 0 ? scope.notes.slice() : notes.concat(scope.notes),
    lengthLimit: lengthLimit(xml, unit),
  };
  const origin = targetOrigin(xml, target);
  const markers = segSource === NONE ? [] : segmentMarkers(xml, segSource, ns);
  const segments = new IdScope();

  if (markers.length === 0) {
    const candidates: Candidate[] = [];
    for (const alt of alts) {
      const c = candidate(alt, reader, ctx, scope);
      if (c) candidates.push(c);
    }
    const own = { id: segmentId(scope.fileId, unitKey, segments.next(null)), segmentId: null, source: readContent(source, ctx), target: target === NONE ? null : readContent(target, ctx), candidates, origin };
    layout.segments.push(reader.add(common, own, unit, { unit: layout, segment: NONE, source, target }));
    return;
  }
  const read = alts.map((alt) => ({ mid: xml.attr(alt, 'mid'), candidate: candidate(alt, reader, ctx, scope) }));
  const inTarget = new Map((target === NONE ? [] : segmentMarkers(xml, target, ns)).map((m) => [xml.attr(m, 'mid'), m]));
  for (const marker of markers) {
    const mid = xml.attr(marker, 'mid');
    const targetMarker = mid === null ? NONE : (inTarget.get(mid) ?? NONE);
    // An alt-trans without mid is for the whole unit, which is this segment only when it is the only one.
    const candidates = read.flatMap((a) => (a.candidate && (a.mid === null ? markers.length === 1 : a.mid === mid) ? [a.candidate] : []));
    const own = {
      id: segmentId(scope.fileId, unitKey, segments.next(mid)),
      segmentId: mid,
      source: readContent(marker, ctx),
      target: targetMarker === NONE ? null : readContent(targetMarker, ctx),
      candidates,
      origin,
    };
    layout.segments.push(reader.add(common, own, marker, { unit: layout, segment: NONE, source: marker, target: targetMarker }));
  }
}

function walk(reader: Reader, parent: number, scope: Scope): void {
  const xml = reader.xml;
  for (const element of xml.children(parent)) {
    if (xml.uri(element) !== reader.ns) continue;
    const local = xml.local(element);
    if (local === 'trans-unit') readUnit(reader, element, scope);
    else if (local === 'group' || local === 'bin-unit') {
      walk(reader, element, {
        ...scope,
        translate: (xml.attr(element, 'translate') ?? (scope.translate ? 'yes' : 'no')) !== 'no',
        space: spaceOf(xml, element, scope.space),
        notes: [...notesOf(xml, element, reader.ns, 'group'), ...scope.notes],
      });
    }
  }
}

export function read12(reader: Reader): void {
  const xml = reader.xml;
  const root = xml.root;
  const files = new IdScope();
  for (const file of xml.children(root).filter((c) => xml.is(c, 'file', reader.ns))) {
    const original = xml.attr(file, 'original');
    const header = xml.child(file, 'header', reader.ns);
    const tools = new Map(
      (header === NONE ? [] : xml.children(header)).filter((t) => xml.is(t, 'tool', reader.ns)).map((t) => [xml.attr(t, 'tool-id') ?? '', xml.attr(t, 'tool-name') ?? xml.attr(t, 'tool-id') ?? '']),
    );
    const scope: Scope = {
      fileKey: original,
      fileId: files.next(original),
      units: new IdScope(),
      sourceLang: xml.attr(file, 'source-language'),
      targetLang: xml.attr(file, 'target-language'),
      tools,
      translate: true,
      space: spaceOf(xml, file, spaceOf(xml, root, 'default')),
      notes: header === NONE ? [] : notesOf(xml, header, reader.ns, 'file'),
    };
    const body = xml.child(file, 'body', reader.ns);
    if (body !== NONE) walk(reader, body, scope);
  }
}
