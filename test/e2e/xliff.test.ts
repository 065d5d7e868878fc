// A translator's XLIFF work in the web shell, for real in Chromium: an XLIFF 1.2 file with inline codes and a
// right-to-left XLIFF 2.1 file in UTF-16BE are imported through Import, edited with real keystrokes and clicks
// around and inside their codes (docs/reviewing.md, "Inline codes"), confirmed with Ctrl+Enter, and exported
// from the Export menu as the very files with only the reviewed targets and their states changed
// (docs/xliff.md, "Writing the file back"). Issue 5, "inline-code protection … end to end in Chromium,
// including a right-to-left file".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readXliff, type XliffDocument, type XliffSegment } from '../../shared/xliff';
import { closeBrowserSession, describeViolations, openBrowserSession, root, seriousAxeViolations } from './harness';
import { appUrl, button, importFile, openApp, openBatch, pageOutline, textOf, waitForItem, waitForText } from './review-screen';

const FIXTURES = join(root, 'test', 'fixtures', 'xliff');

/** XLIFF 1.2, UTF-8: a pair code (`g`) and two standalone codes (`x`, `ph`) in one segment. */
const CODES = {
  file: 'loupe-xliff12-e2e-codes.xlf',
  batch: 'loupe-xliff12-e2e-codes',
  intro: 'app%2Fstrings.json/intro/#1',
  save: 'app%2Fstrings.json/save/#1',
};
/** XLIFF 2.1, UTF-16BE with a byte-order mark, Arabic target; `u2` has `trgDir="rtl"` and a code. */
const ARABIC = {
  file: 'loupe-xliff21-utf16be-arabic.xlf',
  batch: 'loupe-xliff21-utf16be-arabic',
  match: 'f1/u1/s1',
  code: 'f1/u2/s1',
};

/** The AI output of the `save` segment: its target in the file, codes as placeholders. */
const SAVE_MT = 'Klicken Sie auf ⟨1⟩Speichern⟨/1⟩ oder drücken Sie ⟨2/⟩, um ⟨3/⟩ Änderungen zu behalten.';
const SAVE_FINAL = 'Klicken Sie auf ⟨1⟩Speichern⟨/1⟩ oder drücken Sie ⟨2/⟩, um ⟨3/⟩ Änderungen zu sichern.';
const ARABIC_MT = 'اضغط ⟨1/⟩ للحفظ.';
/** "Press the keys Ctrl+S to save the file." */
const ARABIC_FINAL = 'اضغط المفتاحين ⟨1/⟩ لحفظ الملف.';

let dataDir: string;
let profile: string;
let context: BrowserContext;
let page: Page;
let correction: Locator;

beforeAll(async () => {
  ({ dataDir, profile, context, page } = await openBrowserSession('xliff'));
});

afterAll(() => closeBrowserSession({ dataDir, profile, context }));

// ---- The correction text box --------------------------------------------------------------------------

interface Selection {
  start: number;
  end: number;
}

const selectionOf = (box: Locator): Promise<Selection> =>
  box.evaluate((el) => {
    const ta = el as HTMLTextAreaElement;
    return { start: ta.selectionStart, end: ta.selectionEnd };
  });

async function waitForSelection(box: Locator, expected: Selection, what: string): Promise<void> {
  await expect.poll(() => selectionOf(box), { timeout: 10_000, message: what }).toEqual(expected);
}

/** Where the placeholder `code` starts in `text`, failing when it is not there exactly once. */
function offsetOf(text: string, code: string): number {
  const at = text.indexOf(code);
  if (at < 0 || text.indexOf(code, at + 1) >= 0) throw new Error(`${JSON.stringify(code)} is not in ${JSON.stringify(text)} exactly once`);
  return at;
}

/**
 * A point on the text box where a click puts the caret at `offset` of its value: found with the browser's own
 * hit testing (`caretPositionFromPoint`, which answers with the text box and an offset in its value), as the
 * middle of the widest stretch of a line of text that gives that offset. Only points where the text box itself is
 * hit count, so nothing covers the point.
 */
