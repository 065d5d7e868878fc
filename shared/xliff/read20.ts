import { directionOfLanguage } from './direction';
import { IdScope, segmentId } from './ids';
import { readContent, type InlineContext } from './inline';
import type { Candidate, Direction, LengthLimit, Note } from './model';
import { parseQuality, soundsMachine, type TargetOrigin } from './output';
import { langOf, note, parseLimit, spaceOf, type Reader } from './reader';
import { attr, childElements, firstChild, positionOf, textContent, type XmlElement } from './xml';

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

function notesOf(element: XmlElement, ns: string, level: Note['level']): Note[] {
  const notes = firstChild(element, 'notes', ns);
  return (notes ? childElements(notes) : [])
    .filter((n) => n.local === 'note' && n.uri === ns)
    .map((n) => note(n, level, { appliesTo: attr(n, 'appliesTo'), author: null, category: attr(n, 'category') }));
}

/** `its:annotatorsRef` ("category|IRI …") over the ones inherited: the nearest wins per category. */
function annotators(element: XmlElement, inherited: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const value = attr(element, 'annotatorsRef', ITS_NS);
  if (value === null) return inherited;
  const merged = new Map(inherited);
  for (const pair of value.trim().split(/\s+/u)) {
    const bar = pair.indexOf('|');
    if (bar > 0) merged.set(pair.slice(0, bar), pair.slice(bar + 1));
  }
  return merged;
}

function direction(element: XmlElement, name: 'srcDir' | 'trgDir', inherited: Direction): Direction {
  const value = attr(element, name);
  return value === 'ltr' || value === 'rtl' || value === 'auto' ? value : inherited;
}

function inherit(element: XmlElement, scope: Scope, ns: string, level: Note['level']): Scope {
  return {
    ...scope,
    translate: (attr(element, 'translate') ?? (scope.translate ? 'yes' : 'no')) !== 'no',
    space: spaceOf(element, scope.space),
    srcDir: direction(element, 'srcDir', scope.srcDir),
    trgDir: direction(element, 'trgDir', scope.trgDir),
    notes: [...notesOf(element, ns, level), ...scope.notes],
    annotators: annotators(element, scope.annotators),
  };
}

const STORAGE_ENCODINGS: Record<string, string> = { 'xliff:utf8': 'UTF-8', 'xliff:utf16': 'UTF-16', 'xliff:utf32': 'UTF-32' };

/** The unit's size restriction in the file's profiles when Loupe knows them, else its ITS storage size. */
function lengthLimit(unit: XmlElement, profiles: Scope['profiles']): LengthLimit | null {
  const size = attr(unit, 'sizeRestriction', SLR_NS);
  if (size !== null && profiles.general === 'xliff:codepoints') return parseLimit(size, { unit: 'codepoints', from: 'slr:sizeRestriction' });
  const storage = attr(unit, 'storageRestriction', SLR_NS);
  const encoding = STORAGE_ENCODINGS[profiles.storage];
  if (storage !== null && encoding) return parseLimit(storage, { unit: 'bytes', encoding, from: 'slr:storageRestriction' });
  const its = attr(unit, 'storageSize', ITS_NS);
  return parseLimit(its, { unit: 'bytes', encoding: attr(unit, 'storageEncoding', ITS_NS) ?? 'UTF-8', from: 'its:storageSize' });
}

/** The first element below `element`, depth first, that `test` accepts. */
function findBelow(element: XmlElement, test: (e: XmlElement) => boolean): XmlElement | null {
  for (const c of element.children) {
    if (c.type !== 'element') continue;
    if (test(c)) return c;
    const found = findBelow(c, test);
    if (found) return found;
  }
  return null;
}

