// The review screen as BRIEF 3.5 promises it to people and tests: buttons by accessible name, the
// Correction textbox, shortcuts found where the app announces them. Nothing here knows the app's markup,
// so these helpers hold the same contract as shared/checks/review-contract.mjs.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

export interface AppSwitches {
  /** false adds `?demo=0` (no demo batches). */
  demo?: boolean;
  /** Adds `?reviewer=<name>`: no first-run name prompt. */
  reviewer?: string;
}

export function appUrl(base: string, { demo = true, reviewer }: AppSwitches = {}): string {
  const url = new URL(base);
  if (!demo) url.searchParams.set('demo', '0');
  if (reviewer) url.searchParams.set('reviewer', reviewer);
  return url.toString();
}

export const button = (page: Page, name: string): Locator => page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first();
export const correctionBox = (page: Page): Locator => page.getByRole('textbox', { name: /^Correction/ }).first();

/** Opens the app and waits until it is ready to import. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await button(page, 'Import')
    .waitFor({ timeout: 30_000 })
    .catch(async () => {
      throw new Error(`The app at ${url} showed no Import button within 30 s. The page reads:\n${await pageOutline(page)}`);
    });
}

/** What the page shows, as its accessibility tree (for failure messages). */
export async function pageOutline(page: Page, maxChars = 3_000): Promise<string> {
  const outline = await page
    .locator('body')
    .ariaSnapshot({ timeout: 5_000 })
    .catch((error: Error) => `(no outline: ${error.message.split('\n')[0]})`);
  return outline.length > maxChars ? `${outline.slice(0, maxChars)}\n…` : outline;
}

/** Imports a file through the Import button's real file chooser. */
export async function importFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, 'Import').click()]);
  await chooser.setFiles(file);
}

/**
 * After an import, or on the batch list: gets to the review screen of the batch called `batchName`.
 * The app may open it at once; otherwise it is one obvious click away (a link, button or row with the
 * batch's name), and then perhaps one more on an item of its list.
 */
export async function openBatch(page: Page, batchName: string, { afterImport = true } = {}): Promise<Locator> {
  const correction = correctionBox(page);
  const entry = page
    .getByRole('link', { name: new RegExp(escapeRegExp(batchName)) })
    .or(page.getByRole('button', { name: new RegExp(escapeRegExp(batchName)) }))
    .or(page.getByRole('row', { name: new RegExp(escapeRegExp(batchName)) }))
    .first();
  await correction.or(entry).first().waitFor({ timeout: 30_000 });
  // Right after an import, a report may name the batch a moment before the app opens it by itself.
  const opened = afterImport
    ? await correction.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    : await correction.isVisible();
  if (opened) return correction;
  await entry.click();
  // The batch's items: open the one the list points at (where the reviewer left off), else the first.
  const items = page.getByRole('listbox').getByRole('option');
  await correction.or(items.first()).first().waitFor({ timeout: 30_000 });
  if (!(await correction.isVisible())) {
    const current = items.and(page.getByRole('option', { selected: true }));
    await ((await current.count()) > 0 ? current.first() : items.first()).click();
  }
  await correction.waitFor({ timeout: 30_000 });
  return correction;
}

/** In the page: whether `needle` is shown as the open item's content (visible, outside lists of items). */
function shownAsItem(needle: string): boolean {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !(node.textContent ?? '').includes(needle)) continue;
    if (element.closest('[role=listbox],[role=option],[role=grid],[role=row],[role=list],[role=listitem],[aria-hidden=true]')) continue;
    if (element.getClientRects().length > 0) return true;
  }
  return false;
}

/** Whether the review screen shows `text` as the open item's content (a queue may preview other items). */
export async function isItemShown(page: Page, text: string): Promise<boolean> {
  return page.evaluate(shownAsItem, text);
}

/** Waits until the review screen shows `text` as the open item's content. */
export async function waitForItem(page: Page, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(shownAsItem, text, { timeout }).catch(() => {
    throw new Error(`The review screen did not show the item with the text "${text}" within ${timeout} ms`);
  });
}

/** The text in a textbox, whether it is an input, a textarea or a contenteditable element. */
export async function textOf(box: Locator): Promise<string> {
  return box.evaluate((el) => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : (el as HTMLElement).innerText));
}

export async function waitForText(box: Locator, expected: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await textOf(box);
    if (last === expected) return;
    await box.page().waitForTimeout(50);
  }
  throw new Error(`Correction should read ${JSON.stringify(expected)} but reads ${JSON.stringify(last)}`);
}

/** Whether the element with the keyboard focus takes text (typing a letter there would edit it). */
export async function focusIsInTextField(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return false;
    if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
    return el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
  });
}

// ---- Shortcuts ------------------------------------------------------------------------------------------

/** One shortcut: the key combination as Playwright presses it, and whether it has a modifier other than Shift. */
export interface Shortcut {
  keys: string;
  announced: string;
  needsModifier: boolean;
}

/**
 * Turns a shortcut as written for people or in `aria-keyshortcuts` ("Alt+R", "Control+Shift+F", "Ctrl + ]",
 * "PageDown") into Playwright's form. Letters and digits become key codes (KeyR, Digit1) so that Shift
 * turns them into capitals the way a keyboard does.
 */