async function pointForCaret(box: Locator, offset: number): Promise<{ x: number; y: number }> {
  await box.scrollIntoViewIfNeeded();
  const found = await box.evaluate((el, wanted) => {
    type CaretAt = (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    const caretAt = (document as unknown as { caretPositionFromPoint?: CaretAt }).caretPositionFromPoint?.bind(document);
    if (!caretAt) return null;
    const frame = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const line = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize);
    const top = frame.top + el.clientTop + parseFloat(style.paddingTop) - el.scrollTop;
    let best: { x: number; y: number; width: number } | null = null;
    // The middle of each line of text.
    for (let y = top + line / 2; y < frame.bottom - 1; y += line) {
      if (y <= frame.top) continue;
      let run: number | null = null;
      for (let x = Math.ceil(frame.left) + 1; x <= frame.right; x++) {
        const at = x < frame.right - 1 ? caretAt(x, y) : null;
        const hit = at !== null && at.offsetNode === el && at.offset === wanted;
        if (hit && run === null) run = x;
        if (!hit && run !== null) {
          if (!best || x - run > best.width) best = { x: (run + x - 1) / 2, y, width: x - run };
          run = null;
        }
      }
    }
    return best;
  }, offset);
  if (!found) throw new Error(`No point of the correction puts the caret at ${offset} (caretPositionFromPoint is missing, or the box is covered or scrolled away)`);
  return { x: found.x, y: found.y };
}

type Probe = { e2eSelectionAtPointerUp?: Selection };

/**
 * Remembers the text box's selection when the next mouse button comes up, before any handler of the page
 * sees that: where the browser put the caret for the click or drag, before the app could move it.
 */
async function armPointerProbe(box: Locator): Promise<void> {
  await box.evaluate((el) => {
    const ta = el as HTMLTextAreaElement;
    delete (window as Probe).e2eSelectionAtPointerUp;
    const record = () => ((window as Probe).e2eSelectionAtPointerUp = { start: ta.selectionStart, end: ta.selectionEnd });
    window.addEventListener('pointerup', record, { capture: true, once: true });
  });
}

async function probedSelection(): Promise<Selection> {
  const seen = await page.evaluate(() => (window as Probe).e2eSelectionAtPointerUp ?? null);
  if (!seen) throw new Error('The mouse button came up without the probe seeing it');
  return seen;
}

/**
 * Clicks on the text box so that the browser puts the caret strictly inside the placeholder that starts at
 * `code` (`length` characters), and returns where it put it (before the app moved it).
 */
async function clickInsideCode(box: Locator, code: number, length: number, point: { x: number; y: number }, exactly?: number): Promise<number> {
  await armPointerProbe(box);
  await page.mouse.click(point.x, point.y);
  const { start, end } = await probedSelection();
  expect(start, 'a click puts the caret in one place').toBe(end);
  expect(start > code && start < code + length, `the click put the caret at ${start}, inside the code at ${code}–${code + length}`).toBe(true);
  if (exactly !== undefined) expect(start, 'where the click put the caret').toBe(exactly);
  return start;
}

/** The nearer edge of the code at [code, code + length) from `pos` inside it; the end on a tie (docs/reviewing.md). */
const nearerEdge = (code: number, length: number, pos: number) => (pos - code < code + length - pos ? code : code + length);

/** Types `text` with the keyboard and waits until the correction reads `expected`. */
async function typeAndExpect(text: string, expected: string): Promise<void> {
  await page.keyboard.type(text);
  await waitForText(correction, expected);
}

async function pressAndExpect(keys: string, expected: string): Promise<void> {
  await page.keyboard.press(keys);
  await waitForText(correction, expected);
}

/** The review screen's announcement (a live region), once it says `text`. */
async function waitForAnnouncement(text: string | RegExp): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: text })
    .first()
    .waitFor({ state: 'attached', timeout: 10_000 })
    .catch(async () => {
      throw new Error(`The page did not announce ${String(text)}. It reads:\n${await pageOutline(page)}`);
    });
}

const changes = () => page.getByRole('group', { name: 'Changes from the AI output' });

// ---- Export and the files ------------------------------------------------------------------------------

/** Chooses Export → "XLIFF: <file> with your work" and returns the download's name and bytes. */
async function exportXliff(originalName: string): Promise<{ name: string; bytes: Uint8Array }> {
  await button(page, 'Export').click();
  const item = page.getByRole('menuitem', { name: `XLIFF: ${originalName} with your work` });
  await item.waitFor({ timeout: 15_000 });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), item.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

const fixtureBytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

function parse(bytes: Uint8Array, name: string): XliffDocument {
  const read = readXliff(bytes, name);
  if (!read.ok) throw new Error(read.error.message);
  return read.document;
}

