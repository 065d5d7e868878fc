import { directionOfLanguage } from './direction';
import { IdScope, segmentId } from './ids';
import { readContent, type InlineContext } from './inline';
import type { Candidate, Direction, LengthLimit, Note } from './model';
import { parseQuality, soundsMachine, type TargetOrigin } from './output';
import { langOf, note, parseLimit, spaceOf, type Reader, type UnitFields } from './reader';
import { NONE, type XmlDoc } from './tree';
import { positionOf } from './xml';

/** XLIFF 2.0–2.2: files, groups and units of segments, with the matches, size-restriction and ITS modules. */

const MTC_NS = 'urn:oasis:names:tc:xliff:matches:2.0';
const SLR_NS = 'urn:oasis:names:tc:xliff:sizerestriction:2.0';
const ITS_NS = 'http://www.w3.org/2005/11/its';

interface Scope {
  fileKey: string | null;
  fileId: string;
  units: IdScope;
  sourceLang: string | null;
  targetLang: string | null;
  translate: boolean;
  space: 'default' | 'preserve';
  srcDir: Direction;
  trgDir: Direction;
  notes: Note[];
  /** ITS annotators in force, by data category (`mt-confidence` → the MT system). */
  annotators: ReadonlyMap<string, string>;
  /** The file's size-restriction profiles. */
  profiles: { general: string; storage: string };
}

function notesOf(xml: XmlDoc, element: number, ns: string, level: Note['level']): Note[] {
  const notes = xml.child(element, 'notes', ns);
  return (notes === NONE ? [] : xml.children(notes))
    .filter((n) => xml.is(n, 'note', ns))
    .map((n) => note(xml, n, level, { appliesTo: xml.attr(n, 'appliesTo'), author: null, category: xml.attr(n, 'category') }));
}

/** `its:annotatorsRef` ("category|IRI …") over the ones inherited: the nearest wins per category. */
function annotators(xml: XmlDoc, element: number, inherited: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const value = xml.attr(element, 'annotatorsRef', ITS_NS);
  if (value === null) return inherited;
  const merged = new Map(inherited);
  for (const pair of value.trim().split(/\s+/u)) {
    const bar = pair.indexOf('|');
    if (bar > 0) merged.set(pair.slice(0, bar), pair.slice(bar + 1));
  }
  return merged;
}

function direction(xml: XmlDoc, element: number, name: 'srcDir' | 'trgDir', inherited: Direction): Direction {
  const value = xml.attr(element, name);
  return value === 'ltr' || value === 'rtl' || value === 'auto' ? value : inherited;
}

function inherit(xml: XmlDoc, element: number, scope: Scope, ns: string, level: Note['level']): Scope {
  return {
    ...scope,
    translate: (xml.attr(element, 'translate') ?? (scope.translate ? 'yes' : 'no')) !== 'no',
    space: spaceOf(xml, element, scope.space),
    srcDir: direction(xml, element, 'srcDir', scope.srcDir),
    trgDir: direction(xml, element, 'trgDir', scope.trgDir),
    notes: [...notesOf(xml, element, ns, level), ...scope.notes],
    annotators: annotators(xml, element, scope.annotators),
  };
}

const STORAGE_ENCODINGS: Record<string, string> = { 'xliff:utf8': 'UTF-8', 'xliff:utf16': 'UTF-16', 'xliff:utf32': 'UTF-32' };

/** The unit's size restriction in the file's profiles when Loupe knows them, else its ITS storage size. */
function lengthLimit(xml: XmlDoc, unit: number, profiles: Scope['profiles']): LengthLimit | null {
  const size = xml.attr(unit, 'sizeRestriction', SLR_NS);
  if (size !== null && profiles.general === 'xliff:codepoints') return parseLimit(size, { unit: 'codepoints', from: 'slr:sizeRestriction' });
  const storage = xml.attr(unit, 'storageRestriction', SLR_NS);
  const encoding = STORAGE_ENCODINGS[profiles.storage];
  if (storage !== null && encoding) return parseLimit(storage, { unit: 'bytes', encoding, from: 'slr:storageRestriction' });
  const its = xml.attr(unit, 'storageSize', ITS_NS);
  return parseLimit(its, { unit: 'bytes', encoding: xml.attr(unit, 'storageEncoding', ITS_NS) ?? 'UTF-8', from: 'its:storageSize' });
}

