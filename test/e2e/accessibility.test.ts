// axe-core on the screens a reviewer spends the day in, with the demo batches so there is content: the batch
// list, a batch's queue, the review screen and the shortcut sheet. No serious or critical violation.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeViolations, firstPage, launch, newProfileDir, removeProfileDir, seriousAxeViolations } from './harness';
import { appUrl, correctionBox, openApp, shortcutSheet } from './review-screen';

let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  profile = newProfileDir('a11y');
  context = await launch(profile);
  page = await firstPage(context);
  await openApp(page, appUrl(inject('webUrl'), { reviewer: 'Axel Access' }));
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  removeProfileDir(profile);
});

async function expectNoSeriousViolations(screen: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  if (violations.length > 0) console.error(`axe on ${screen}:\n${describeViolations(violations)}`);
  expect(violations.map((v) => `${v.impact}: ${v.id} (${v.nodes.length}×) — ${v.help}`), `serious or critical axe violations on ${screen}`).toEqual([]);
}

/** The demo batches: links in the page's main content. */
const batchLinks = (page: Page) => page.getByRole('main').getByRole('link');
/** A batch's items: the options of its list. */
const itemOptions = (page: Page) => page.getByRole('listbox').getByRole('option');

describe('accessibility (axe-core, serious and critical)', () => {
  it('the batch list', async () => {
    await batchLinks(page).first().waitFor({ timeout: 30_000 });
    await expectNoSeriousViolations('the batch list');
  });

  it('the batch queue', async () => {
    await batchLinks(page).first().click();
    await itemOptions(page).first().waitFor({ timeout: 30_000 });
    await expectNoSeriousViolations('the batch queue');
  });

  it('the review screen', async () => {
    await itemOptions(page).first().click();
    await correctionBox(page).waitFor({ timeout: 30_000 });
    await expectNoSeriousViolations('the review screen');
  });

  it('the keyboard shortcuts dialog', async () => {
    await page.keyboard.press('F1');
    await shortcutSheet(page).waitFor();
    await expectNoSeriousViolations('the keyboard shortcuts dialog');
    await page.keyboard.press('Escape');
  });
});