function segmentOf(doc: XliffDocument, id: string): XliffSegment {
  const found = doc.segments.find((s) => s.id === id);
  if (!found) throw new Error(`${doc.fileName} has no segment ${id}`);
  return found;
}

/**
 * The text of an XLIFF file in the encoding its byte-order mark names (UTF-8 without one), the mark kept as
 * U+FEFF so that it takes part in comparisons; bytes that are not valid in that encoding fail.
 */
function fileText(bytes: Uint8Array): string {
  const [a, b] = bytes;
  const encoding = a === 0xfe && b === 0xff ? 'utf-16be' : a === 0xff && b === 0xfe ? 'utf-16le' : 'utf-8';
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
}

/**
 * The file's text with, inside each of the units named, the content of every `<target>` and the state
 * attributes (`state`, `state-qualifier`, `subState`) taken out: what is left of two files that differ only in
 * those units' targets and states is the same, character for character.
 */
function withoutReviewedTargets(text: string, unit: 'trans-unit' | 'unit', ids: readonly string[]): string {
  let out = text;
  for (const id of ids) {
    const block = new RegExp(`<${unit} id="${id}"[^>]*>[\\s\\S]*?</${unit}>`, 'u').exec(out);
    if (!block) throw new Error(`no <${unit} id="${id}"> in the file`);
    const stripped = block[0].replace(/(<target\b[^>]*>)[\s\S]*?(<\/target>)/gu, '$1$2').replace(/\s(?:state|state-qualifier|subState)="[^"]*"/gu, '');
    out = out.slice(0, block.index) + stripped + out.slice(block.index + block[0].length);
  }
  return out;
}

/** The element `<${unit} id="…">…</${unit}>` as written in the file. */
function unitMarkup(text: string, unit: 'trans-unit' | 'unit', id: string): string {
  const block = new RegExp(`<${unit} id="${id}"[^>]*>[\\s\\S]*?</${unit}>`, 'u').exec(text);
  if (!block) throw new Error(`no <${unit} id="${id}"> in the file`);
  return block[0];
}

/** The first difference of two texts, with some context, for a failure message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at character ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 40))} against ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 40))}`;
}

/**
 * What a CAT tool would see of an export: the same bytes but for the reviewed units' targets and states; the
 * same encoding and byte-order mark; the same segments in the same order, every other one with its target and
 * state exactly as it was.
 */
function expectOnlyReviewedChanged(original: Uint8Array, exported: Uint8Array, unit: 'trans-unit' | 'unit', reviewedUnits: readonly string[], reviewedSegments: readonly string[]): void {
  const before = fileText(original);
  const after = fileText(exported);
  const left = withoutReviewedTargets(after, unit, reviewedUnits);
  const right = withoutReviewedTargets(before, unit, reviewedUnits);
  expect(left === right, `outside the reviewed targets and states, the export differs from the original ${firstDifference(left, right)}`).toBe(true);

  const was = parse(original, 'original.xlf');
  const now = parse(exported, 'exported.xlf');
  expect([now.encoding, now.bom]).toEqual([was.encoding, was.bom]);
  expect(now.segments.map((s) => s.id)).toEqual(was.segments.map((s) => s.id));
  for (const s of was.segments) {
    if (reviewedSegments.includes(s.id)) continue;
    const kept = segmentOf(now, s.id);
    expect({ target: kept.target, state: kept.state }, `${s.id} was not reviewed`).toEqual({ target: s.target, state: s.state });
  }
}

// ---- The tests -----------------------------------------------------------------------------------------

