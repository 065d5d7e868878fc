// Issue 3 end to end, in Chromium through the web shell: a coordinator and two reviewers, each in a browser
// profile of their own, hand a batch round as files.
//
// What it proves:
// - the coordinator imports real AI output (MLQE-PE en-de), splits it on the desk between two named
//   reviewers with an overlap of 2, and gets one unsigned `.loupe` per reviewer as downloads, each holding
//   that reviewer's share (the overlap included) and naming them;
// - each reviewer opens their file through Import, is warned that it is not signed (the dialog passes axe),
//   opens it anyway, reviews every item by keyboard (accepting, correcting by typing, rejecting) and sends
//   back "Results for the coordinator (.loupe-result)": the file is named after the id the coordinator gave
//   them and says so (`assignedAs`), while its events keep the reviewer's own profile id;
// - the coordinator imports both result files in one choice; the progress table counts each reviewer's
//   share and verdicts in the plan's rows (r-ana, r-ben) — no row of their own for the profile ids — the agreement on the overlap is measured, and exactly one conflict appears (one
//   accepted, one corrected) with the AI output and both versions shown as text — the desk with the conflict
//   on screen passes axe; the other overlap item, accepted by both, is no conflict;
// - the coordinator picks the second reviewer's version and decides: the conflict moves to decided;
// - a result file imported again is "already here" and changes no number;
// - the merged JSONL holds, line by line, one record per item and reviewer with that reviewer's status and
//   values (BRIEF 3.3 keys) under the reviewer's real id with `assignedAs` the plan's id, plus the
//   coordinator's decision with `decides` on the conflict item.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readBatchFile, readResultFile } from '../../shared/batch-file';
import { describeViolations, firstPage, launch, mlqeEnDe, newProfileDir, removeProfileDir, seriousAxeViolations } from './harness';
import { appUrl, button, importFile, openApp, openBatch, waitForItem, giveKeyboardVerdict, type KeyboardVerdict } from './review-screen';

const COORDINATOR = 'Cora Coordinator';
const BATCH = 'coordination-de';
const ANA = { id: 'r-ana', name: 'Ana Ruiz' };
const BEN = { id: 'r-ben', name: 'Ben Okafor' };
const ITEMS = 10;
const OVERLAP = 2;
const lines = mlqeEnDe(ITEMS);
const ids = lines.map((_, i) => `de-${i + 1}`);
const RESULT_KEYS = ['id', 'batch', 'reviewer', 'reviewerName', 'status', 'output', 'correction', 'comment', 'reason', 'reviewedAt', 'timeSpentMs', 'effort'];

type Verdict = KeyboardVerdict;
type Line = (typeof lines)[number];

const line = (id: string): Line => {
  const found = lines[ids.indexOf(id)];
  if (!found) throw new Error(`no line for ${id}`);
  return found;
};
/** What a reviewer types to correct an item: the published post-edit, or (where it equals the MT) an edit of the MT. */
const correctionFor = (id: string): string => (line(id).pe !== line(id).mt ? line(id).pe : `${line(id).mt} (geprüft)`);

let dataDir: string;
const profiles: string[] = [];
const contexts: BrowserContext[] = [];

/** A new browser with a profile of its own, on the app as `reviewer`. */
async function openProfile(name: string, reviewer: string): Promise<Page> {
  const profile = newProfileDir(name);
  profiles.push(profile);
  const context = await launch(profile);
  contexts.push(context);
  const page = await firstPage(context);
  await openApp(page, appUrl(inject('webUrl'), { demo: false, reviewer }));
  return page;
}

