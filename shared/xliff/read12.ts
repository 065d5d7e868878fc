import { directionOfLanguage } from './direction';
import { IdScope, segmentId } from './ids';
import { readContent, type InlineContext } from './inline';
import type { Unit12 } from './layout';
import type { Candidate, LengthLimit, Note } from './model';
import { parseQuality, soundsMachine, type TargetOrigin } from './output';
import { langOf, note, parseLimit, spaceOf, type Reader } from './reader';
import { attr, childElements, firstChild, positionOf, type XmlElement } from './xml';

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

function notesOf(element: XmlElement, ns: string, level: Note['level']): Note[] {
  return childElements(element)
    .filter((c) => c.local === 'note' && c.uri === ns)
    .map((n) => note(n, level, { appliesTo: attr(n, 'annotates'), author: attr(n, 'from'), category: null }));
}

/** `<mrk mtype="seg">` markers inside a source or target, in order. */
function segmentMarkers(element: XmlElement, ns: string): XmlElement[] {
  return childElements(element).flatMap((c) => (c.uri === ns && c.local === 'mrk' && attr(c, 'mtype') === 'seg' ? [c] : segmentMarkers(c, ns)));
}

function candidate(alt: XmlElement, reader: Reader, ctx: InlineContext, scope: Scope): Candidate | null {
  const type = attr(alt, 'alttranstype');
  const target = firstChild(alt, 'target', reader.ns);
  // Previous versions, rejected and reference translations are not proposals for this target.
  if (!target || (type !== null && type !== 'proposal')) return null;
  const source = firstChild(alt, 'source', reader.ns);
  const toolId = attr(alt, 'tool-id');
  const origin = attr(alt, 'origin') ?? (toolId === null ? null : (scope.tools.get(toolId) ?? toolId)) ?? attr(alt, 'tool');
  const qualifier = attr(target, 'state-qualifier');
  return {
    target: readContent(target, ctx),
    source: source ? readContent(source, ctx) : null,
    matchQuality: parseQuality(attr(alt, 'match-quality')),
    similarity: null,
    origin,
    machine: (qualifier !== null && MACHINE_QUALIFIERS.has(qualifier)) || soundsMachine(origin),
    type,
    line: positionOf(reader.tree, alt.start).line,
  };
}

function targetOrigin(target: XmlElement | null): TargetOrigin {
  const qualifier = target ? attr(target, 'state-qualifier') : null;
  return { matchQuality: null, origin: null, machine: qualifier !== null && MACHINE_QUALIFIERS.has(qualifier) };
}

function lengthLimit(unit: XmlElement): LengthLimit | null {
  // 1.2's maxwidth is in pixels unless size-unit says otherwise; only characters can be checked here.
  if (attr(unit, 'size-unit') !== 'char') return null;
  const max = attr(unit, 'maxwidth');
  const min = attr(unit, 'minwidth');
  return parseLimit(max === null ? null : min === null ? max : `${min},${max}`, { unit: 'codepoints', from: 'maxwidth' });
}