/** The first element below `element`, depth first, that `test` accepts; NONE when there is none. */
function findBelow(xml: XmlDoc, element: number, test: (e: number) => boolean): number {
  for (const c of xml.children(element)) {
    if (test(c)) return c;
    const found = findBelow(xml, c, test);
    if (found !== NONE) return found;
  }
  return NONE;
}

/** The id a `ref` points to: `#m1`, or the last step of `#/f=f1/u=u1/m1` (`t=` marks a target-side id). */
function refId(ref: string | null): string | null {
  if (ref === null) return null;
  const last = ref.replace(/^#/u, '').split('/').pop() ?? '';
  return last.replace(/^t=/u, '') || null;
}

function match(element: number, reader: Reader, ctx: InlineContext, scope: Scope): Candidate | null {
  const xml = reader.xml;
  const target = xml.child(element, 'target', reader.ns);
  if (target === NONE) return null;
  const source = xml.child(element, 'source', reader.ns);
  const known = annotators(xml, element, scope.annotators);
  const type = xml.attr(element, 'type');
  const origin = xml.attr(element, 'origin') ?? known.get('mt-confidence') ?? null;
  return {
    target: readContent(target, ctx),
    source: source === NONE ? null : readContent(source, ctx),
    matchQuality: parseQuality(xml.attr(element, 'matchQuality'), 'percent'),
    similarity: parseQuality(xml.attr(element, 'similarity'), 'percent'),
    origin,
    machine: type === 'mt' || known.has('mt-confidence') || soundsMachine(origin),
    type,
    line: positionOf(xml, xml.start(element)).line,
  };
}

/** An ITS MT confidence on the target's content makes it machine translation of that confidence. */
function targetOrigin(xml: XmlDoc, target: number, scope: Scope): TargetOrigin {
  const marked = target === NONE ? NONE : findBelow(xml, target, (e) => xml.attr(e, 'mtConfidence', ITS_NS) !== null);
  if (marked === NONE) return { matchQuality: null, origin: null, machine: false };
  return { matchQuality: parseQuality(xml.attr(marked, 'mtConfidence', ITS_NS), 'fraction'), origin: annotators(xml, marked, scope.annotators).get('mt-confidence') ?? null, machine: true };
}

function readUnit(reader: Reader, unit: number, outer: Scope): void {
  const ns = reader.ns;
  const xml = reader.xml;
  const scope = inherit(xml, unit, outer, ns, 'unit');
  const unitId = xml.attr(unit, 'id');
  const unitKey = scope.units.next(unitId);
  const originalData = xml.child(unit, 'originalData', ns);
  const data = new Map((originalData === NONE ? [] : xml.children(originalData)).map((d) => [xml.attr(d, 'id') ?? '', xml.textContent(d)]));
  const ctx = reader.inline('2', data);
  const segments = xml.children(unit).filter((c) => xml.is(c, 'segment', ns));
  const matchesElement = xml.child(unit, 'matches', MTC_NS);
  const matchScope = matchesElement === NONE ? scope : { ...scope, annotators: annotators(xml, matchesElement, scope.annotators) };
  const matches = (matchesElement === NONE ? [] : xml.children(matchesElement))
    .filter((m) => xml.is(m, 'match', MTC_NS))
    .map((m) => ({ ref: refId(xml.attr(m, 'ref')), candidate: match(m, reader, ctx, matchScope) }));
  const placed = new Set<number>();
  const ids = new IdScope();
  const limit = lengthLimit(xml, unit, scope.profiles);

  for (const segment of segments) {
    const source = xml.child(segment, 'source', ns);
    if (source === NONE) reader.refuse(segment, `a segment of unit "${unitId ?? ''}" has no <source>`, 'the file is damaged or not valid XLIFF 2; export it again from the tool that made it');
    const target = xml.child(segment, 'target', ns);
    const id = xml.attr(segment, 'id');
    // A match points at the segment or at a span of its source; a unit of one segment takes them all.
    const candidates = matches.flatMap((m, i) => {
      const ref = m.ref;
      const mine = segments.length === 1 || (ref !== null && (ref === id || findBelow(xml, source, (e) => xml.attr(e, 'id') === ref) !== NONE));
      if (!mine || !m.candidate) return [];
      placed.add(i);
      return [m.candidate];
    });
    const sourceLang = langOf(xml, source) ?? scope.sourceLang;
    const targetLang = langOf(xml, target) ?? scope.targetLang;
    const fields: UnitFields = {
      fileKey: scope.fileKey,
      unitId,
      translate: scope.translate,
      sourceLang,
      targetLang,
      sourceDir: scope.srcDir === 'auto' ? directionOfLanguage(sourceLang) : scope.srcDir,
      targetDir: scope.trgDir === 'auto' ? directionOfLanguage(targetLang) : scope.trgDir,
      space: spaceOf(xml, target, scope.space),
      state: { state: xml.attr(segment, 'state'), qualifier: xml.attr(segment, 'subState') },
      notes: scope.notes,
      lengthLimit: limit,
    };
    const own = {
      id: segmentId(scope.fileId, unitKey, ids.next(id)),
      segmentId: id,
      source: readContent(source, ctx),
      target: target === NONE ? null : readContent(target, ctx),
      candidates,
      origin: targetOrigin(xml, target, scope),
    };
    reader.add(fields, own, segment, { unit: null, segment, source, target });
  }
  if (matchesElement !== NONE && placed.size < matches.length) {
    reader.warn(matchesElement, `unit "${unitId ?? ''}" has ${matches.length - placed.size} translation candidate(s) whose ref points at no segment of the unit; they are not offered`);
  }
}

function walk(reader: Reader, parent: number, scope: Scope): void {
  const xml = reader.xml;
  for (const element of xml.children(parent)) {
    if (xml.uri(element) !== reader.ns) continue;
    const local = xml.local(element);
    if (local === 'unit') readUnit(reader, element, scope);
    else if (local === 'group') walk(reader, element, inherit(xml, element, scope, reader.ns, 'group'));
  }
}

export function read20(reader: Reader): void {
  const xml = reader.xml;
  const root = xml.root;
  const files = new IdScope();
  const base = annotators(xml, root, new Map());
  for (const file of xml.children(root).filter((c) => xml.is(c, 'file', reader.ns))) {
    const id = xml.attr(file, 'id');
    const profiles = xml.child(file, 'profiles', SLR_NS);
    const top: Scope = {
      fileKey: id,
      fileId: files.next(id),
      units: new IdScope(),
      sourceLang: xml.attr(root, 'srcLang'),
      targetLang: xml.attr(root, 'trgLang'),
      translate: true,
      space: spaceOf(xml, root, 'default'),
      srcDir: 'auto',
      trgDir: 'auto',
      notes: [],
      annotators: base,
      // Without a profiles element, the two profiles the specification defines for general and storage sizes.
      profiles: {
        general: (profiles === NONE ? null : xml.attr(profiles, 'generalProfile')) ?? 'xliff:codepoints',
        storage: (profiles === NONE ? null : xml.attr(profiles, 'storageProfile')) ?? 'xliff:utf8',
      },
    };
    walk(reader, file, inherit(xml, file, top, reader.ns, 'file'));
  }
}
