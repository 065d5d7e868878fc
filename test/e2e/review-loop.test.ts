// A reviewer's whole loop in the web shell, by keyboard: import AI output, correct, accept, reject and flag,
// reload and find it all as left, export the results and check them against BRIEF 3.3 and the published
// MLQE-PE HTER.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeBrowserSession, mlqeEnDe, openBrowserSession } from './harness';
import {
  appUrl,
  button,
  correctionBox,
  exportJsonl,
  importFile,
  isItemShown,
  openApp,
  openBatch,
  pressShortcut,
  shortcutFor,
  shortcutSheet,
  textOf,
  waitForItem,
  waitForText,
} from './review-screen';

const REVIEWER = 'Ada Lovelace';
const BATCH = 'review-loop-de';
const lines = mlqeEnDe(20);
const RESULT_KEYS = ['id', 'batch', 'reviewer', 'reviewerName', 'status', 'output', 'correction', 'comment', 'reason', 'reviewedAt', 'timeSpentMs', 'effort'];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

let dataDir: string;
let profile: string;
let context: BrowserContext;
let page: Page;
let correction: Locator;
/** Where the reviewer was when the page was reloaded: the index of the open item. */
let openIndex = -1;

beforeAll(async () => {
  ({ dataDir, profile, context, page } = await openBrowserSession('review-loop'));
});

afterAll(() => closeBrowserSession({ dataDir, profile, context }));

const item = (i: number) => lines[i] as (typeof lines)[number];

/**
 * After a verdict that may or may not open the next item: waits until either the next item is shown or
 * the open item shows the verdict, and then opens the next item with the Next shortcut if the app stayed.
 */
async function moveOnAfterVerdict(from: number, status: RegExp): Promise<void> {
  const next = item(from + 1).src;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (await isItemShown(page, next)) return;
    if (status.test(await statusShownFor(page, `de-${from + 1}`))) break;
    if (Date.now() > deadline) throw new Error(`After the verdict on item ${from + 1}, neither the next item nor the status ${status} appeared`);
    await page.waitForTimeout(50);
  }
  await pressShortcut(page, await shortcutFor(page, 'Next'));
  await waitForItem(page, next);
}

