// Shared helpers of the tests that import, export and compare XLIFF files through the app, the desk and
// the command line: the fixtures, their text, and what two documents have in common. Not a test file itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ResultEvent } from '../../shared/batch-file';
import type { FieldValues, Item, TaskSchema } from '../../shared/domain';
import { commit, initialReview, type Intent } from '../../shared/review';
import { readXliff, type XliffDocument, type XliffSegment } from '../../shared/xliff';

export const XLIFF_FIXTURES = join(process.cwd(), 'test/fixtures/xliff');

export const fixturePath = (name: string) => join(XLIFF_FIXTURES, name);

/** Byte for byte equal, whichever realm's Uint8Array each came in (jsdom's, IndexedDB's, Node's). */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(Buffer.from(actual).equals(Buffer.from(expected)), `${actual.length} bytes against ${expected.length}, not the same`).toBe(true);
}
export const fixtureBytes = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));

/** The text of an XLIFF file in its own encoding, told by its byte-order mark as a CAT tool would. */
export function xmlText(bytes: Uint8Array): string {
  const [a, b] = bytes;
  const encoding = a === 0xff && b === 0xfe ? 'utf-16le' : a === 0xfe && b === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * The document's text without its targets (of units and candidates alike) and state attributes, lines
 * with nothing left dropped: two documents that differ only in targets and their states give the same.
 */
export function withoutTargets(bytes: Uint8Array): string {
  return xmlText(bytes)
    .replace(/<((?:[\w.-]+:)?target)\b[^>]*?\/>|<((?:[\w.-]+:)?target)\b[^>]*>[\s\S]*?<\/\2>/gu, '')
    .replace(/\s(?:state|state-qualifier|subState)\s*=\s*("[^"]*"|'[^']*')/gu, '')
    .split(/\r\n|\r|\n/u)
    .filter((line) => line.trim() !== '')
    .join('\n');
}

export function readDocument(bytes: Uint8Array, name = 'test.xlf'): XliffDocument {
  const read = readXliff(bytes, name);
  if (!read.ok) throw new Error(read.error.message);
  return read.document;
}

export function segmentOf(doc: XliffDocument, id: string): XliffSegment {
  const found = doc.segments.find((s) => s.id === id);
  if (!found) throw new Error(`no segment ${id} in ${doc.fileName}`);
  return found;
}

/** The plain text of a segment's target (inline codes left out), or null without a target. */
export function targetText(doc: XliffDocument, id: string): string | null {
  const target = segmentOf(doc, id).target;
  return target && target.map((t) => (t.type === 'text' ? t.text : '')).join('');
}

/**
 * What a CAT tool would notice of an export: the same document but for targets and states, and every
 * segment outside `changed` with its target and state as they were.
 */
export function expectOnlyTargetsChanged(before: Uint8Array, after: Uint8Array, changed: readonly string[]): void {
  expect(withoutTargets(after)).toBe(withoutTargets(before));
  const was = readDocument(before);
  const now = readDocument(after);
  expect(now.encoding).toBe(was.encoding);
  expect(now.segments.map((s) => s.id)).toEqual(was.segments.map((s) => s.id));
  for (const s of was.segments) {
    if (changed.includes(s.id)) continue;
    const after = segmentOf(now, s.id);
    expect([after.target, after.state], s.id).toEqual([s.target, s.state]);
  }
}

/** A reviewer's verdict on an item as the one event the review screen would commit, at `at`. */
export function verdictEvent(schema: TaskSchema, item: Item, reviewer: { id: string; name: string }, intent: Intent, at: string, values?: FieldValues): ResultEvent {
  const made = commit({
    schema,
    item,
    review: initialReview(item, reviewer),
    draft: { values: { ...item.output, ...values }, comment: '', reason: null },
    intent,
    reviewer,
    deviceId: `device-${reviewer.id}`,
    eventId: `${reviewer.id}-${item.id}-${at}`,
    at,
    timeSpentMs: 1000,
  });
  if (!made.ok || !made.event) throw new Error(`no event for ${item.id}`);
  return made.event;
}
