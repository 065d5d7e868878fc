// Issue 4 end to end, in Chromium through the web shell, against a real sync server started in this file
// (Fastify over embedded PGlite in a temp folder, on 127.0.0.1): a coordinator and two reviewers, each in a
// browser profile of their own, with no file changing hands.
//
// What it proves:
// - the coordinator imports real AI output (MLQE-PE en-de), names two reviewers on the desk with the ids
//   their tokens were issued for and an overlap of 2, saves the server address and their token in Settings
//   (the dialog with its server section passes axe) and publishes with Alt+P; the server holds the batch
//   with each reviewer's share;
// - each reviewer saves the server and their own token in Settings and receives exactly their share by
//   sync alone;
// - with the network cut in the browser (`setOffline`), the indicator says "Offline" and counts the changes
//   waiting as each verdict is given by keyboard (accept, correct by typing, reject) — the page with it
//   passes axe; back online, it reaches "Up to date" with nothing waiting;
// - the coordinator syncs with Ctrl+Shift+S and sees both reviewers' counts in the plan's rows and exactly
//   one open conflict (the overlap item Ana accepted and Ben corrected); the server's progress and
//   conflicts say the same;
// - a reviewer's browser killed (SIGKILL) after the server took a push but before the answer reached the
//   page sends that push again after a relaunch, the server answers it as a repeat, and everything arrived
//   exactly once: one event per verdict given, no event id twice in the server's change log, the
//   indicator "Up to date" with nothing waiting, and the coordinator's desk counting the last verdict.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { z } from 'zod';
import { startServer, type RunningServer } from '../../server/http';
import { BatchList, BatchProgress, ChangesPage, ConflictList, IssuedToken, ItemsPage, PROTOCOL_HEADER, PROTOCOL_VERSION, PushResponse } from '../../shared/sync';
import type { ResultEvent } from '../../shared/batch-file';
import { describeViolations, firstPage, killBrowser, launch, mlqeEnDe, newProfileDir, removeProfileDir, seriousAxeViolations, until } from './harness';
import { appUrl, button, correctionBox, importFile, openApp, openBatch, pageOutline, toShortcut, waitForItem, giveKeyboardVerdict, type KeyboardVerdict } from './review-screen';

const COORDINATOR = 'Cora Coordinator';
const BATCH = 'sync-de';
const ANA = { id: 'r-ana', name: 'Ana Ruiz' };
const BEN = { id: 'r-ben', name: 'Ben Okafor' };
type Who = typeof ANA;
const ITEMS = 8;
const OVERLAP = 2;
const SHARE = (ITEMS + OVERLAP) / 2;
const lines = mlqeEnDe(ITEMS);
const ids = lines.map((_, i) => `de-${i + 1}`);

type Verdict = KeyboardVerdict;
const STATUS: Record<Verdict, string> = { accept: 'accepted', correct: 'corrected', reject: 'rejected' };

const line = (id: string) => {
  const found = lines[ids.indexOf(id)];
  if (!found) throw new Error(`no line for ${id}`);
  return found;
};
/** What a reviewer types to correct an item: the published post-edit, or (where it equals the MT) an edit of the MT. */
const correctionFor = (id: string): string => (line(id).pe !== line(id).mt ? line(id).pe : `${line(id).mt} (geprüft)`);

/** Waits on what the page shows: long enough for a loaded 2-core machine, finite. */
const SEEN = 60_000;

let dataDir: string;
let serverDir: string;
let server: RunningServer | undefined;
let coordinatorToken = '';
const tokens = new Map<string, string>();
const profiles = new Map<string, string>();
const contexts = new Map<string, BrowserContext>();
/** Every browser this file started, killed ones included, for afterAll. */
const launched: BrowserContext[] = [];

// ---- The server, as a coordinator's scripts would call it ---------------------------------------------

function running(): RunningServer {
  if (!server) throw new Error('the sync server did not start (see beforeAll)');
  return server;
}