export function toShortcut(announced: string): Shortcut {
  const parts = announced
    .split(/\s*\+\s*(?=.)/)
    .map((p) => p.trim())
    .filter(Boolean);
  const modifiers: string[] = [];
  let key = '';
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (lower === 'ctrl' || lower === 'control' || lower === '⌃') modifiers.push('Control');
    else if (lower === 'alt' || lower === 'option' || lower === '⌥') modifiers.push('Alt');
    else if (lower === 'shift' || lower === '⇧') modifiers.push('Shift');
    else if (lower === 'meta' || lower === 'cmd' || lower === 'command' || lower === '⌘') modifiers.push('Meta');
    else key = part;
  }
  const named: Record<string, string> = { esc: 'Escape', del: 'Delete', space: 'Space', ' ': 'Space', '↓': 'ArrowDown', '↑': 'ArrowUp', '←': 'ArrowLeft', '→': 'ArrowRight', pgdn: 'PageDown', pgup: 'PageUp', return: 'Enter' };
  if (/^[a-z]$/i.test(key)) key = `Key${key.toUpperCase()}`;
  else if (/^[0-9]$/.test(key)) key = `Digit${key}`;
  else key = named[key.toLowerCase()] ?? key;
  return { keys: [...modifiers, key].join('+'), announced, needsModifier: modifiers.some((m) => m !== 'Shift') };
}

/** The dialog named "Keyboard shortcuts". */
export const shortcutSheet = (page: Page): Locator => page.getByRole('dialog', { name: /Keyboard shortcuts/i });

/**
 * The shortcut of an action, as the app announces it: the `aria-keyshortcuts` of its button, or else the
 * line for it in the "Keyboard shortcuts" dialog (opened with F1 and closed again with Escape).
 */
export async function shortcutFor(page: Page, action: string): Promise<Shortcut> {
  const aria = await button(page, action).getAttribute('aria-keyshortcuts');
  if (aria?.trim()) return toShortcut(aria.trim().split(/\s+/)[0] as string);

  await page.keyboard.press('F1');
  const sheet = shortcutSheet(page);
  await sheet.waitFor();
  const announced = await sheet.evaluate((dialog, name) => {
    // The smallest element that names the action and shows keys (<kbd>) is the action's line.
    const candidates = [...dialog.querySelectorAll('tr, li, div, dd, dt, p')].filter(
      (el) => new RegExp(`\\b${name}\\b`, 'i').test(el.textContent ?? '') && el.querySelector('kbd'),
    );
    const line = candidates.sort((a, b) => (a.textContent ?? '').length - (b.textContent ?? '').length)[0];
    if (!line) return null;
    const keys = [...line.querySelectorAll('kbd')].filter((k) => !k.querySelector('kbd')).map((k) => k.textContent?.trim() ?? '');
    return keys.join('+');
  }, action);
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'hidden' });
  if (!announced) throw new Error(`Neither the ${action} button's aria-keyshortcuts nor the "Keyboard shortcuts" dialog gives a shortcut for ${action}`);
  return toShortcut(announced);
}

/**
 * Presses a shortcut as a keyboard user would. A shortcut without Ctrl/Alt/Meta cannot work while a text
 * field has the focus (it would type), so the user first leaves the field with Escape.
 */
export async function pressShortcut(page: Page, shortcut: Shortcut): Promise<void> {
  if (!shortcut.needsModifier && (await focusIsInTextField(page))) {
    await page.keyboard.press('Escape');
    if (await focusIsInTextField(page)) {
      throw new Error(`The shortcut ${shortcut.announced} has no modifier, and Escape does not leave the text field, so a keyboard user cannot use it there`);
    }
  }
  await page.keyboard.press(shortcut.keys);
}

// ---- Export -----------------------------------------------------------------------------------------

/** Exports results as JSONL (at once, or through a choice named "JSONL") and returns the parsed lines. */
export async function exportJsonl(page: Page): Promise<Array<Record<string, unknown>>> {
  let waiting = page.waitForEvent('download', { timeout: 4_000 }).catch(() => null);
  await button(page, 'Export').click();
  let download = await waiting;
  if (!download) {
    const choice = page.getByRole('menuitem', { name: /JSONL/ }).or(page.getByRole('button', { name: /JSONL/ })).first();
    waiting = page.waitForEvent('download', { timeout: 10_000 }).catch(() => null);
    await choice.click();
    download = await waiting;
  }
  if (!download) throw new Error('Export gave no JSONL download');
  const text = readFileSync(await download.path(), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`Exported line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
      }
    });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type KeyboardVerdict = 'accept' | 'correct' | 'reject';

/**
 * Gives `verdict` by keyboard on the item on screen, as a reviewer does: accept its AI output (`mt`) with
 * Ctrl+Enter, correct it by typing `correction`, or reject it with the announced shortcut. Accepting and
 * correcting open the next item by themselves; after a rejection the reviewer moves on with Next, when
 * there is a next item.
 */
export async function giveKeyboardVerdict(
  page: Page,
  item: { mt: string; correction: string },
  verdict: KeyboardVerdict,
  hasNext: boolean,
  timeout = 15_000,
): Promise<void> {
  const correction = correctionBox(page);
  await correction.focus();
  switch (verdict) {
    case 'accept':
      await waitForText(correction, item.mt, timeout);
      await page.keyboard.press('Control+Enter');
      break;
    case 'correct':
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(item.correction);
      await waitForText(correction, item.correction, timeout);
      await page.keyboard.press('Control+Enter');
      break;
    case 'reject':
      await pressShortcut(page, await shortcutFor(page, 'Reject'));
      await page.getByText('Status: Rejected', { exact: true }).waitFor({ timeout });
      if (hasNext) await pressShortcut(page, await shortcutFor(page, 'Next'));
      break;
  }
}