/** Saves a download into the test's data folder under the name the app suggested, and returns its path. */
async function keep(download: Download): Promise<string> {
  const file = join(dataDir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** Clicks `trigger` and collects the `count` downloads it starts. */
async function downloadsOf(page: Page, count: number, trigger: () => Promise<void>): Promise<Download[]> {
  const downloads: Download[] = [];
  const onDownload = (d: Download) => downloads.push(d);
  page.on('download', onDownload);
  try {
    await trigger();
    await expect.poll(() => downloads.length, { timeout: 20_000, message: `${count} downloads` }).toBe(count);
  } finally {
    page.off('download', onDownload);
  }
  return downloads;
}

async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

/** The text of a table's body cells in the row named `name` (its row header excluded). */
async function rowCells(table: Locator, name: RegExp): Promise<string[]> {
  return (await table.getByRole('row', { name }).getByRole('cell').allInnerTexts()).map((t) => t.trim());
}

/**
 * Reviews `itemIds` in the order the reviewer's list shows them, by keyboard, as `verdicts` says. Accept
 * and a correction confirmed with Ctrl+Enter open the next item by themselves; a rejection stays, and the
 * reviewer moves on with the Next shortcut once the status shows.
 */
async function reviewAll(page: Page, itemIds: readonly string[], verdicts: ReadonlyMap<string, Verdict>): Promise<void> {
  for (const [n, id] of itemIds.entries()) {
    const next = itemIds[n + 1];
    await waitForItem(page, line(id).src);
    const verdict = verdicts.get(id);
    if (!verdict) throw new Error(`no verdict planned for ${id}`);
    await giveKeyboardVerdict(page, { mt: line(id).mt, correction: correctionFor(id) }, verdict, next !== undefined);
    if (next) await waitForItem(page, line(next).src);
  }
  // The last verdict is stored a moment before the end of the list is announced.
  await page.getByText(/^That was the last item in the list/).waitFor({ state: 'attached' });
}

/** A reviewer's whole part: open their `.loupe` (warned: unsigned), review everything, export the results. */
async function reviewerRound(
  who: { id: string; name: string },
  file: string,
  itemIds: readonly string[],
  verdicts: ReadonlyMap<string, Verdict>,
): Promise<{ file: string; reviewerId: string }> {
  const page = await openProfile(who.id, who.name);
  await importFile(page, file);

  const warning = page.getByRole('dialog', { name: 'This batch is not signed' });
  await warning.waitFor();
  expect(await warning.innerText()).toContain(`${who.id}.loupe holds the batch “${BATCH}”, revision 1.`);
  expect(await warning.innerText()).toMatch(/Nobody vouches for where this file comes from/);
  await expectNoSeriousAxeViolations(page, 'the trust dialog');
  await warning.getByRole('button', { name: 'Open anyway' }).click();
  await warning.waitFor({ state: 'hidden' });

  await openBatch(page, BATCH);
  await reviewAll(page, itemIds, verdicts);

  const [download] = await downloadsOf(page, 1, async () => {
    await button(page, 'Export').click();
    await page.getByRole('menuitem', { name: 'Results for the coordinator (.loupe-result)' }).click();
  });
  const saved = await keep(download as Download);
  const read = await readResultFile(new Uint8Array(readFileSync(saved)), { trustedKeys: [] });
  if (!read.ok) throw new Error(read.error.message);
  expect(read.reviewer.name).toBe(who.name);
  expect(read.events).toHaveLength(itemIds.length);
  // Named after, and saying, the reviewer the coordinator handed the file to; the work stays the profile's own.
  expect(basename(saved)).toBe(`${BATCH}.${who.id}.loupe-result`);
  expect(read.assignedAs).toEqual(who);
  expect(read.reviewer.id).not.toBe(who.id);
  expect(read.events.every((e) => e.reviewerId === read.reviewer.id)).toBe(true);
  return { file: saved, reviewerId: read.reviewer.id };
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'loupe-e2e-coordination-'));
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  for (const profile of profiles) removeProfileDir(profile);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a batch handed to two reviewers with overlap, collected and adjudicated', () => {
  let coordinator: Page;
  /** Each reviewer's `.loupe` and their items in batch order. */
  const handedOut = new Map<string, { file: string; itemIds: string[] }>();
  let overlapIds: string[] = [];
  const verdicts = new Map<string, Map<string, Verdict>>();
  /** Each reviewer's `.loupe-result`, and the reviewer id their Loupe wrote in it. */
  const results = new Map<string, { file: string; reviewerId: string }>();
  /** The overlap item the reviewers disagree on (Ana accepts, Ben corrects), and the one they agree on. */
  let disputed = '';
  let agreed = '';
  /** Reviewer id and `assignedAs` by name, as the merged JSONL gives them. */
  const mergedIds = new Map<string, string>();
  const mergedAssigned = new Map<string, string | undefined>();

  it('the coordinator imports AI output, names two reviewers, splits evenly with an overlap of 2 and exports their files', async () => {
    const source = join(dataDir, `${BATCH}.jsonl`);
    writeFileSync(source, lines.map((l, i) => JSON.stringify({ id: ids[i], input: { source: l.src }, output: l.mt, model: 'MLQE-PE en-de NMT' })).join('\n') + '\n');
    coordinator = await openProfile('coordinator', COORDINATOR);
    await importFile(coordinator, source);
    await openBatch(coordinator, BATCH);

    // From the review screen to the batch's page, and on to its desk.
    await button(coordinator, 'Back to the list').click();
    await coordinator.getByRole('link', { name: 'Coordinate' }).click();
    await coordinator.getByRole('heading', { level: 1, name: `Coordinate “${BATCH}”` }).waitFor();
    expect(coordinator.url()).toMatch(/#\/batch\/[^/]+\/desk$/);

    // Two reviewers, typed as a keyboard user would: Enter in the last name adds the next row.
    await coordinator.getByRole('textbox', { name: 'Reviewer 1 id' }).fill(ANA.id);
    await coordinator.getByRole('textbox', { name: 'Reviewer 1 display name' }).fill(ANA.name);
    await coordinator.getByRole('textbox', { name: 'Reviewer 1 display name' }).press('Enter');
    await expect.poll(() => coordinator.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reviewer 2 id');
    await coordinator.keyboard.type(BEN.id);
    await coordinator.keyboard.press('Tab');
    await coordinator.keyboard.type(BEN.name);
    await expect(coordinator.getByRole('textbox', { name: 'Reviewer 2 display name' }).inputValue()).resolves.toBe(BEN.name);

    expect(await coordinator.getByRole('radio', { name: 'Evenly' }).isChecked()).toBe(true);
    await coordinator.getByRole('spinbutton', { name: /^Overlap/ }).fill(String(OVERLAP));

    // The plan before anything is written: 6 items each, 2 of them the overlap.
    const plan = coordinator.getByRole('table', { name: 'The plan' });
    await expect.poll(() => rowCells(plan, new RegExp(ANA.name))).toEqual(['6', '2', '4', 'Not encrypted']);
    expect(await rowCells(plan, new RegExp(BEN.name))).toEqual(['6', '2', '4', 'Not encrypted']);
    expect(await coordinator.getByText('Files are not signed: reviewers will be warned before they open them.').isVisible()).toBe(true);

    const downloads = await downloadsOf(coordinator, 2, () => button(coordinator, 'Export files').click());
    await coordinator.getByText('Saved 2 reviewer files. The plan is remembered for the progress table.').first().waitFor({ state: 'attached' });

    for (const download of downloads) {
      const file = await keep(download);
      const read = await readBatchFile(new Uint8Array(readFileSync(file)), { trustedKeys: [], fileName: download.suggestedFilename() });
      if (!read.ok) throw new Error(read.error.message);
      expect(read.trust).toBe('unsigned');
      expect(read.batch.name).toBe(BATCH);
      expect(read.manifest.reviewers).toHaveLength(1);
      const reviewer = read.manifest.reviewers[0] as { id: string; name: string };
      expect(reviewer).toEqual([ANA, BEN].find((r) => r.id === reviewer.id));
      expect(download.suggestedFilename()).toBe(`${BATCH}.${reviewer.id}.loupe`);
      handedOut.set(reviewer.id, { file, itemIds: read.items.map((i) => i.id) });
    }
    expect([...handedOut.keys()].sort()).toEqual([ANA.id, BEN.id]);
    const ana = handedOut.get(ANA.id)?.itemIds ?? [];
    const ben = handedOut.get(BEN.id)?.itemIds ?? [];
    expect(ana).toHaveLength(6);
    expect(ben).toHaveLength(6);
    // In batch order; together every item; shared exactly the overlap.
    expect(ana).toEqual(ids.filter((id) => ana.includes(id)));
    expect(ben).toEqual(ids.filter((id) => ben.includes(id)));
    expect(new Set([...ana, ...ben])).toEqual(new Set(ids));
    overlapIds = ana.filter((id) => ben.includes(id));
    expect(overlapIds).toHaveLength(OVERLAP);
    [disputed, agreed] = overlapIds as [string, string];

    // Ana: accepts both overlap items; of her own, corrects one and rejects one. Ben: corrects the disputed
    // overlap item, accepts the other; of his own, corrects one and rejects one.
    const own = (list: string[]) => list.filter((id) => !overlapIds.includes(id));
    const [a1, a2] = own(ana);
    const [, b2, b3] = own(ben);
    verdicts.set(ANA.id, new Map(ana.map((id): [string, Verdict] => [id, id === a1 ? 'correct' : id === a2 ? 'reject' : 'accept'])));
    verdicts.set(BEN.id, new Map(ben.map((id): [string, Verdict] => [id, id === disputed || id === b2 ? 'correct' : id === b3 ? 'reject' : 'accept'])));
  });

  it('Ana opens her unsigned file after the warning, reviews her items by keyboard and exports her results', async () => {
    const { file, itemIds } = handedOut.get(ANA.id) ?? { file: '', itemIds: [] };
    results.set(ANA.id, await reviewerRound(ANA, file, itemIds, verdicts.get(ANA.id) ?? new Map()));
  });

  it('Ben does the same with his file, disagreeing with Ana on one overlap item', async () => {
    const { file, itemIds } = handedOut.get(BEN.id) ?? { file: '', itemIds: [] };
    results.set(BEN.id, await reviewerRound(BEN, file, itemIds, verdicts.get(BEN.id) ?? new Map()));
  });

  const resultOf = (who: { id: string }) => {
    const found = results.get(who.id);
    if (!found) throw new Error(`${who.id} sent no results: an earlier step failed`);
    return found;
  };
  const progress = () => coordinator.getByRole('table', { name: 'Progress per reviewer' });
  /** The row of the reviewer `reviewerId` of the plan: its header reads "<name> (<id>)". */
  const progressRowName = (reviewerId: string) => new RegExp(`\\(${reviewerId}\\)`);
  // Accepted, Corrected, Rejected, Flagged (Assigned and Pending: see the last test; Last activity and
  // Time spent vary).
  const verdictCounts = async (name: RegExp) => (await rowCells(progress(), name)).slice(2, 6);
  const VERDICTS = { ana: ['4', '1', '1', '0'], ben: ['3', '2', '1', '0'], all: ['7', '3', '2', '0'] };
  const verdictNumbers = async () => ({
    ana: await verdictCounts(progressRowName(ANA.id)),
    ben: await verdictCounts(progressRowName(BEN.id)),
    all: await verdictCounts(/^All reviewers/),
  });

  it('the coordinator imports both result files at once and sees progress, agreement and one conflict', async () => {
    const ana = resultOf(ANA).file;
    const ben = resultOf(BEN).file;
    const [chooser] = await Promise.all([coordinator.waitForEvent('filechooser'), button(coordinator, 'Import results').click()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([ana, ben]);

    const reports = coordinator.getByRole('list', { name: 'What became of each file' });
    await reports.waitFor();
    // One verdict, one event: six each.
    expect(await reports.getByRole('listitem').allInnerTexts()).toEqual([
      `${basename(ana)}: 6 new events of ${ANA.name}.`,
      `${basename(ben)}: 6 new events of ${BEN.name}.`,
    ]);

    await expect.poll(verdictNumbers).toEqual(VERDICTS);
    expect(await coordinator.getByText(`${ITEMS} of ${ITEMS} items have at least one verdict.`).isVisible()).toBe(true);
    expect(
      await coordinator
        .getByText(/^Agreement on the 2 overlap items reviewed by two or more: 50% pairwise percent agreement \(1 of 2 reviewer pairs .*; 1 item in full agreement\)\.$/)
        .isVisible(),
    ).toBe(true);

    // Exactly one conflict: the disputed overlap item, not the one both accepted.
    const conflicts = coordinator.getByRole('region', { name: 'Conflicts' });
    await conflicts.getByText('1 open conflict · 0 decided').waitFor();
    expect(await conflicts.getByRole('navigation', { name: 'Conflicts' }).getByRole('button').allInnerTexts()).toEqual([`${disputed} open`]);
    expect(await conflicts.getByText(new RegExp(`${agreed}(?!\\d)`)).count(), `${agreed}, accepted by both, is no conflict`).toBe(0);
    await conflicts.getByRole('heading', { name: `Conflict 1 of 1: item ${disputed}` }).waitFor();

    // The AI output and both versions, as text; each reviewer's status.
    const table = conflicts.getByRole('table');
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    expect(headers[0]).toBe('Field');
    expect(headers[1]).toBe('AI output');
    expect(headers.at(-1)).toBe('Final');
    const column = (name: string) => headers.findIndex((h) => h.endsWith(name)) - 1; // cells exclude the row header
    const anaColumn = column(ANA.name);
    const benColumn = column(BEN.name);
    expect(anaColumn).toBeGreaterThan(0);
    expect(benColumn).toBeGreaterThan(0);

    const status = await rowCells(table, /^Status/);
    expect(status[anaColumn]).toBe('accepted');
    expect(status[benColumn]).toBe('corrected');
    const values = await table.getByRole('row').nth(2).getByRole('cell').allTextContents();
    expect(values[0]).toBe(line(disputed).mt);
    expect(values[anaColumn]).toBe(line(disputed).mt);
    // Ben's version, its difference from the AI output marked in words for screen readers: taking the
    // insertions gives his text, taking the removals the AI output.
    const benText = values[benColumn] as string;
    expect(benText).toMatch(/\[inserted: /);
    expect(benText.replace(/\[removed: [^\]]*\]/g, '').replace(/\[inserted: ([^\]]*)\]/g, '$1')).toBe(correctionFor(disputed));
    expect(benText.replace(/\[inserted: [^\]]*\]/g, '').replace(/\[removed: ([^\]]*)\]/g, '$1')).toBe(line(disputed).mt);

    await expectNoSeriousAxeViolations(coordinator, 'the desk with a conflict on screen');
  });

  it('the coordinator picks Ben’s version by its number key and decides with Ctrl+Enter; the conflict moves to decided', async () => {
    const conflicts = coordinator.getByRole('region', { name: 'Conflicts' });
    const useBen = conflicts.getByRole('button', { name: new RegExp(`^Use ${BEN.name}.s`) });
    // The key the button announces (1 or 2: the order of the versions is the reviewers' ids'), pressed
    // with the focus in the conflicts view, outside any text field.
    const key = await useBen.getAttribute('aria-keyshortcuts');
    expect(key).toMatch(/^[1-9]$/);
    await conflicts.getByRole('heading', { name: `Conflict 1 of 1: item ${disputed}` }).focus();
    await coordinator.keyboard.press(key as string);
    await expect.poll(() => useBen.getAttribute('aria-pressed')).toBe('true');
    expect(await conflicts.getByRole('textbox', { name: /^Final: / }).inputValue()).toBe(correctionFor(disputed));

    await conflicts.getByRole('textbox', { name: 'Your comment (optional)' }).fill('Ben’s wording reads better.');
    await coordinator.keyboard.press('Control+Enter');

    await conflicts.getByText('0 open conflicts · 1 decided').waitFor();
    await conflicts.getByRole('heading', { name: `Decided 1 of 1: item ${disputed}` }).waitFor();
    expect(await conflicts.getByRole('navigation', { name: 'Conflicts' }).getByRole('button').allInnerTexts()).toEqual([`${disputed} decided`]);
    expect(await conflicts.getByText(/^Your decision: corrected, /).innerText()).toContain('“Ben’s wording reads better.”');
    await conflicts.getByRole('button', { name: 'Change the decision' }).waitFor();
    // A decision is not a further reviewer's opinion: the numbers stay as they were.
    expect(await verdictNumbers()).toEqual(VERDICTS);
  });

  it('the same result file imported again is already here and changes no number', async () => {
    const before = await progress().innerText();
    const ana = resultOf(ANA).file;
    const [chooser] = await Promise.all([coordinator.waitForEvent('filechooser'), button(coordinator, 'Import results').click()]);
    await chooser.setFiles(ana);
    const reports = coordinator.getByRole('list', { name: 'What became of each file' });
    await reports.getByText(`${basename(ana)}: already here (6 events of ${ANA.name}); nothing changed.`).waitFor();
    expect(await reports.getByRole('listitem').count()).toBe(1);
    expect(await verdictNumbers()).toEqual(VERDICTS);
    expect(await progress().innerText(), 'the whole progress table, times included').toBe(before);
    await coordinator.getByRole('region', { name: 'Conflicts' }).getByText('0 open conflicts · 1 decided').waitFor();
  });

  it('exports merged JSONL: every reviewer’s verdict per item, and the decision with "decides"', async () => {
    const [download] = await downloadsOf(coordinator, 1, () => button(coordinator, 'Merged results JSONL').click());
    const text = readFileSync(await keep(download as Download), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const records = text
      .split('\n')
      .filter((l) => l !== '')
      .map((l, n) => {
        try {
          return JSON.parse(l) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        } catch {
          throw new Error(`merged line ${n + 1} is not JSON: ${l.slice(0, 200)}`);
        }
      });

    // What each line should say: for every item in batch order, each reviewer who had it (by id), and on
    // the disputed item also the coordinator's decision.
    const batchId = records[0]?.batch as string;
    const expected: Array<{ id: string; reviewerName: string; status: string; correction: string; decides?: string[] }> = [];
    for (const id of ids) {
      const byReviewer: typeof expected = [];
      for (const who of [ANA, BEN]) {
        const verdict = verdicts.get(who.id)?.get(id);
        if (!verdict) continue;
        const status = verdict === 'accept' ? 'accepted' : verdict === 'correct' ? 'corrected' : 'rejected';
        byReviewer.push({ id, reviewerName: who.name, status, correction: verdict === 'correct' ? correctionFor(id) : line(id).mt });
      }
      if (id === disputed) byReviewer.push({ id, reviewerName: COORDINATOR, status: 'corrected', correction: correctionFor(id), decides: [] });
      expected.push(...byReviewer);
    }
    expect(records).toHaveLength(expected.length);
    expect(records.map((r) => r.id)).toEqual(expected.map((e) => e.id));

    const reviewerIds = new Map<string, string>();
    for (const [n, record] of records.entries()) {
      const where = `merged line ${n + 1} (${String(record.id)}, ${String(record.reviewerName)})`;
      for (const key of RESULT_KEYS) expect(record, `${where} has "${key}"`).toHaveProperty(key);
      expect(record.batch, where).toBe(batchId);
      expect(record.output, where).toEqual({ text: line(record.id).mt });
      expect(record.reviewedAt, where).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(Number.isFinite(record.timeSpentMs) && record.timeSpentMs >= 0, `${where}: timeSpentMs ${record.timeSpentMs}`).toBe(true);
      expect(typeof record.reviewer === 'string' && record.reviewer !== '', `${where} names its reviewer by id`).toBe(true);
      const known = reviewerIds.get(record.reviewerName);
      if (known) expect(record.reviewer, `${where}: one id per reviewer`).toBe(known);
      else reviewerIds.set(record.reviewerName, record.reviewer);
      if (mergedAssigned.has(record.reviewerName)) expect(record.assignedAs, `${where}: one assignedAs per reviewer`).toBe(mergedAssigned.get(record.reviewerName));
      else mergedAssigned.set(record.reviewerName, record.assignedAs);
    }
    // Within an item, records are ordered by reviewer id.
    for (const id of ids) {
      const of = records.filter((r) => r.id === id).map((r) => r.reviewer as string);
      expect(of, `the records of ${id} are in reviewer-id order`).toEqual([...of].sort());
    }

    const rest = [...records];
    for (const e of expected) {
      const at = rest.findIndex((r) => r.id === e.id && r.reviewerName === e.reviewerName);
      expect(at, `a record of ${e.reviewerName} on ${e.id}`).toBeGreaterThanOrEqual(0);
      const [record] = rest.splice(at, 1) as [Record<string, any>]; // eslint-disable-line @typescript-eslint/no-explicit-any
      const where = `${e.reviewerName} on ${e.id}`;
      expect(record.status, where).toBe(e.status);
      expect(record.correction, where).toEqual({ text: e.correction });
      if (e.decides) {
        expect(record.decides, `${where}: the decision names the reviewers it decides between`).toEqual([reviewerIds.get(ANA.name), reviewerIds.get(BEN.name)].sort());
        expect(record.comment, where).toBe('Ben’s wording reads better.');
      } else {
        expect(record, `${where} decides nothing`).not.toHaveProperty('decides');
        expect(record.comment, where).toBe('');
      }
      if (e.status === 'accepted') expect(record.effort, where).toEqual({ text: { charEdits: 0, hter: 0 } });
      if (e.status === 'corrected') expect(record.effort.text.charEdits, where).toBeGreaterThan(0);
    }
    expect(reviewerIds.get(ANA.name)).toBe(resultOf(ANA).reviewerId);
    expect(reviewerIds.get(BEN.name)).toBe(resultOf(BEN).reviewerId);
    for (const [name, id] of reviewerIds) mergedIds.set(name, id);
    // Ben's post-edits are the published ones: their HTER is MLQE-PE's.
    for (const [id, verdict] of verdicts.get(BEN.id) ?? []) {
      if (verdict !== 'correct' || line(id).pe === line(id).mt) continue;
      const record = records.find((r) => r.id === id && r.reviewerName === BEN.name);
      expect(Math.abs(record?.effort.text.hter - line(id).hter), `HTER of ${id}`).toBeLessThanOrEqual(0.001);
    }
  });

  // A reviewer's Loupe writes their work under their own profile id (a random UUID), not the id the coordinator
  // gave them on the desk; their result file says whom the file was handed to (`assignedAs`), and the desk
  // links the two: the plan's rows count the work, and no further row appears.
  it('results come back linked to the ids the coordinator gave, so the plan rows count them', async () => {
    // Assigned, Pending, Accepted, Corrected, Rejected, Flagged.
    const counts = async (name: RegExp) => (await rowCells(progress(), name)).slice(0, 6);
    expect.soft(await counts(progressRowName(ANA.id))).toEqual(['6', '0', ...VERDICTS.ana]);
    expect.soft(await counts(progressRowName(BEN.id))).toEqual(['6', '0', ...VERDICTS.ben]);
    expect.soft(await counts(/^All reviewers/)).toEqual(['12', '0', ...VERDICTS.all]);
    expect.soft(await progress().getByRole('row').count(), 'a header row, Ana, Ben and the total').toBe(4);
    expect.soft(await progress().getByText(resultOf(ANA).reviewerId).count(), 'no row of Ana’s profile id').toBe(0);
    expect.soft(basename(resultOf(ANA).file)).toBe(`${BATCH}.${ANA.id}.loupe-result`);
    expect.soft(basename(resultOf(BEN).file)).toBe(`${BATCH}.${BEN.id}.loupe-result`);
    // The merged JSONL keeps who really did the work, and says whose share it was.
    expect.soft(mergedIds.get(ANA.name), 'Ana’s id in the merged JSONL').toBe(resultOf(ANA).reviewerId);
    expect.soft(mergedIds.get(BEN.name), 'Ben’s id in the merged JSONL').toBe(resultOf(BEN).reviewerId);
    expect.soft(mergedAssigned.get(ANA.name), 'Ana’s assignedAs in the merged JSONL').toBe(ANA.id);
    expect.soft(mergedAssigned.get(BEN.name), 'Ben’s assignedAs in the merged JSONL').toBe(BEN.id);
    expect.soft(mergedAssigned.get(COORDINATOR), 'the coordinator’s decision is assigned to nobody').toBeUndefined();
  });
});