describe('XLIFF 1.2 with inline codes, edited with real keystrokes', () => {
  it('imports the file through Import and opens its first segment', async () => {
    await openApp(page, appUrl(inject('webUrl'), { demo: false, reviewer: 'Tove Translator' }));
    await importFile(page, join(FIXTURES, CODES.file));
    correction = await openBatch(page, CODES.batch);
    await waitForItem(page, 'Welcome! Read the');
    expect(await textOf(correction)).toBe('Willkommen! Lesen Sie zuerst die ⟨1⟩Anleitung⟨/1⟩.');
    // The source shows each code as one labelled token.
    await page.getByRole('region', { name: 'Context' }).getByRole('img', { name: 'code 1 opens: bold' }).waitFor();
    expect(await correction.getAttribute('lang')).toBe('de-DE');
  });

  it('confirms the first segment as it stands with Ctrl+Enter, which opens the next', async () => {
    await correction.focus();
    await page.keyboard.press('Control+Enter');
    await waitForItem(page, 'or press');
    await waitForText(correction, SAVE_MT);
  });

  it('a click inside a code puts the caret at its nearer edge, and typing lands beside the code', async () => {
    const code = offsetOf(SAVE_MT, '⟨2/⟩');
    // Between "⟨" and "2": the start is nearer.
    const first = await clickInsideCode(correction, code, 4, await pointForCaret(correction, code + 1), code + 1);
    const firstEdge = nearerEdge(code, 4, first);
    await waitForSelection(correction, { start: firstEdge, end: firstEdge }, 'the caret leaves the code for its nearer edge');
    let expected = SAVE_MT.slice(0, firstEdge) + 'X' + SAVE_MT.slice(firstEdge);
    await typeAndExpect('X', expected);

    // Between "/" and "⟩": the end is nearer.
    const moved = offsetOf(expected, '⟨2/⟩');
    const second = await clickInsideCode(correction, moved, 4, await pointForCaret(correction, moved + 3), moved + 3);
    const secondEdge = nearerEdge(moved, 4, second);
    await waitForSelection(correction, { start: secondEdge, end: secondEdge }, 'the caret leaves the code for its nearer edge');
    expected = expected.slice(0, secondEdge) + 'Y' + expected.slice(secondEdge);
    await typeAndExpect('Y', expected);
    expect(expected, 'the first click went to the code’s start, the second to its end; the code stayed whole').toContain('X⟨2/⟩Y');
  });

  it('the arrow keys jump over a code, and Shift+arrow selects it in one step', async () => {
    const before = await textOf(correction);
    const code = offsetOf(before, '⟨2/⟩');
    // The caret is after "Y": Left once is before "Y", right after the code; Left again jumps to its start.
    await page.keyboard.press('ArrowLeft');
    await waitForSelection(correction, { start: code + 4, end: code + 4 }, 'ArrowLeft moves one character in plain text');
    await page.keyboard.press('ArrowLeft');
    await waitForSelection(correction, { start: code, end: code }, 'ArrowLeft jumps over the whole code');
    await page.keyboard.press('ArrowRight');
    await waitForSelection(correction, { start: code + 4, end: code + 4 }, 'ArrowRight jumps over the whole code');
    await page.keyboard.press('Shift+ArrowLeft');
    await waitForSelection(correction, { start: code, end: code + 4 }, 'Shift+ArrowLeft selects the whole code');
    await page.keyboard.press('ArrowRight');
    await waitForSelection(correction, { start: code + 4, end: code + 4 }, 'ArrowRight ends the selection after the code');
    expect(await textOf(correction)).toBe(before);
  });

  it('Backspace right after a code takes the whole code, and F8 puts the missing code back', async () => {
    const before = await textOf(correction);
    const code = offsetOf(before, '⟨2/⟩');
    const withoutCode = before.slice(0, code) + before.slice(code + 4);
    await pressAndExpect('Backspace', withoutCode);
    await waitForSelection(correction, { start: code, end: code }, 'the caret stays where the code was');
    await pressAndExpect('F8', before);
    await waitForAnnouncement(/^Inserted 1 code: code 2: Ctrl\+S\.$/u);
    // Nothing else is missing now.
    await page.keyboard.press('F8');
    await waitForAnnouncement('No code of the source is missing.');
    expect(await textOf(correction)).toBe(before);
  });

  it('a selection dragged into a code takes the whole code, and typing replaces it all', async () => {
    const before = await textOf(correction);
    const word = offsetOf(before, 'Speichern');
    const close = offsetOf(before, '⟨/1⟩');
    // From between "Spei" and "chern" to between "/" and "1" of the closing code.
    const from = await pointForCaret(correction, word + 4);
    const to = await pointForCaret(correction, close + 2);
    await armPointerProbe(correction);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    const dragged = await probedSelection();
    expect(dragged.start, 'the drag starts in "Speichern"').toBe(word + 4);
    expect(dragged.end > close && dragged.end < close + 4, `the drag ended at ${dragged.end}, inside ⟨/1⟩ at ${close}–${close + 4}`).toBe(true);
    await waitForSelection(correction, { start: word + 4, end: close + 4 }, 'the selection grows to take the whole code');
    await typeAndExpect('Z', before.slice(0, word + 4) + 'Z' + before.slice(close + 4));
    expect(await textOf(correction)).toContain('⟨1⟩SpeiZ oder');
  });

  it('F2 restores the AI output', async () => {
    await pressAndExpect('F2', SAVE_MT);
    await waitForAnnouncement('The AI output is back in the correction.');
  });

  it('a word corrected with the keyboard shows in the changes, and Ctrl+Enter confirms it', async () => {
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await waitForSelection(correction, { start: SAVE_MT.indexOf('behalten'), end: SAVE_MT.indexOf('behalten') + 'behalten'.length }, 'Ctrl+Shift+ArrowLeft selects the word');
    await typeAndExpect('sichern', SAVE_FINAL);
    await expect.poll(() => changes().getByRole('insertion').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('sichern')]);
    expect(await changes().getByRole('deletion').allInnerTexts()).toEqual([expect.stringContaining('behalten')]);

    // Every code is kept, so the QA checks let it through.
    await page.keyboard.press('Control+Enter');
    await waitForItem(page, 'Files & folders');
    await waitForText(correction, 'Dateien & Ordner: ⟨1⟩alle⟨/1⟩ → ⟨2/⟩');
  });

  it('Alt+End finds no other unconfirmed segment', async () => {
    await correction.focus();
    await page.keyboard.press('Alt+End');
    await waitForAnnouncement('Every other item in the list is confirmed.');
    await waitForItem(page, 'Files & folders');
  });

  it('exports the file with only the two reviewed targets and their states changed', async () => {
    const original = fixtureBytes(CODES.file);
    const { name, bytes } = await exportXliff(CODES.file);
    expect(name).toBe(`${CODES.batch}.reviewed.xlf`);
    await waitForAnnouncement(`Saved ${name} with your verdicts: 2 segments changed.`);

    expectOnlyReviewedChanged(original, bytes, 'trans-unit', ['intro', 'save'], [CODES.intro, CODES.save]);
    expect([...bytes.subarray(0, 5)], 'UTF-8 without a byte-order mark, as it came').toEqual([...new TextEncoder().encode('<?xml')]);

    const before = fileText(original);
    const after = fileText(bytes);
    // The accepted segment: signed off, its target's content not rewritten.
    expect(unitMarkup(after, 'trans-unit', 'intro')).toContain('<target state="signed-off">Willkommen! Lesen Sie zuerst die <g id="1" ctype="bold">Anleitung</g>.</target>');
    // The corrected one: the new text with the file's own code markup, signed off, the MT qualifier gone.
    expect(unitMarkup(after, 'trans-unit', 'save')).toContain(
      '<target state="signed-off">Klicken Sie auf <g id="1" ctype="bold">Speichern</g> oder drücken Sie <x id="2" ctype="x-shortcut" equiv-text="Ctrl+S"/>, um <ph id="3">{count}</ph> Änderungen zu sichern.</target>',
    );
    // The segment left pending: byte for byte as it was.
    expect(unitMarkup(after, 'trans-unit', 'kept')).toBe(unitMarkup(before, 'trans-unit', 'kept'));

    const doc = parse(bytes, name);
    expect(segmentOf(doc, CODES.intro).state).toEqual({ state: 'signed-off', qualifier: null });
    expect(segmentOf(doc, CODES.save).state).toEqual({ state: 'signed-off', qualifier: null });
  });
});