describe('the review loop, by keyboard', () => {
  it('imports a JSONL file through Import and opens its first item', async () => {
    const file = join(dataDir, `${BATCH}.jsonl`);
    writeFileSync(file, lines.map((l, i) => JSON.stringify({ id: `de-${i + 1}`, input: { source: l.src }, output: l.mt })).join('\n') + '\n');
    await openApp(page, appUrl(inject('webUrl'), { demo: false, reviewer: REVIEWER }));
    await importFile(page, file);
    correction = await openBatch(page, BATCH);
    await waitForItem(page, item(0).src);
    // The editable target starts from the AI output or empty; either way it is the AI's text to correct.
    expect(['', item(0).mt]).toContain(await textOf(correction));
  });

  it('F1 and ? open the "Keyboard shortcuts" dialog, which lists every action', async () => {
    await correction.focus();
    await page.keyboard.press('F1');
    const sheet = shortcutSheet(page);
    await sheet.waitFor();
    const listed = await sheet.innerText();
    for (const action of ['Accept', 'Reject', 'Flag', 'Next', 'Previous']) expect(listed, `the shortcut sheet lists ${action}`).toMatch(new RegExp(action, 'i'));
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });

    // `?` works outside a text field: from the Next button, say.
    await button(page, 'Next').focus();
    await page.keyboard.press('?');
    await sheet.waitFor();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  });

  it('corrects item 1 to the post-edit and confirms it with Ctrl+Enter', async () => {
    await correction.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(item(0).pe);
    await waitForText(correction, item(0).pe);
    await page.keyboard.press('Control+Enter');
    await waitForItem(page, item(1).src);
  });

  it('confirms item 2 unchanged with Ctrl+Enter', async () => {
    expect(['', item(1).mt]).toContain(await textOf(correction));
    await page.keyboard.press('Control+Enter');
    await waitForItem(page, item(2).src);
  });

  it('rejects item 3 with its shortcut', async () => {
    await pressShortcut(page, await shortcutFor(page, 'Reject'));
    await moveOnAfterVerdict(2, /^rejected$/i);
  });

  it('flags item 4 with its shortcut', async () => {
    await pressShortcut(page, await shortcutFor(page, 'Flag'));
    await moveOnAfterVerdict(3, /^flagged$/i);
    openIndex = 4;
  });

  it('after a reload, everything is as it was left: position, statuses and the correction', async () => {
    if (openIndex < 0) throw new Error('The loop before did not get as far as item 5, so there is nothing to find after a reload');
    await page.reload();
    correction = correctionBox(page);
    await correction.waitFor({ timeout: 30_000 });
    await waitForItem(page, item(openIndex).src);

    const previous = await shortcutFor(page, 'Previous');
    const expected: Array<[index: number, status: RegExp]> = [
      [3, /flagged/i],
      [2, /rejected/i],
      [1, /accepted/i],
      [0, /corrected/i],
    ];
    for (const [index, status] of expected) {
      await pressShortcut(page, previous);
      await waitForItem(page, item(index).src);
      await expect.poll(() => statusShownFor(page, `de-${index + 1}`), { timeout: 10_000 }).toMatch(status);
    }
    await waitForText(correction, item(0).pe);
  });

  it('exports JSONL with the BRIEF 3.3 fields and the right verdicts, values and effort', async () => {
    const rows = await exportJsonl(page);
    for (const [n, row] of rows.entries()) {
      for (const key of RESULT_KEYS) expect(row, `line ${n + 1} (${String(row.id)}) has "${key}"`).toHaveProperty(key);
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    const row = (id: string) => {
      const r = byId.get(id);
      if (!r) throw new Error(`the export has no line for ${id}; ids: ${[...byId.keys()].join(', ')}`);
      return r as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };

    expect(row('de-1').status).toBe('corrected');
    expect(row('de-2').status).toBe('accepted');
    expect(row('de-3').status).toBe('rejected');
    expect(row('de-4').status).toBe('flagged');
    // Items without a verdict are left out, or (when included) say so.
    for (const r of rows) if (!['de-1', 'de-2', 'de-3', 'de-4'].includes(String(r.id))) expect(r.status, `${String(r.id)} was not reviewed`).toBe('pending');

    for (const id of ['de-1', 'de-2', 'de-3', 'de-4']) {
      const r = row(id);
      const i = Number(id.slice(3)) - 1;
      expect(r.reviewerName).toBe(REVIEWER);
      expect(typeof r.reviewer === 'string' && r.reviewer.length > 0, `${id} names its reviewer by id`).toBe(true);
      expect(r.batch).toBe(row('de-1').batch);
      expect(typeof r.batch === 'string' && r.batch.length > 0, `${id} names its batch by id`).toBe(true);
      expect(r.output, `${id}: output is an object keyed by field`).toEqual({ text: item(i).mt });
      expect(typeof r.correction === 'object' && r.correction !== null, `${id}: correction is an object keyed by field`).toBe(true);
      expect(r.reviewedAt, `${id}: reviewedAt is ISO 8601`).toMatch(ISO_8601);
      expect(Number.isNaN(Date.parse(r.reviewedAt))).toBe(false);
      expect(typeof r.timeSpentMs, `${id}: timeSpentMs is a number`).toBe('number');
      expect(Number.isFinite(r.timeSpentMs) && r.timeSpentMs >= 0, `${id}: timeSpentMs ${r.timeSpentMs} is not negative`).toBe(true);
    }

    expect(row('de-1').correction.text).toBe(item(0).pe);
    expect(row('de-2').correction.text).toBe(item(1).mt);
    expect(row('de-1').effort.text.hter).toBeCloseTo(item(0).hter, 3);
    expect(Math.abs(row('de-1').effort.text.hter - item(0).hter)).toBeLessThanOrEqual(0.001);
    expect(row('de-1').effort.text.charEdits).toBeGreaterThan(0);
    expect(row('de-2').effort.text).toMatchObject({ hter: 0, charEdits: 0 });
  });
});

/**
 * The status the page shows for an item: on the open item's screen, or on its row in the queue. Words,
 * not colours: what a screen reader would read.
 */
async function statusShownFor(page: Page, itemId: string): Promise<string> {
  return page.evaluate((id) => {
    const word = '(pending|accepted|corrected|rejected|flagged)';
    // The open item's own "Status: …", visible, outside lists and live announcements.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
      if (el.closest('[role=listbox],[role=option],[role=row],[aria-live],[role=status],[hidden]') || el.getClientRects().length === 0) continue;
      const match = (el.textContent ?? '').trim().match(new RegExp(`^status\\W+${word}$`, 'i'));
      if (match) return match[1] as string;
    }
    // Or the item's row in a queue shown beside it.
    const idPattern = new RegExp(`(^|[^\\w-])${id.replace(/[-]/g, '\\-')}(?![\\w-])`);
    for (const row of document.querySelectorAll('[role=option],[role=row],[role=listitem]')) {
      if (!idPattern.test(row.textContent ?? '')) continue;
      const match = (row.textContent ?? '').match(new RegExp(`\\b${word}\\b`, 'i'));
      if (match) return match[1] as string;
    }
    return '';
  }, itemId);
}