function readUnit(reader: Reader, unit: XmlElement, scope: Scope): void {
  const ns = reader.ns;
  const source = firstChild(unit, 'source', ns);
  if (!source) reader.refuse(unit, `trans-unit "${attr(unit, 'id') ?? ''}" has no <source>`, 'the file is damaged or not valid XLIFF 1.2; export it again from the tool that made it');
  const segSource = firstChild(unit, 'seg-source', ns);
  const target = firstChild(unit, 'target', ns);
  const unitId = attr(unit, 'id');
  const unitKey = scope.units.next(unitId);
  const translate = (attr(unit, 'translate') ?? (scope.translate ? 'yes' : 'no')) !== 'no';
  const space = spaceOf(target, spaceOf(unit, scope.space));
  const sourceLang = langOf(source) ?? scope.sourceLang;
  const targetLang = langOf(target) ?? scope.targetLang;
  const ctx = reader.inline('1.2');
  const notes = [...notesOf(unit, ns, 'unit'), ...scope.notes];
  const alts = childElements(unit)
    .filter((c) => c.local === 'alt-trans' && c.uri === ns)
    .map((alt) => ({ mid: attr(alt, 'mid'), candidate: candidate(alt, reader, ctx, scope) }));
  const state = { state: target ? attr(target, 'state') : null, qualifier: target ? attr(target, 'state-qualifier') : null };
  const layout: Unit12 = { source, segSource, target, targetLang, state, segments: [] };
  const common = {
    fileKey: scope.fileKey,
    unitId,
    translate,
    sourceLang,
    targetLang,
    sourceDir: directionOfLanguage(sourceLang),
    targetDir: directionOfLanguage(targetLang),
    space,
    state,
    notes,
    lengthLimit: lengthLimit(unit),
  };
  const own = targetOrigin(target);
  const markers = segSource ? segmentMarkers(segSource, ns) : [];
  const segments = new IdScope();

  if (markers.length === 0) {
    const candidates = alts.flatMap((a) => (a.candidate ? [a.candidate] : []));
    const index = reader.add(
      { ...common, id: segmentId(scope.fileId, unitKey, segments.next(null)), segmentId: null, source: readContent(source, ctx), target: target ? readContent(target, ctx) : null, candidates },
      own,
      unit,
      { unit: layout, segment: null, source, target },
    );
    layout.segments.push(index);
    return;
  }
  const inTarget = new Map((target ? segmentMarkers(target, ns) : []).map((m) => [attr(m, 'mid'), m]));
  for (const marker of markers) {
    const mid = attr(marker, 'mid');
    const targetMarker = mid === null ? null : (inTarget.get(mid) ?? null);
    // An alt-trans without mid is for the whole unit, which is this segment only when it is the only one.
    const candidates = alts.flatMap((a) => (a.candidate && (a.mid === null ? markers.length === 1 : a.mid === mid) ? [a.candidate] : []));
    const index = reader.add(
      {
        ...common,
        id: segmentId(scope.fileId, unitKey, segments.next(mid)),
        segmentId: mid,
        source: readContent(marker, ctx),
        target: targetMarker ? readContent(targetMarker, ctx) : null,
        candidates,
      },
      own,
      marker,
      { unit: layout, segment: null, source: marker, target: targetMarker },
    );
    layout.segments.push(index);
  }
}

function walk(reader: Reader, parent: XmlElement, scope: Scope): void {
  for (const element of childElements(parent)) {
    if (element.uri !== reader.ns) continue;
    if (element.local === 'trans-unit') readUnit(reader, element, scope);
    else if (element.local === 'group' || element.local === 'bin-unit') {
      walk(reader, element, {
        ...scope,
        translate: (attr(element, 'translate') ?? (scope.translate ? 'yes' : 'no')) !== 'no',
        space: spaceOf(element, scope.space),
        notes: [...notesOf(element, reader.ns, 'group'), ...scope.notes],
      });
    }
  }
}

export function read12(reader: Reader): void {
  const root = reader.tree.root;
  const files = new IdScope();
  for (const file of childElements(root).filter((c) => c.local === 'file' && c.uri === reader.ns)) {
    const original = attr(file, 'original');
    const header = firstChild(file, 'header', reader.ns);
    const tools = new Map(
      (header ? childElements(header) : []).filter((t) => t.local === 'tool' && t.uri === reader.ns).map((t) => [attr(t, 'tool-id') ?? '', attr(t, 'tool-name') ?? attr(t, 'tool-id') ?? '']),
    );
    const scope: Scope = {
      fileKey: original,
      fileId: files.next(original),
      units: new IdScope(),
      sourceLang: attr(file, 'source-language'),
      targetLang: attr(file, 'target-language'),
      tools,
      translate: true,
      space: spaceOf(file, spaceOf(root, 'default')),
      notes: header ? notesOf(header, reader.ns, 'file') : [],
    };
    const body = firstChild(file, 'body', reader.ns);
    if (body) walk(reader, body, scope);
  }
}