async function call<T>(schema: z.ZodType<T>, method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${running().url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return schema.parse(JSON.parse(text));
}

const asCoordinator = <T>(schema: z.ZodType<T>, path: string) => call(schema, 'GET', path, coordinatorToken);

/** Every event in the server's change log, in commit order, read page by page as the coordinator. */
async function eventsInChangeLog(): Promise<ResultEvent[]> {
  const events: ResultEvent[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await asCoordinator(ChangesPage, `/v1/changes?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const change of page.changes) if (change.kind === 'event') events.push(change.event);
    if (!page.hasMore) return events;
    cursor = page.cursor;
  }
}

// ---- Browsers -----------------------------------------------------------------------------------------

/** A new browser with a profile of its own, on the app as `name`. */
async function openProfile(key: string, name: string): Promise<Page> {
  const profile = newProfileDir(`sync-${key}`);
  profiles.set(key, profile);
  const context = await launch(profile);
  contexts.set(key, context);
  launched.push(context);
  const page = await firstPage(context);
  await openApp(page, appUrl(inject('webUrl'), { demo: false, reviewer: name }));
  return page;
}

/** The sync indicator in the app's header. */
const indicator = (page: Page): Locator => page.getByRole('banner').getByRole('status');

/** Waits until the indicator reads `expected` (a string: exactly), and returns what it reads. */
async function indicatorSays(page: Page, expected: string | RegExp, timeout = SEEN): Promise<string> {
  let last = '';
  const matches = () => (typeof expected === 'string' ? last === expected : expected.test(last));
  await until(
    `the sync indicator to read ${String(expected)}`,
    async () => {
      last = (await indicator(page).innerText({ timeout: 5_000 }).catch(() => '')).trim();
      return matches();
    },
    timeout,
    100,
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}; it reads ${JSON.stringify(last)}. The page reads:\n${await pageOutline(page)}`);
  });
  return last;
}

/** "Up to date · 11:02 AM" and nothing after it: no changes waiting. */
const UP_TO_DATE = /^Up to date · \d{1,2}:\d{2}(\s?[AP]M)?$/;
const waiting = (n: number) => `${n} change${n === 1 ? '' : 's'} waiting`;

async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

/** Opens Settings, saves the server address and `token`, and leaves the dialog open on its saved state. */
async function saveServer(page: Page, token: string): Promise<Locator> {
  await button(page, 'Settings').click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(running().url);
  await dialog.getByLabel('Token', { exact: true }).fill(token);
  await dialog.getByRole('button', { name: 'Save server' }).click();
  // The token is kept, never shown again.
  await dialog.getByText('A token is saved. Leave empty to keep it.').waitFor({ timeout: SEEN });
  expect(await dialog.getByLabel('Token', { exact: true }).inputValue()).toBe('');
  return dialog;
}

async function closeSettings(page: Page, dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The text of a table's body cells in the row named `name` (its row header excluded). */
async function rowCells(table: Locator, name: RegExp): Promise<string[]> {
  return (await table.getByRole('row', { name }).getByRole('cell').allInnerTexts()).map((t) => t.trim());
}

/**
 * Gives `verdict` on the open item `id` by keyboard. Accept and a correction confirmed with Ctrl+Enter
 * open the next item by themselves; a rejection stays, and the reviewer moves on with the Next shortcut.
 */
async function giveVerdict(page: Page, id: string, verdict: Verdict, next: string | undefined): Promise<void> {
  await waitForItem(page, line(id).src, SEEN);
  await giveKeyboardVerdict(page, { mt: line(id).mt, correction: correctionFor(id) }, verdict, next !== undefined, SEEN);
  if (next) {
    await waitForItem(page, line(next).src, SEEN).catch(async (error: Error) => {
      throw new Error(`After ${verdict} on ${id}, ${next} did not open: ${error.message}. The page reads:\n${await pageOutline(page, 6_000)}`);
    });
  }
}

/** Counts of Accepted, Corrected, Rejected and Flagged among `given`, as the progress table shows them. */
function counts(given: readonly Verdict[]): string[] {
  const n = (v: Verdict) => String(given.filter((g) => g === v).length);
  return [n('accept'), n('correct'), n('reject'), '0'];
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'loupe-e2e-sync-'));
  serverDir = mkdtempSync(join(tmpdir(), 'loupe-e2e-sync-server-'));
  server = await startServer({ where: { dataDir: serverDir }, host: '127.0.0.1', port: 0, logger: false });
  const first = server.firstCoordinator;
  if (!first) throw new Error('a new server made no first coordinator token');
  coordinatorToken = first.token;
  for (const who of [ANA, BEN]) {
    const issued = await call(IssuedToken, 'POST', '/v1/tokens', coordinatorToken, { role: 'reviewer', reviewerId: who.id, name: who.name });
    tokens.set(who.id, issued.token);
  }
});