/** The id a `ref` points to: `#m1`, or the last step of `#/f=f1/u=u1/m1` (`t=` marks a target-side id). */
function refId(ref: string | null): string | null {
  if (ref === null) return null;
  const last = ref.replace(/^#/u, '').split('/').pop() ?? '';
  return last.replace(/^t=/u, '') || null;
}

function match(element: XmlElement, reader: Reader, ctx: InlineContext, scope: Scope): Candidate | null {
  const target = firstChild(element, 'target', reader.ns);
  if (!target) return null;
  const source = firstChild(element, 'source', reader.ns);
  const known = annotators(element, scope.annotators);
  const type = attr(element, 'type');
  const origin = attr(element, 'origin') ?? known.get('mt-confidence') ?? null;
  return {
    target: readContent(target, ctx),
    source: source ? readContent(source, ctx) : null,
    matchQuality: parseQuality(attr(element, 'matchQuality'), 'percent'),
    similarity: parseQuality(attr(element, 'similarity'), 'percent'),
    origin,
    machine: type === 'mt' || known.has('mt-confidence') || soundsMachine(origin),
    type,
    line: positionOf(reader.tree, element.start).line,
  };
}

/** An ITS MT confidence on the target's content makes it machine translation of that confidence. */
function targetOrigin(target: XmlElement | null, scope: Scope): TargetOrigin {
  const marked = target && findBelow(target, (e) => attr(e, 'mtConfidence', ITS_NS) !== null);
  if (!marked) return { matchQuality: null, origin: null, machine: false };
  return { matchQuality: parseQuality(attr(marked, 'mtConfidence', ITS_NS), 'fraction'), origin: annotators(marked, scope.annotators).get('mt-confidence') ?? null, machine: true };
}

function readUnit(reader: Reader, unit: XmlElement, outer: Scope): void {
  const ns = reader.ns;
  const scope = inherit(unit, outer, ns, 'unit');
  const unitId = attr(unit, 'id');
  const unitKey = scope.units.next(unitId);
  const originalData = firstChild(unit, 'originalData', ns);
  const data = new Map((originalData ? childElements(originalData) : []).map((d) => [attr(d, 'id') ?? '', textContent(d)]));
  const ctx = reader.inline('2', data);
  const segments = childElements(unit).filter((c) => c.local === 'segment' && c.uri === ns);
  const matchesElement = firstChild(unit, 'matches', MTC_NS);
  const matchScope = matchesElement ? { ...scope, annotators: annotators(matchesElement, scope.annotators) } : scope;
  const matches = (matchesElement ? childElements(matchesElement) : [])
    .filter((m) => m.local === 'match' && m.uri === MTC_NS)
    .map((m) => ({ ref: refId(attr(m, 'ref')), candidate: match(m, reader, ctx, matchScope) }));
  const placed = new Set<number>();
  const ids = new IdScope();
  const limit = lengthLimit(unit, scope.profiles);

  for (const segment of segments) {
    const source = firstChild(segment, 'source', ns);
    if (!source) reader.refuse(segment, `a segment of unit "${unitId ?? ''}" has no <source>`, 'the file is damaged or not valid XLIFF 2; export it again from the tool that made it');
    const target = firstChild(segment, 'target', ns);
    const id = attr(segment, 'id');
    // A match points at the segment or at a span of its source; a unit of one segment takes them all.
    const candidates = matches.flatMap((m, i) => {
      const ref = m.ref;
      const mine = segments.length === 1 || (ref !== null && (ref === id || findBelow(source, (e) => attr(e, 'id') === ref) !== null));
      if (!mine || !m.candidate) return [];
      placed.add(i);
      return [m.candidate];
    });
    const sourceLang = langOf(source) ?? scope.sourceLang;
    const targetLang = langOf(target) ?? scope.targetLang;
    reader.add(
      {
        id: segmentId(scope.fileId, unitKey, ids.next(id)),
        fileKey: scope.fileKey,
        unitId,
        segmentId: id,
        translate: scope.translate,
        sourceLang,
        targetLang,
        sourceDir: scope.srcDir === 'auto' ? directionOfLanguage(sourceLang) : scope.srcDir,
        targetDir: scope.trgDir === 'auto' ? directionOfLanguage(targetLang) : scope.trgDir,
        space: spaceOf(target, scope.space),
        source: readContent(source, ctx),
        target: target ? readContent(target, ctx) : null,
        state: { state: attr(segment, 'state'), qualifier: attr(segment, 'subState') },
        notes: scope.notes,
        candidates,
        lengthLimit: limit,
      },
      targetOrigin(target, scope),
      segment,
      { unit: null, segment, source, target },
    );
  }
  if (matchesElement && placed.size < matches.length) {
    reader.warn(matchesElement, `unit "${unitId ?? ''}" has ${matches.length - placed.size} translation candidate(s) whose ref points at no segment of the unit; they are not offered`);
  }
}

function walk(reader: Reader, parent: XmlElement, scope: Scope): void {
  for (const element of childElements(parent)) {
    if (element.uri !== reader.ns) continue;
    if (element.local === 'unit') readUnit(reader, element, scope);
    else if (element.local === 'group') walk(reader, element, inherit(element, scope, reader.ns, 'group'));
  }
}

export function read20(reader: Reader): void {
  const root = reader.tree.root;
  const files = new IdScope();
  const base = annotators(root, new Map());
  for (const file of childElements(root).filter((c) => c.local === 'file' && c.uri === reader.ns)) {
    const id = attr(file, 'id');
    const profiles = firstChild(file, 'profiles', SLR_NS);
    const top: Scope = {
      fileKey: id,
      fileId: files.next(id),
      units: new IdScope(),
      sourceLang: attr(root, 'srcLang'),
      targetLang: attr(root, 'trgLang'),
      translate: true,
      space: spaceOf(root, 'default'),
      srcDir: 'auto',
      trgDir: 'auto',
      notes: [],
      annotators: base,
      // Without a profiles element, the two profiles the specification defines for general and storage sizes.
      profiles: { general: (profiles && attr(profiles, 'generalProfile')) ?? 'xliff:codepoints', storage: (profiles && attr(profiles, 'storageProfile')) ?? 'xliff:utf8' },
    };
    walk(reader, file, inherit(file, top, reader.ns, 'file'));
  }
}