describe('a right-to-left file: Arabic in UTF-16BE', () => {
  it('imports the file and goes to the segment with a code with Alt+End', async () => {
    await importFile(page, join(FIXTURES, ARABIC.file));
    correction = await openBatch(page, ARABIC.batch);
    await waitForItem(page, 'Open the file.');
    await correction.focus();
    await page.keyboard.press('Alt+End');
    await waitForItem(page, 'to save.');
    await waitForText(correction, ARABIC_MT);
  });

  it('edits right to left, in Arabic', async () => {
    expect(await correction.getAttribute('dir')).toBe('rtl');
    expect(await correction.getAttribute('lang')).toBe('ar');
    expect(await correction.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // The source stays left to right, in English.
    const source = page.getByRole('region', { name: 'Context' }).getByText('to save.');
    expect(await source.evaluate((el) => [el.closest('[lang]')?.getAttribute('lang'), getComputedStyle(el).direction])).toEqual(['en', 'ltr']);
  });

  it('typing Arabic on both sides of a code, and Backspace and F8 next to it, keep it whole', async () => {
    await correction.focus();
    await page.keyboard.press('Control+End');
    // "للحفظ." and the space before it go letter by letter; then the caret is right after the code.
    const afterCode = 'اضغط ⟨1/⟩';
    for (let i = ARABIC_MT.length; i > afterCode.length; i--) await page.keyboard.press('Backspace');
    await waitForText(correction, afterCode);
    await pressAndExpect('Backspace', 'اضغط ');
    await typeAndExpect('المفتاحين ', 'اضغط المفتاحين ');
    await pressAndExpect('F8', 'اضغط المفتاحين ⟨1/⟩');
    await typeAndExpect(' لحفظ الملف.', ARABIC_FINAL);
  });

  it('a click inside the code, in right-to-left text, puts the caret beside it', async () => {
    const code = offsetOf(ARABIC_FINAL, '⟨1/⟩');
    // Between "/" and "⟩", which right-to-left text draws mirrored, to the left of "/".
    const inside = await clickInsideCode(correction, code, 4, await pointForCaret(correction, code + 3));
    const edge = nearerEdge(code, 4, inside);
    await waitForSelection(correction, { start: edge, end: edge }, 'the caret leaves the code for its nearer edge');
    await typeAndExpect('و', ARABIC_FINAL.slice(0, edge) + 'و' + ARABIC_FINAL.slice(edge));
    await pressAndExpect('Backspace', ARABIC_FINAL);
  });

  it('shows the changes, right to left, with the code as one token', async () => {
    await expect.poll(() => changes().getByRole('insertion').allInnerTexts(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining([expect.stringContaining('المفتاحين'), expect.stringContaining('الملف')]),
    );
    expect((await changes().getByRole('deletion').allInnerTexts()).join(' ')).toContain('للحفظ');
    await changes().getByRole('img', { name: 'code 1: Ctrl+S' }).first().waitFor();
    const shown = changes().getByRole('insertion').first();
    expect(await shown.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  });

  it('has no serious or critical axe violation on the review screen of the right-to-left segment', async () => {
    const violations = await seriousAxeViolations(page);
    if (violations.length > 0) console.error(`axe on the right-to-left segment:\n${describeViolations(violations)}`);
    expect(violations.map((v) => `${v.impact}: ${v.id} (${v.nodes.length}×) — ${v.help}`)).toEqual([]);
  });

  it('confirms the correction with Ctrl+Enter', async () => {
    await correction.focus();
    await page.keyboard.press('Control+Enter');
    await waitForAnnouncement(/That was the last item in the list; 1 item in it is still pending\./u);
  });

  it('exports the file in UTF-16BE with its mark, only the reviewed target and its state changed', async () => {
    const original = fixtureBytes(ARABIC.file);
    const { name, bytes } = await exportXliff(ARABIC.file);
    expect(name).toBe(`${ARABIC.batch}.reviewed.xlf`);
    await waitForAnnouncement(`Saved ${name} with your verdicts: 1 segment changed.`);

    expect([...bytes.subarray(0, 4)], 'the UTF-16BE byte-order mark and "<"').toEqual([0xfe, 0xff, 0x00, 0x3c]);
    expect(bytes.length % 2, 'whole UTF-16 code units').toBe(0);
    expectOnlyReviewedChanged(original, bytes, 'unit', ['u2'], [ARABIC.code]);

    const after = fileText(bytes);
    const unit = unitMarkup(after, 'unit', 'u2');
    expect(unit).toContain('<segment id="s1" state="reviewed" subState="loupe:corrected">');
    expect(unit).toContain('<target>اضغط المفتاحين <ph id="1" equiv="Ctrl+S" disp="Ctrl+S"/> لحفظ الملف.</target>');
    // The segment without a target that was not reviewed stays without one.
    expect(unitMarkup(after, 'unit', 'u1')).toBe(unitMarkup(fileText(original), 'unit', 'u1'));

    const doc = parse(bytes, name);
    expect(doc.encoding).toBe('UTF-16BE');
    expect(segmentOf(doc, ARABIC.code).state).toEqual({ state: 'reviewed', qualifier: 'loupe:corrected' });
    expect(segmentOf(doc, ARABIC.match).target).toBeNull();
  });
});