afterAll(async () => {
  for (const context of launched) await context.close().catch(() => undefined);
  for (const profile of profiles.values()) removeProfileDir(profile);
  await server?.close().catch(() => undefined);
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('two reviewers offline and a coordinator, in sync through a server', () => {
  let coordinator: Page;
  const reviewers = new Map<string, Page>();
  let batchId = '';
  /** Each reviewer's share, in the order their list shows it. */
  const shares = new Map<string, string[]>();
  const verdicts = new Map<string, Map<string, Verdict>>();
  /** Ana's last item: reviewed in the last test, while her browser is killed in the middle of the push. */
  let anaLast = '';
  let disputed = '';
  /** The steps done so far: a step whose ground an earlier one failed to lay fails at once, saying so. */
  const reached = new Set<string>();
  const requires = (...steps: string[]) => {
    const missing = steps.filter((step) => !reached.has(step));
    if (missing.length > 0) throw new Error(`An earlier step failed, so this one cannot run: not ${missing.join(', ')}`);
  };

  const tokenOf = (who: Who) => tokens.get(who.id) ?? '';
  const pageOf = (who: Who) => {
    const page = reviewers.get(who.id);
    if (!page) throw new Error(`${who.name}'s browser is not open: an earlier step failed`);
    return page;
  };
  const shareOf = (who: Who) => shares.get(who.id) ?? [];
  const verdictOf = (who: Who, id: string): Verdict => {
    const v = verdicts.get(who.id)?.get(id);
    if (!v) throw new Error(`no verdict planned for ${who.name} on ${id}`);
    return v;
  };
  /** What each reviewer has done once they worked offline: all of Ben's share, all but the last of Ana's. */
  const reviewedOffline = (who: Who) => (who === ANA ? shareOf(who).filter((id) => id !== anaLast) : shareOf(who));

  const progress = () => coordinator.getByRole('table', { name: 'Progress per reviewer' });
  /** The row of the reviewer `reviewerId` of the plan: its header reads "<name> (<id>)"; its first six cells Assigned, Pending, Accepted, Corrected, Rejected, Flagged. */
  const progressRow = async (who: Who) => (await rowCells(progress(), new RegExp(`\\(${who.id}\\)`))).slice(0, 6);

  it('the coordinator imports AI output, names Ana and Ben with an overlap, saves the server and publishes with Alt+P', async () => {
    const source = join(dataDir, `${BATCH}.jsonl`);
    writeFileSync(source, lines.map((l, i) => JSON.stringify({ id: ids[i], input: { source: l.src }, output: l.mt, model: 'MLQE-PE en-de NMT' })).join('\n') + '\n');
    coordinator = await openProfile('coordinator', COORDINATOR);
    expect(await indicatorSays(coordinator, 'Not syncing: no server set')).toBe('Not syncing: no server set');
    await importFile(coordinator, source);
    await openBatch(coordinator, BATCH);

    await button(coordinator, 'Back to the list').click();
    await coordinator.getByRole('link', { name: 'Coordinate' }).click();
    await coordinator.getByRole('heading', { level: 1, name: `Coordinate “${BATCH}”` }).waitFor();
    batchId = decodeURIComponent(/#\/batch\/([^/]+)\/desk$/.exec(coordinator.url())?.[1] ?? '');
    expect(batchId).not.toBe('');

    // The ids their tokens were issued for.
    await coordinator.getByRole('textbox', { name: 'Reviewer 1 id' }).fill(ANA.id);
    await coordinator.getByRole('textbox', { name: 'Reviewer 1 display name' }).fill(ANA.name);
    await coordinator.getByRole('textbox', { name: 'Reviewer 1 display name' }).press('Enter');
    await coordinator.getByRole('textbox', { name: 'Reviewer 2 id' }).fill(BEN.id);
    await coordinator.getByRole('textbox', { name: 'Reviewer 2 display name' }).fill(BEN.name);
    await coordinator.getByRole('spinbutton', { name: /^Overlap/ }).fill(String(OVERLAP));
    const plan = coordinator.getByRole('table', { name: 'The plan' });
    await expect.poll(() => rowCells(plan, new RegExp(ANA.name)), { timeout: SEEN }).toEqual([String(SHARE), String(OVERLAP), String(SHARE - OVERLAP), 'Not encrypted']);
    expect(await rowCells(plan, new RegExp(BEN.name))).toEqual([String(SHARE), String(OVERLAP), String(SHARE - OVERLAP), 'Not encrypted']);
    // No server yet: the desk says where to add one, and offers no publishing.
    await coordinator.getByText('No sync server is set. Add one in Settings to publish batches to it.').waitFor();

    const settings = await saveServer(coordinator, coordinatorToken);
    await expectNoSeriousAxeViolations(coordinator, 'the Settings dialog with a server saved');
    await closeSettings(coordinator, settings);
    await indicatorSays(coordinator, UP_TO_DATE);

    // Published by keyboard, with the shortcut the button announces.
    const publish = button(coordinator, 'Publish to server');
    await publish.waitFor({ timeout: SEEN }).catch(async () => {
      throw new Error(`With a server saved, the desk offers no "Publish to server". The page reads:\n${await pageOutline(coordinator)}`);
    });
    const shortcut = toShortcut((await publish.getAttribute('aria-keyshortcuts')) ?? '');
    expect(shortcut.keys).toBe('Alt+KeyP');
    await coordinator.keyboard.press(shortcut.keys);
    await coordinator.getByText(/^On the server as revision 1\./).waitFor({ timeout: SEEN });
    await indicatorSays(coordinator, UP_TO_DATE);

    // The server holds the batch, with each reviewer's share.
    const listed = await asCoordinator(BatchList, '/v1/batches');
    expect(listed.batches.map((b) => [b.batch.id, b.batch.name, b.reviewers.map((r) => [r.id, r.name, r.itemCount])])).toEqual([
      [batchId, BATCH, [[ANA.id, ANA.name, SHARE], [BEN.id, BEN.name, SHARE]]],
    ]);
    reached.add('published');
  });

  for (const who of [ANA, BEN]) {
    it(`${who.name} saves the server and a reviewer token in Settings, and receives exactly that share by sync alone`, async () => {
      requires('published');
      const page = await openProfile(who.id, who.name);
      reviewers.set(who.id, page);
      await indicatorSays(page, 'Not syncing: no server set');
      await closeSettings(page, await saveServer(page, tokenOf(who)));
      await indicatorSays(page, UP_TO_DATE);

      // The batch arrives in the list; its items are the reviewer's share, as the server has it.
      const entry = page.getByRole('link', { name: new RegExp(BATCH) }).first();
      await entry.waitFor({ timeout: SEEN });
      await entry.click();
      const options = page.getByRole('listbox').getByRole('option');
      await expect.poll(() => options.count(), { timeout: SEEN }).toBe(SHARE);
      const listed = (await options.allInnerTexts()).map((text) => /^\s*(de-\d+)/.exec(text)?.[1] ?? text);
      const onServer = await call(ItemsPage, 'GET', `/v1/batches/${encodeURIComponent(batchId)}/items`, tokenOf(who));
      expect(listed).toEqual(onServer.items.map((i) => i.id));
      expect(listed).toEqual(ids.filter((id) => listed.includes(id)));
      shares.set(who.id, listed);
      await options.first().click();
      await correctionBox(page).waitFor({ timeout: SEEN });
      await waitForItem(page, line(listed[0] as string).src, SEEN);
      // Reviewing as the reviewer the token names.
      await page.getByText(`Reviewing as ${who.name}`).waitFor();
      reached.add(`received by ${who.id}`);
    });
  }

  it('Ana and Ben each get part of the batch, overlapping on two items', () => {
    requires(`received by ${ANA.id}`, `received by ${BEN.id}`);
    const ana = shareOf(ANA);
    const ben = shareOf(BEN);
    expect(new Set([...ana, ...ben])).toEqual(new Set(ids));
    const overlap = ana.filter((id) => ben.includes(id));
    expect(overlap).toHaveLength(OVERLAP);
    anaLast = ana.at(-1) as string;
    // They disagree on an overlap item Ana reviews offline (Ana accepts, Ben corrects), agree on the other.
    disputed = overlap.find((id) => id !== anaLast) as string;
    const own = (list: string[]) => list.filter((id) => !overlap.includes(id));
    const plan = (list: string[], onOwn: Verdict[], onDisputed: Verdict) =>
      new Map(list.map((id): [string, Verdict] => [id, id === disputed ? onDisputed : overlap.includes(id) ? 'accept' : (onOwn[own(list).indexOf(id)] as Verdict)]));
    verdicts.set(ANA.id, plan(ana, ['correct', 'reject', 'accept'], 'accept'));
    verdicts.set(BEN.id, plan(ben, ['reject', 'accept', 'correct'], 'correct'));
    reached.add('planned');
  });

  it('with the network cut, both work by keyboard and the indicator counts the changes waiting', async () => {
    requires('planned');
    for (const who of [ANA, BEN]) {
      const page = pageOf(who);
      const context = contexts.get(who.id) as BrowserContext;
      await context.setOffline(true);
      await indicatorSays(page, 'Offline');
    }
    for (const who of [ANA, BEN]) {
      const page = pageOf(who);
      const todo = reviewedOffline(who);
      for (const [n, id] of todo.entries()) {
        await giveVerdict(page, id, verdictOf(who, id), shareOf(who)[shareOf(who).indexOf(id) + 1]);
        // Stored here at once, waiting for the network.
        await indicatorSays(page, `Offline · ${waiting(n + 1)}`);
      }
    }
    // Ben reviewed everything; Ana has her last item open, not yet reviewed.
    await pageOf(BEN).getByText(/^That was the last item in the list/).waitFor({ state: 'attached' });
    await waitForItem(pageOf(ANA), line(anaLast).src, SEEN);
    await expectNoSeriousAxeViolations(pageOf(ANA), 'the review screen with the indicator showing Offline and changes waiting');

    // Nothing reached the server while they were offline.
    const progress = await asCoordinator(BatchProgress, `/v1/batches/${encodeURIComponent(batchId)}/progress`);
    expect(progress.reviewers.map((r) => [r.reviewerId, r.counts.pending])).toEqual([
      [ANA.id, SHARE],
      [BEN.id, SHARE],
    ]);
    reached.add('worked offline');
  });

  it('back online, each indicator reaches "Up to date" with nothing waiting', async () => {
    requires('worked offline');
    for (const who of [ANA, BEN]) await (contexts.get(who.id) as BrowserContext).setOffline(false);
    for (const who of [ANA, BEN]) {
      const says = await indicatorSays(pageOf(who), UP_TO_DATE);
      expect(says).not.toMatch(/waiting/);
    }
    const inLog = await eventsInChangeLog();
    for (const who of [ANA, BEN]) {
      const theirs = inLog.filter((e) => e.reviewerId === who.id);
      expect(theirs, `${who.name}: one event per verdict on the server`).toHaveLength(reviewedOffline(who).length);
      expect(new Map(theirs.map((e) => [e.itemId, e.status])), `${who.name}'s verdicts on the server`).toEqual(
        new Map(reviewedOffline(who).map((id) => [id, STATUS[verdictOf(who, id)]])),
      );
    }
    reached.add('back online');
  });

  it('the coordinator syncs with Ctrl+Shift+S and sees both reviewers’ work and exactly one open conflict', async () => {
    requires('back online');
    const shortcut = toShortcut((await button(coordinator, 'Sync now').getAttribute('aria-keyshortcuts')) ?? '');
    expect(shortcut.keys).toBe('Control+Shift+KeyS');
    await coordinator.keyboard.press(shortcut.keys);

    const expected = (who: Who) => {
      const given = reviewedOffline(who).map((id) => verdictOf(who, id));
      return [String(SHARE), String(SHARE - given.length), ...counts(given)];
    };
    await expect.poll(() => progressRow(ANA), { timeout: SEEN }).toEqual(expected(ANA));
    await expect.poll(() => progressRow(BEN), { timeout: SEEN }).toEqual(expected(BEN));
    await indicatorSays(coordinator, UP_TO_DATE);

    const conflicts = coordinator.getByRole('region', { name: 'Conflicts' });
    await conflicts.getByText('1 open conflict · 0 decided').waitFor({ timeout: SEEN });
    expect(await conflicts.getByRole('navigation', { name: 'Conflicts' }).getByRole('button').allInnerTexts()).toEqual([`${disputed} open`]);
    await conflicts.getByRole('heading', { name: `Conflict 1 of 1: item ${disputed}` }).waitFor();

    // The server says the same.
    const onServer = await asCoordinator(BatchProgress, `/v1/batches/${encodeURIComponent(batchId)}/progress`);
    for (const who of [ANA, BEN]) {
      const row = onServer.reviewers.find((r) => r.reviewerId === who.id);
      const given = reviewedOffline(who).map((id) => verdictOf(who, id));
      expect(row?.assigned, who.name).toBe(SHARE);
      expect([row?.counts.pending, row?.counts.accepted, row?.counts.corrected, row?.counts.rejected, row?.counts.flagged].map(String), who.name).toEqual([
        String(SHARE - given.length),
        ...counts(given),
      ]);
    }
    const conflictList = await asCoordinator(ConflictList, `/v1/batches/${encodeURIComponent(batchId)}/conflicts`);
    expect(conflictList.conflicts.map((c) => c.itemId)).toEqual([disputed]);
    expect(conflictList.settled).toBe(0);
    const statuses = conflictList.conflicts[0]?.reviews.map((r): [string, string] => [r.reviewerId, r.status]) ?? [];
    expect(new Map(statuses)).toEqual(
      new Map([
        [ANA.id, 'accepted'],
        [BEN.id, 'corrected'],
      ]),
    );
  });

  it('Ana’s browser killed after the server took her push, before the answer came: after a relaunch it arrives once', async () => {
    requires('back online');
    const page = pageOf(ANA);
    const context = contexts.get(ANA.id) as BrowserContext;
    const profile = profiles.get(ANA.id) as string;
    const serverUrl = new URL(running().url);
    const isPush = (url: URL) => url.host === serverUrl.host && url.pathname === '/v1/events';

    // The push reaches the server, which commits it; its answer is held and never given to the page.
    let took: (answer: PushResponse) => void = () => undefined;
    const committed = new Promise<PushResponse>((resolve) => (took = resolve));
    let pushes = 0;
    let routeProblem = '';
    await context.route(isPush, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      pushes += 1;
      try {
        const response = await route.fetch();
        took(PushResponse.parse(await response.json()));
      } catch (error) {
        routeProblem = ` (passing the push on failed: ${String(error)})`;
      }
    });

    await giveVerdict(page, anaLast, verdictOf(ANA, anaLast), undefined);
    let first: PushResponse | undefined;
    void committed.then((answer) => (first = answer));
    await until('the server to take Ana’s push', () => first !== undefined || routeProblem !== '', SEEN);
    expect(routeProblem).toBe('');
    expect(first?.accepted).toBe(1);
    expect(first?.repeat).toBe(false);
    // The page does not know: it still counts the change as waiting.
    await indicatorSays(page, `Sending 0 of 1… · ${waiting(1)}`);

    await killBrowser(profile);
    expect(pushes, 'one push was sent before the kill').toBe(1);

    const relaunched = await launch(profile);
    contexts.set(ANA.id, relaunched);
    launched.push(relaunched);
    const again = await firstPage(relaunched);
    reviewers.set(ANA.id, again);
    const answers: Array<Promise<PushResponse>> = [];
    again.on('response', (response) => {
      if (response.request().method() === 'POST' && isPush(new URL(response.url()))) answers.push(response.json().then((body) => PushResponse.parse(body)));
    });
    await openApp(again, appUrl(inject('webUrl'), { demo: false, reviewer: ANA.name }));
    const says = await indicatorSays(again, UP_TO_DATE);
    expect(says).not.toMatch(/waiting/);
    // The same push went again, and the server knew it.
    await expect.poll(() => answers.length, { timeout: SEEN }).toBeGreaterThanOrEqual(1);
    // (Normally exactly one; a push the page had to send twice would be answered as a repeat again.)
    const repeated = await Promise.all(answers);
    for (const answer of repeated) expect([answer.seq, answer.repeat], 'the push after the relaunch is the one the server took').toEqual([first?.seq, true]);

    // On the server, everything once: one event per verdict given, no event id twice in the change log.
    const inLog = await eventsInChangeLog();
    expect(new Set(inLog.map((e) => e.id)).size, 'event ids in the change log are unique').toBe(inLog.length);
    for (const who of [ANA, BEN]) {
      const theirs = inLog.filter((e) => e.reviewerId === who.id && e.batchId === batchId);
      expect(theirs, `${who.name}: one event per verdict`).toHaveLength(SHARE);
      expect(new Map(theirs.map((e) => [e.itemId, e.status])), `${who.name}'s verdicts`).toEqual(new Map(shareOf(who).map((id) => [id, STATUS[verdictOf(who, id)]])));
    }
    // The store itself, read only: its events table and change log agree.
    const store = running().store;
    const stored = await store.query<{ reviewer_id: string; n: number }>('SELECT reviewer_id, count(*)::int AS n FROM events WHERE batch_id = $1 GROUP BY reviewer_id ORDER BY reviewer_id', [batchId]);
    expect(stored.map((r) => [r.reviewer_id, Number(r.n)])).toEqual([
      [ANA.id, SHARE],
      [BEN.id, SHARE],
    ]);
    const twice = await store.query<{ event_id: string }>("SELECT event_id FROM changes WHERE kind = 'event' GROUP BY event_id HAVING count(*) > 1");
    expect(twice).toEqual([]);

    // The coordinator's desk counts Ana's last verdict once; still one conflict.
    await coordinator.keyboard.press('Control+Shift+KeyS');
    const given = shareOf(ANA).map((id) => verdictOf(ANA, id));
    await expect.poll(() => progressRow(ANA), { timeout: SEEN }).toEqual([String(SHARE), '0', ...counts(given)]);
    await coordinator.getByRole('region', { name: 'Conflicts' }).getByText('1 open conflict · 0 decided').waitFor({ timeout: SEEN });
  });
});
