// `npm run bench`: the budgets of BRIEF 4, measured in real Chromium against the built web shell, written
// to docs/benchmarks.md. Not part of `npm test` (it takes minutes and its figures depend on the machine).
//
//   (a) import of 100,000 items through the app's import path vs a bare Dexie bulkPut   goal ≤ 1.5×
//   (b) open the next item with 100,000 items stored, p50/p95                             goal p95 < 16 ms
//   (c) a keystroke in a 5,000-word document until the difference is shown                goal < 16 ms
//   (d) memory of the renderer with 100,000 items stored                                  goal < 300 MB
//   and the effort figures of shared/effort against the published MLQE-PE HTER;
//   (files) writing, and reading plus verifying, a 100,000-item .loupe batch in Node (what `loupe` runs)
//   and in Chromium vs a bare fflate zip/unzip + JSON parse of the same bytes               goal ≤ 1.3×
//   and merging 10 result files of 10,000 items each;
//   (server) the sync server, `loupe server` over real HTTP: publishing a 100,000-item batch, several
//   clients pushing 1,000 events at a time (events per second), pulling the batch and every change
//   (time, MB/s), and one client's 10,000 events against POSTing the same bytes raw — on PGlite, and on
//   PostgreSQL when BENCH_POSTGRES_URL or LOUPE_TEST_POSTGRES_URL names one (bench/server.ts); and the
//   app's own push of 10,000 events from its outbox vs the same bodies POSTed raw (bench/sync-push.ts)
//   goal ≤ 2×. It needs no browser: a run of only this part replaces only its section of BENCH_OUT.
//   (xliff) importing and exporting a 10 MB XLIFF 1.2 file with shared/xliff against Debian's
//   translate-toolkit doing the same in the same run (bench/xliff.ts)                       goal ≤ 1×
//   and `loupe effort` over two 100,000-line files (BENCH_ITEMS lines). In Node alone; it writes its own
//   section of BENCH_OUT, whatever else runs.
//
// Environment: BENCH_ITEMS (100000), BENCH_ROUNDS (3), BENCH_PRESSES (200), BENCH_KEYSTROKES (100),
// BENCH_OUT (docs/benchmarks.md), BENCH_PARTS (import,effort,app,files,server,xliff: which parts to run),
// BENCH_SERVER_CLIENTS (4), BENCH_POSTGRES_URL (a role that may CREATE DATABASE).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { chromium } from 'playwright-core';
import { browserPid, machine, rendererMemory } from '../bench/machine.mjs';
import { installProbe } from '../bench/probes.mjs';
import { serveBench } from '../bench/serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PRESSES = Number(process.env.BENCH_PRESSES ?? 200);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 100);
const DOC_WORDS = 5_000;
const OUT = process.env.BENCH_OUT ?? join(root, 'docs', 'benchmarks.md');
const PARTS = new Set((process.env.BENCH_PARTS ?? 'import,effort,app,files,server,xliff').split(',').map((p) => p.trim()));
/** Parts that run in Node alone; every other part needs the browser. */
const NODE_PARTS = ['server', 'xliff'];
const NEEDS_BROWSER = [...PARTS].some((p) => !NODE_PARTS.includes(p));
const SERVER_CLIENTS = Number(process.env.BENCH_SERVER_CLIENTS ?? 4);
const SERVER_SEQUENTIAL_EVENTS = 10_000;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL || process.env.LOUPE_TEST_POSTGRES_URL || null;
const APP_DB = 'loupe'; // the app's IndexedDB (LoupeDatabase's default name)
const REVIEWER = 'Bench';

const log = (message) => console.error(`[bench] ${message}`);
/** Stops the run with a one-line reason (the browser and temporary files are cleaned up first). */
class BenchError extends Error {}
const fail = (message) => {
  throw new BenchError(message);
};

// ---- statistics ----------------------------------------------------------------------------------------
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const percentile = (xs, p) => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const median = (xs) => percentile(xs, 50);
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : 'n/a');
const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MB` : 'n/a');
const met = (ok) => (ok === null ? 'not measured' : ok ? '**met**' : '**not met**');

function summary(samples, key) {
  const xs = samples.filter((s) => s.ok && Number.isFinite(s[key])).map((s) => s[key]);
  return { n: xs.length, p50: median(xs), p95: percentile(xs, 95), max: xs.length ? Math.max(...xs) : NaN };
}

// ---- preparation ---------------------------------------------------------------------------------------
function readLines(pair) {
  const dir = join(root, 'test', 'fixtures', 'mlqe-pe', pair);
  const read = (f) => {
    const file = join(dir, f);
    if (!existsSync(file)) fail(`the MLQE-PE fixture is missing: ${file}`);
    return readFileSync(file, 'utf8').split('\n').slice(0, 1000);
  };
  return { src: read('dev.src'), mt: read('dev.mt'), pe: read('dev.pe'), hter: read('dev.hter') };
}

async function buildAll(benchOut) {
  const { build } = await import('vite');
  if (PARTS.has('app')) {
    log('building the web shell (vite.web.config.ts)…');
    await build({ configFile: join(root, 'vite.web.config.ts'), logLevel: 'warn' });
  }
  log('type-checking and building the benchmark page (bench/)…');
  const tsc = spawnSync('npx', ['tsc', '-p', 'bench/tsconfig.json', '--noEmit'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) fail('bench/ does not type-check (see above)');
  await build({ configFile: join(root, 'bench', 'vite.config.ts'), logLevel: 'warn', build: { outDir: benchOut } });
}

// ---- (a) import ----------------------------------------------------------------------------------------
async function measureImport(page, enDe) {
  const bytes = await page.evaluate(([lines, n]) => window.loupeBench.prepareJsonl('big', lines, n, 'bench'), [{ src: enDe.src, mt: enDe.mt }, ITEMS]);
  log(`import: ${ITEMS.toLocaleString('en')} items, ${(bytes / 2 ** 20).toFixed(1)} MB of JSONL; ${ROUNDS} rounds`);
  const rounds = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    // Alternate the order, so that neither side always runs on a warmer (or more fragmented) disk.
    const order = r % 2 === 0 ? ['bulkPut', 'import'] : ['import', 'bulkPut'];
    const round = {};
    for (const side of order) {
      const db = `bench-${side}`;
      await page.evaluate((name) => window.loupeBench.deleteDatabase(name), db);
      round[side] =
        side === 'import'
          ? await page.evaluate((name) => window.loupeBench.importThroughApp(name, 'big', 'bench-100k.jsonl'), db)
          : await page.evaluate((name) => window.loupeBench.bulkPutBaseline(name, 'big', 'bench-100k.jsonl'), db);
      const counts = await page.evaluate((name) => window.loupeBench.counts(name), db);
      if (counts.items !== ITEMS) fail(`${side} stored ${counts.items} items, not ${ITEMS}`);
      await page.evaluate((name) => window.loupeBench.deleteDatabase(name), db);
    }
    log(`  round ${r + 1}: import ${ms(round.import.ms)} (${Object.entries(round.import.phases).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}), bulkPut ${ms(round.bulkPut.ms)}`);
    rounds.push(round);
  }
  const importMs = median(rounds.map((r) => r.import.ms));
  const bulkPutMs = median(rounds.map((r) => r.bulkPut.ms));
  const phase = (name) => median(rounds.map((r) => r.import.phases[name] ?? 0));
  const parseAndStore = median(rounds.map((r) => (r.import.phases.parsing ?? 0) + (r.import.phases.saving ?? 0)));
  return { bytes, rounds, importMs, bulkPutMs, reading: phase('reading'), parsing: phase('parsing'), saving: phase('saving'), parseAndStore, ratio: importMs / bulkPutMs };
}

// ---- the app -------------------------------------------------------------------------------------------
async function seedApp(page, enDe) {
  log('storing the 100,000-item batch and a 5,000-word document in the app’s own database…');
  const big = await page.evaluate((db) => window.loupeBench.importThroughApp(db, 'big', 'bench-100k.jsonl'), APP_DB);
  await page.evaluate(() => window.loupeBench.forget('big'));
  const words = await page.evaluate(([lines, w]) => window.loupeBench.prepareLongText('doc', lines, w, 3), [{ src: enDe.src, mt: enDe.mt }, DOC_WORDS]);
  const doc = await page.evaluate((db) => window.loupeBench.importThroughApp(db, 'doc', 'bench-document.jsonl'), APP_DB);
  const first = await page.evaluate(([db, id]) => window.loupeBench.firstItemId(db, id), [APP_DB, big.batchId]);
  const loadTimes = await page.evaluate(([db, id, n]) => window.loupeBench.timeLoadItemState(db, id, n), [APP_DB, big.batchId, PRESSES]);
  return { big, doc, words, first, loadItemState: { ok: true, samples: loadTimes } };
}

async function openItem(page, base, batchId, itemId) {
  // The app's route for an item (renderer/app/route.ts): the bench goes straight there.
  await page.goto(`${base}?demo=0&reviewer=${REVIEWER}#/batch/${encodeURIComponent(batchId)}/item/${encodeURIComponent(itemId)}`);
  const correction = page.getByRole('textbox', { name: /^Correction/ }).first();
  await correction.waitFor({ timeout: 120_000 });
  await page.evaluate(installProbe);
  return correction;
}

async function nextShortcut(page) {
  const aria = await page.getByRole('button', { name: /^Next\b/ }).first().getAttribute('aria-keyshortcuts').catch(() => null);
  return aria?.trim().split(/\s+/)[0] ?? null;
}

/** Presses `keys` `count` times, each time timing until the item `seq + 1` is on screen. */
async function timeMoves(page, enDe, keys, startSeq, count) {
  const samples = [];
  for (let i = 0; i < count; i += 1) {
    const seq = startSeq + i + 1;
    const marker = enDe.src[seq % enDe.src.length].slice(0, 40);
    await page.evaluate(([m]) => window.__loupeProbe.arm(m, 5_000), [marker]);
    await page.keyboard.press(keys);
    const sample = await page.evaluate(() => window.__loupeProbe.wait());
    samples.push(sample);
    if (!sample.ok) {
      log(`  ${keys}: item ${seq + 1} did not appear within 5 s (keydown seen: ${sample.sawKey}); stopping this series`);
      break;
    }
    await page.waitForTimeout(30); // a reviewer's pace is far slower; this lets the saves of the move settle
  }
  return samples;
}

async function measureOpenNext(page, base, seed, enDe) {
  log('open next item: opening the 100,000-item batch in the app…');
  const t0 = Date.now();
  const correction = await openItem(page, base, seed.big.batchId, seed.first);
  await page.getByText(enDe.src[0].slice(0, 40)).first().waitFor({ timeout: 60_000 });
  const openMs = Date.now() - t0;
  await correction.focus();
  const next = (await nextShortcut(page)) ?? 'Alt+ArrowDown';
  log(`  Next is ${next}; ${PRESSES} presses, then ${PRESSES} × Ctrl+Enter`);
  await timeMoves(page, enDe, next, 0, 10); // warm-up
  const nextSamples = await timeMoves(page, enDe, next, 10, PRESSES);
  const confirmSamples = await timeMoves(page, enDe, 'Control+Enter', 10 + PRESSES, PRESSES);
  const storage = seed.loadItemState.samples.map((t) => ({ ok: true, t }));
  return { openMs, nextKey: next, next: nextSamples, confirm: confirmSamples, storage };
}

function typedWords(count) {
  // Letters rare in German and English, so the text being typed is found only where it is shown.
  const letters = 'qxjz';
  let seed = 7;
  const words = [];
  for (let w = 0; w < count; w += 1) {
    let word = '';
    for (let c = 0; c < 5; c += 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      word += letters[seed % letters.length];
    }
    words.push(word);
  }
  return words;
}

async function measureTyping(page, base, seed) {
  log(`typing: a ${seed.words.toLocaleString('en')}-word document, ${KEYSTROKES} timed keystrokes…`);
  const correction = await openItem(page, base, seed.doc.batchId, 'doc-1');
  await correction.focus();
  await page.keyboard.press('Control+End');
  const samples = [];
  for (const word of typedWords(Math.ceil(KEYSTROKES / 4))) {
    await page.keyboard.type(' ');
    await page.keyboard.type(word[0]);
    await page.waitForTimeout(200);
    for (let k = 1; k < word.length && samples.length < KEYSTROKES; k += 1) {
      await page.evaluate(([m]) => window.__loupeProbe.arm(m, 3_000, 'input'), [word.slice(0, k + 1)]);
      await page.keyboard.type(word[k]);
      const sample = await page.evaluate(() => window.__loupeProbe.wait());
      samples.push(sample);
      if (!sample.ok && samples.filter((s) => !s.ok).length >= 3) {
        log('  the difference did not show what was typed within 3 s, three times; stopping');
        return { samples, words: seed.words };
      }
      await page.waitForTimeout(60); // ~ a fast typist
    }
  }
  return { samples, words: seed.words };
}

// ---- (d) memory ----------------------------------------------------------------------------------------
async function measureMemory(context, page, profile, where) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(1_000);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  await cdp.detach();
  const renderers = rendererMemory(profile);
  return { where, jsHeapUsed: metric('JSHeapUsedSize'), jsHeapTotal: metric('JSHeapTotalSize'), nodes: metric('Nodes'), renderer: renderers[0] ?? null, rendererCount: renderers.length };
}

// ---- (files) batch files ---------------------------------------------------------------------------------
const MERGE_FILES = 10;
const MERGE_PER_FILE = 10_000;

async function measureFiles(benchPage, enDe) {
  const lines = { src: enDe.src, mt: enDe.mt };
  log(`batch files: writing and reading a ${ITEMS.toLocaleString('en')}-item batch in Node…`);
  const { batchFileRoundTrip, mergeWorkload } = await createJiti(import.meta.url).import('../bench/batch-files.ts');
  const node = await batchFileRoundTrip(lines, ITEMS, ROUNDS);
  const nodeMerge = mergeWorkload(MERGE_FILES, MERGE_PER_FILE);
  log('  … and in Chromium');
  const browser = await benchPage.evaluate(([l, n, r]) => window.loupeBench.batchFileRoundTrip(l, n, r), [lines, ITEMS, ROUNDS]);
  const browserMerge = await benchPage.evaluate(([f, n]) => window.loupeBench.mergeWorkload(f, n), [MERGE_FILES, MERGE_PER_FILE]);
  return { node, browser, nodeMerge, browserMerge };
}

// ---- (xliff) XLIFF import and export vs translate-toolkit, and `loupe effort` ------------------------------
/** Measures the part and writes its section into BENCH_OUT; returns the section, for a full report to keep. */
async function writeXliffPart(m) {
  const { xliffBenchmark, xliffSection } = await createJiti(import.meta.url).import('../bench/xliff.ts');
  const measured = await xliffBenchmark({ lines: readLines('en-de'), bytes: 10 * 2 ** 20, rounds: ROUNDS, effortLines: ITEMS, log });
  const section = xliffSection({ ...m, loadEnd: loadavg()[0] }, measured, ROUNDS);
  const text = existsSync(OUT) ? replaceSection(readFileSync(OUT, 'utf8'), '## XLIFF', section) : ['# Benchmarks', '', ...section].join('\n');
  writeFileSync(OUT, text.trimEnd() + '\n');
  console.log(section.join('\n'));
  log(`written to ${OUT} (its section "XLIFF")`);
  return section;
}

// ---- (server) the sync server ----------------------------------------------------------------------------
async function measureServer(enDe) {
  log(`sync server: ${ITEMS.toLocaleString('en')} items, ${SERVER_CLIENTS} clients, on PGlite${POSTGRES_URL ? ' and PostgreSQL' : ' (no PostgreSQL named: BENCH_POSTGRES_URL)'}…`);
  const jiti = createJiti(import.meta.url);
  const { serverBenchmark } = await jiti.import('../bench/server.ts');
  const lines = { src: enDe.src, mt: enDe.mt, pe: enDe.pe };
  const measured = await serverBenchmark({
    lines,
    items: ITEMS,
    clients: SERVER_CLIENTS,
    sequentialEvents: Math.min(SERVER_SEQUENTIAL_EVENTS, ITEMS),
    rounds: ROUNDS,
    postgresUrl: POSTGRES_URL,
    log,
  });
  log(`the app's push: ${SERVER_SEQUENTIAL_EVENTS.toLocaleString('en')} events from the outbox vs the same bodies POSTed raw…`);
  const { clientPushBenchmark } = await jiti.import('../bench/sync-push.ts');
  return { ...measured, client: await clientPushBenchmark({ lines, events: Math.min(SERVER_SEQUENTIAL_EVENTS, ITEMS), rounds: ROUNDS, log }) };
}

const seconds = (x) => `${(x / 1000).toFixed(2)} s`;
const rate = (bytes, msTaken) => `${(bytes / 2 ** 20 / (msTaken / 1000)).toFixed(1)} MB/s`;
const perSecond = (n, msTaken) => Math.round(n / (msTaken / 1000)).toLocaleString('en');

/** The section "## Sync server", with the machine and time it was measured on (a run of this part alone keeps the rest of the file). */
function serverSection(m, s) {
  const lines = ['## Sync server', ''];
  const pg = s.stores.find((x) => x.store === 'PostgreSQL') ?? null;
  const stores = [s.stores.find((x) => x.store === 'PGlite'), pg];
  const cell = (f) => stores.map((x) => (x ? f(x) : 'not measured'));
  const row = (label, f) => lines.push(`| ${label} | ${cell(f).join(' | ')} |`);
  const publishBytes = s.stores[0].publish.bytes;
  lines.push('The real `loupe server` (`cli/bin/loupe.js server`) in a process of its own, over HTTP on 127.0.0.1, writing its request');
  lines.push('log (to /dev/null) as in use; the clients are Node `fetch` in the benchmark\'s process, every body made beforehand (bench/server.ts).');
  lines.push(`A batch of ${s.items.toLocaleString('en')} MLQE-PE en-de items (${mb(publishBytes)} of JSON to publish); each event is a reviewer's`);
  lines.push(`verdict with the MLQE-PE post-edit as the correction, ${Math.round(s.eventBytes)} bytes on average as pushed.${pg ? ` ${pg.database} on the same machine.` : ''}`);
  lines.push(`Measured ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, ${m.platform}, Node ${m.node}; load average (1 min) ${m.loadStart.toFixed(2)} at the start, ${m.loadEnd.toFixed(2)} at the end${Math.max(m.loadStart, m.loadEnd) > m.cores * 0.5 ? ' — other work was running, so the figures are noisier (and likely slower) than on an idle machine' : ''}.`, '');
  lines.push('| | PGlite (`--data`) | PostgreSQL (`--database`) |', '| --- | --- | --- |');
  row(`publish the batch: one POST /v1/batches of ${mb(publishBytes)}`, (x) => `${seconds(x.publish.ms)} (${rate(x.publish.bytes, x.publish.ms)})`);
  const push = s.stores[0].push;
  row(`**push**: ${push.clients} clients at once, ${push.pushMs.length} pushes of up to 1,000 events, each client's in order (${push.events.toLocaleString('en')} events)`, (x) => `${seconds(x.push.ms)}: **${perSecond(x.push.events, x.push.ms)} events/s**`);
  row('— one push, sent to answered, p50 / p95 / max', (x) => `${ms(percentile(x.push.pushMs, 50))} / ${ms(percentile(x.push.pushMs, 95))} / ${ms(Math.max(...x.push.pushMs))}`);
  const seq = s.stores[0].sequential;
  row(`one client alone: ${seq.pushes} pushes of up to 1,000 events in order (${seq.events.toLocaleString('en')} events), best of ${ROUNDS}`, (x) => `${seconds(x.sequential.ms)}: ${perSecond(x.sequential.events, x.sequential.ms)} events/s`);
  const items = s.stores[0].pullItems;
  row(`**pull the batch** as a reviewer: GET /v1/batches/:id, then ${items.requests - 1} pages of /items (${items.count.toLocaleString('en')} items, ${mb(items.bytes)})`, (x) => `${seconds(x.pullItems.ms)} (${rate(x.pullItems.bytes, x.pullItems.ms)})`);
  const changes = s.stores[0].pullChanges;
  row(`**pull every change** as the coordinator: ${changes.requests} pages of /v1/changes (${changes.count.toLocaleString('en')} changes, ${mb(changes.bytes)})`, (x) => `${seconds(x.pullChanges.ms)} (${rate(x.pullChanges.bytes, x.pullChanges.ms)})`);
  lines.push('');
  if (!pg) lines.push('**PostgreSQL was not measured** in this run: set BENCH_POSTGRES_URL (or LOUPE_TEST_POSTGRES_URL) to a database whose role may CREATE DATABASE.', '');
  const r = s.raw;
  lines.push(`**Raw baseline.** The one client's ${r.requests} push bodies (${mb(r.bytes)}), POSTed in order to a trivial Fastify route in a process of its own`);
  lines.push(`that only reads them (bench/raw-post.ts, \`rawPostBaseline\`): ${ms(r.ms)}, best of ${ROUNDS} (${r.mbPerSecond.toFixed(1)} MB/s). The server takes`);
  lines.push(`${stores.filter(Boolean).map((x) => `${(x.sequential.ms / r.ms).toFixed(1)}× that on ${x.store}`).join(' and ')}: every push is validated, authorised against the batch's items and`);
  lines.push('written with its change-log entries in one transaction. This is the server\'s share of issue 4\'s push budget (≤ 2× raw), which is measured');
  lines.push('end to end, from the app\'s own sync client, below.', '');
  const c = s.client;
  const ratio = c.clientMs / c.rawMs;
  lines.push(`**The app's push** (issue 4's budget: ≤ 2×). ${c.events.toLocaleString('en')} events a reviewer gave offline, sent from the outbox by the app's own`);
  lines.push(`sync code (renderer/sync \`pushOutbox\`: outbox and events read from Dexie — fake-indexeddb in Node —, each push recorded before it is`);
  lines.push(`sent and crossed off with its acknowledgement) to \`loupe server\` on PGlite, in ${c.pushes} pushes (${mb(c.bytes)}): ${seconds(c.clientMs)}. The very same bodies`);
  lines.push(`POSTed in order to a fresh server of the same kind: ${seconds(c.rawMs)}. **${ratio.toFixed(2)}×** — ${met(ratio <= 2)} (best of ${c.clientRoundsMs.length}; bench/sync-push.ts).`, '');
  return lines;
}

/** `old` with its section `heading` (up to the next "## ") replaced by `section`, or added before "## Notes" or at the end. */
function replaceSection(old, heading, section) {
  const text = section.join('\n').trimEnd() + '\n';
  const start = old.indexOf(`\n${heading}\n`);
  if (start >= 0) {
    const next = old.indexOf('\n## ', start + 1);
    return old.slice(0, start + 1) + text + (next >= 0 ? '\n' + old.slice(next + 1) : '');
  }
  const notes = old.indexOf('\n## Notes\n');
  return notes >= 0 ? `${old.slice(0, notes + 1)}${text}\n${old.slice(notes + 1)}` : `${old.trimEnd()}\n\n${text}`;
}

// ---- report --------------------------------------------------------------------------------------------
function report({ m, imp, next, typing, memory, effort, files, server, notes }) {
  const nextS = next ? { dom: summary(next.next, 'dom'), layout: summary(next.next, 'layout'), frame: summary(next.next, 'frame') } : null;
  const confS = next ? { dom: summary(next.confirm, 'dom'), layout: summary(next.confirm, 'layout'), frame: summary(next.confirm, 'frame') } : null;
  const typS = typing ? { dom: summary(typing.samples, 'dom'), layout: summary(typing.samples, 'layout'), frame: summary(typing.samples, 'frame'), echo: summary(typing.samples, 'echo') } : null;
  const memMax = memory.length ? Math.max(...memory.map((x) => x.renderer?.pss ?? x.renderer?.rss ?? NaN)) : NaN;
  const heapMax = memory.length ? Math.max(...memory.map((x) => x.jsHeapUsed)) : NaN;
  const row = (label, s) => `| ${label} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`;
  const lines = [];
  lines.push('# Benchmarks', '');
  lines.push('Written by `npm run bench` (scripts/bench.mjs, bench/): BRIEF 4\'s budgets measured in real Chromium against the');
  lines.push('built web shell. Figures depend on the machine; compare runs on the same one.', '');
  lines.push('## Machine', '');
  lines.push(`- CPU: ${m.cpu}, ${m.cores} cores`, `- Memory: ${m.memoryGiB.toFixed(1)} GiB`, `- ${m.platform}, Node ${m.node}`, `- ${m.chromium} (headless, software rendering: \`--disable-gpu\`)`, `- Date: ${m.date}`);
  lines.push(`- Load average (1 min) at the start and the end of the run: ${m.loadStart.toFixed(2)} and ${m.loadEnd.toFixed(2)}${m.loadEnd > m.cores * 0.5 || m.loadStart > m.cores * 0.5 ? ' — other work was running, so the figures are noisier (and likely slower) than on an idle machine' : ''}`, '');
  lines.push('## Summary', '');
  lines.push('| budget (BRIEF 4) | goal | measured | |', '| --- | --- | --- | --- |');
  lines.push(`| import ${ITEMS.toLocaleString('en')} items vs bare Dexie \`bulkPut\` | ≤ 1.5× | ${imp ? `${imp.ratio.toFixed(2)}× (${ms(imp.importMs)} vs ${ms(imp.bulkPutMs)})` : 'n/a'} | ${met(imp ? imp.ratio <= 1.5 : null)} |`);
  lines.push(`| open the next item (Next shortcut), p95, key → next item laid out | < 16 ms | ${nextS ? ms(nextS.layout.p95) : 'n/a'} | ${met(nextS && nextS.layout.n ? nextS.layout.p95 < 16 : null)} |`);
  lines.push(`| open the next item (Ctrl+Enter: commit + next), p95, key → laid out | < 16 ms | ${confS ? ms(confS.layout.p95) : 'n/a'} | ${met(confS && confS.layout.n ? confS.layout.p95 < 16 : null)} |`);
  lines.push(`| keystroke in a ${DOC_WORDS.toLocaleString('en')}-word document → difference laid out, p95 | < 16 ms | ${typS ? ms(typS.layout.p95) : 'n/a'} | ${met(typS && typS.layout.n ? typS.layout.p95 < 16 : null)} |`);
  lines.push(`| renderer memory with ${ITEMS.toLocaleString('en')} items stored (largest renderer PSS) | < 300 MB | ${mb(memMax)} (JS heap ${mb(heapMax)}) | ${met(Number.isFinite(memMax) ? memMax < 300 * 2 ** 20 : null)} |`);
  if (files) {
    for (const [where, f] of [['Node (`loupe`)', files.node], ['Chromium', files.browser]]) {
      lines.push(`| write a ${ITEMS.toLocaleString('en')}-item batch, ${where}, vs bare fflate zip + JSON | ≤ 1.3× | ${(f.writeMs / f.bareZipMs).toFixed(2)}× (${ms(f.writeMs)} vs ${ms(f.bareZipMs)}) | ${met(f.writeMs / f.bareZipMs <= 1.3)} |`);
      lines.push(`| read + verify it, ${where}, vs bare fflate unzip + JSON parse | ≤ 1.3× | ${(f.readMs / f.bareUnzipMs).toFixed(2)}× (${ms(f.readMs)} vs ${ms(f.bareUnzipMs)}) | ${met(f.readMs / f.bareUnzipMs <= 1.3)} |`);
    }
  }
  lines.push('');
  lines.push('"Laid out" is the time from the moment the page starts handling the key (the first keydown listener; for typing,');
  lines.push('the textbox\'s input event) until the new text is in the DOM and style and layout are computed: the work the app');
  lines.push('does for the key. The "next frame" rows below add painting and the wait for the display\'s next frame, which at');
  lines.push('60 Hz alone is up to 16.7 ms however little the app does, so that figure cannot be held to 16 ms at p95 by any app;');
  lines.push('it is reported for honesty, not as the budget. Keys are pressed through the DevTools protocol; the time the browser');
  lines.push('takes to deliver them to the page ("delivery") is the harness\'s and is reported apart.', '');

  if (imp) {
    lines.push(`## (a) Import of ${ITEMS.toLocaleString('en')} items`, '');
    lines.push(`JSONL built from the MLQE-PE en-de sentences (test/fixtures/mlqe-pe), ${(imp.bytes / 2 ** 20).toFixed(1)} MB. **Import** is the app's`);
    lines.push('own path as the Import button runs it (`importFiles` in renderer/import: read the File, decode, SHA-256 digest, parse with');
    lines.push('shared/import, `storeBatch` in one transaction). **bulkPut** writes the same item records, parsed beforehand, with one bare');
    lines.push(`Dexie \`bulkPut\` into the same table of a database with the app's schema. Median of ${ROUNDS} rounds, each into a fresh database, order alternating.`, '');
    lines.push('| | median |', '| --- | --- |');
    lines.push(`| import, whole | ${ms(imp.importMs)} |`, `| — reading, decoding, digest | ${ms(imp.reading)} |`, `| — parsing | ${ms(imp.parsing)} |`, `| — saving (storeBatch) | ${ms(imp.saving)} |`);
    lines.push(`| bare bulkPut | ${ms(imp.bulkPutMs)} |`, `| ratio import / bulkPut | ${imp.ratio.toFixed(2)}× |`, `| ratio parse + store / bulkPut | ${(imp.parseAndStore / imp.bulkPutMs).toFixed(2)}× |`, '');
    lines.push('Rounds: ' + imp.rounds.map((r, i) => `${i + 1}: import ${ms(r.import.ms)}, bulkPut ${ms(r.bulkPut.ms)}`).join('; ') + '.', '');
  }
  if (next) {
    lines.push('## (b) Open the next item', '');
    lines.push(`In the app, on the review screen of a batch of ${ITEMS.toLocaleString('en')} items (opening it took ${(next.openMs / 1000).toFixed(1)} s from navigation to the first item shown).`);
    lines.push(`Each sample presses the key once and waits until the next item's source text is in the page; ${PRESSES} samples each after 10 warm-up presses.`, '');
    lines.push('| key → | samples | p50 | p95 | max |', '| --- | --- | --- | --- | --- |');
    lines.push(row(`${next.nextKey} (Next): DOM updated`, nextS.dom), row(`${next.nextKey} (Next): laid out`, nextS.layout), row(`${next.nextKey} (Next): next frame`, nextS.frame));
    lines.push(row('Ctrl+Enter (confirm, next): DOM updated', confS.dom), row('Ctrl+Enter (confirm, next): laid out', confS.layout), row('Ctrl+Enter (confirm, next): next frame', confS.frame));
    lines.push(row('(delivery of the key to the page, Next)', summary(next.next, 'delivery')), '');
    lines.push('The storage part alone, for comparison: `loadItemState` (the item, its review and its draft in one read transaction),');
    lines.push(`timed in the benchmark page over the first ${next.storage.length} items of the same batch:`, '');
    lines.push('| | samples | p50 | p95 | max |', '| --- | --- | --- | --- | --- |', row('loadItemState', summary(next.storage, 't')), '');
    const missed = next.next.filter((s) => !s.ok).length + next.confirm.filter((s) => !s.ok).length;
    if (missed) lines.push(`${missed} press(es) did not show the next item within 5 s.`, '');
  }
  if (typing) {
    lines.push(`## (c) Typing in a ${typing.words.toLocaleString('en')}-word document`, '');
    lines.push('A longtext item made of whole MLQE-PE sentences. Keystrokes are typed at the end of the Correction at about a fast');
    lines.push('typist\'s pace; each sample waits until the difference outside the textbox shows the word being typed.', '');
    lines.push('| input event → | samples | p50 | p95 | max |', '| --- | --- | --- | --- | --- |');
    lines.push(row('difference in the DOM', typS.dom), row('difference laid out', typS.layout), row('difference in the next frame', typS.frame), row('textbox echo (next frame)', typS.echo), '');
    const missed = typing.samples.filter((s) => !s.ok).length;
    if (missed) lines.push(`${missed} keystroke(s) were not shown in the difference within 3 s.`, '');
  }
  if (memory.length) {
    lines.push(`## (d) Renderer memory with ${ITEMS.toLocaleString('en')} items stored`, '');
    lines.push('After a forced garbage collection (DevTools protocol). JS heap from `Performance.getMetrics`; the renderer process\'s');
    lines.push('resident (RSS) and proportional (PSS, shared pages divided among the processes sharing them) set sizes from /proc.', '');
    lines.push('| where | JS heap used | JS heap total | DOM nodes | renderer PSS | renderer RSS |', '| --- | --- | --- | --- | --- | --- |');
    for (const x of memory) lines.push(`| ${x.where} | ${mb(x.jsHeapUsed)} | ${mb(x.jsHeapTotal)} | ${x.nodes} | ${mb(x.renderer?.pss)} | ${mb(x.renderer?.rss)} |`);
    lines.push('');
  }
  if (effort) {
    lines.push('## Effort figures (shared/effort)', '');
    lines.push('HTER from `shared/effort` (`hter(mt, pe)`) against the HTER published with MLQE-PE, every line of the development sets');
    lines.push('in test/fixtures/mlqe-pe, computed in Chromium; and the effort of one long document as the export computes it per item.', '');
    lines.push('| set | lines | within 0.001 of published | largest difference | mean time | p95 time | max time |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, e] of Object.entries(effort.sets)) {
      lines.push(`| ${name} | ${e.lines} | ${e.within0001} (${((100 * e.within0001) / e.lines).toFixed(1)} %) | ${e.maxDifference < 5e-7 ? '0' : `${e.maxDifference.toFixed(6)} (line ${e.worstLine})`} | ${ms(e.meanMs)} | ${ms(e.p95Ms)} | ${ms(e.maxMs)} |`);
    }
    const d = effort.document;
    lines.push('', `A ${d.words.toLocaleString('en')}-word document with every 10th sentence post-edited: HTER ${d.hter.toFixed(4)}, ${d.charEdits.toLocaleString('en')} character edits, computed in ${ms(d.ms)}.`, '');
  }
  if (files) {
    lines.push('## Batch files', '');
    lines.push(`A batch of ${ITEMS.toLocaleString('en')} MLQE-PE en-de items (${mb(files.node.fileBytes)} as a .loupe file), written with \`writeBatchFile\` and read with`);
    lines.push('`readBatchFile` (zip directory and limits, SHA-256 and CRC of every part, every item line validated against the schema,');
    lines.push('duplicate ids) — the code `loupe batch create`/`inspect` and the app run — against the least any program must do with the');
    lines.push('same data: fflate `zipSync` of the same JSONL at the same level, and `unzipSync` plus `JSON.parse` of every line.');
    lines.push(`In memory; IndexedDB excluded. Best of ${ROUNDS} rounds (bench/batch-files.ts).`, '');
    lines.push('| | write | bare zip | ratio | read + verify | bare unzip + parse | ratio |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const [where, f] of [['Node', files.node], ['Chromium', files.browser]]) {
      lines.push(`| ${where} | ${ms(f.writeMs)} | ${ms(f.bareZipMs)} | ${(f.writeMs / f.bareZipMs).toFixed(2)}× | ${ms(f.readMs)} | ${ms(f.bareUnzipMs)} | ${(f.readMs / f.bareUnzipMs).toFixed(2)}× |`);
    }
    lines.push('', `Merging ${MERGE_FILES} result files of ${MERGE_PER_FILE.toLocaleString('en')} events each (a tenth of the items reviewed by everyone), \`mergeResults\`:`);
    lines.push(`${ms(files.nodeMerge.ms)} in Node, ${ms(files.browserMerge.ms)} in Chromium (${files.nodeMerge.reviews.toLocaleString('en')} reviews, ${files.nodeMerge.conflicts.toLocaleString('en')} conflicts).`, '');
  }
  if (server) lines.push(...serverSection(m, server));
  if (notes.length) lines.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

// ---- main ----------------------------------------------------------------------------------------------
/** The in-app budgets (b), (c) and (d), on the data stored by `seedApp`. */
async function measureInApp(context, server, profile, benchPage, enDe, notes) {
  const seed = await seedApp(benchPage, enDe);
  // The app gets a tab (and renderer process) of its own, without the benchmark page's 100,000 records.
  await benchPage.close();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`app error: ${e.message}`));
  const result = { next: null, typing: null, memory: [] };
  try {
    result.next = await measureOpenNext(page, server.url, seed, enDe);
    result.memory.push(await measureMemory(context, page, profile, `review screen, after ${10 + 2 * PRESSES} items opened`));
    await page.goto(`${server.url}?demo=0&reviewer=${REVIEWER}#/batch/${encodeURIComponent(seed.big.batchId)}`);
    await page.getByRole('listbox').first().waitFor({ timeout: 120_000 });
    result.memory.push(await measureMemory(context, page, profile, `the batch's queue (${ITEMS.toLocaleString('en')} entries)`));
    result.typing = await measureTyping(page, server.url, seed);
  } catch (error) {
    notes.push(`The in-app measurements stopped early: ${String(error.message ?? error).split('\n')[0]}`);
    log(`in-app measurement failed: ${error.stack ?? error}`);
    if (result.memory.length === 0) {
      const memory = await measureMemory(context, page, profile, 'wherever the app stopped').catch(() => null);
      if (memory) result.memory.push(memory);
    }
  }
  return result;
}

if (NEEDS_BROWSER && !existsSync(CHROMIUM)) {
  console.error(`bench: Chromium is needed at ${CHROMIUM}. Install it with:\n    sudo apt-get update && sudo apt-get install -y chromium fonts-noto-core fonts-noto-cjk`);
  process.exit(1);
}
const m = { ...machine(CHROMIUM), loadStart: loadavg()[0] };
log(`${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}, ${m.chromium}`);
const xliffSectionLines = PARTS.has('xliff')
  ? await writeXliffPart(m).catch((error) => {
      console.error(error instanceof BenchError ? `bench: ${error.message}` : error);
      process.exitCode = 1;
      return null;
    })
  : null;
if (!NEEDS_BROWSER && !PARTS.has('server')) process.exit();
if (!NEEDS_BROWSER) {
  // The server part alone: no browser, and the other parts' figures in BENCH_OUT stay as they were.
  try {
    const measured = await measureServer(readLines('en-de'));
    m.loadEnd = loadavg()[0];
    const section = serverSection(m, measured);
    const text = existsSync(OUT) ? replaceSection(readFileSync(OUT, 'utf8'), '## Sync server', section) : ['# Benchmarks', '', ...section].join('\n');
    writeFileSync(OUT, text.trimEnd() + '\n');
    console.log(section.join('\n'));
    log(`written to ${OUT} (its section "Sync server" only)`);
  } catch (error) {
    console.error(error instanceof BenchError ? `bench: ${error.message}` : error);
    process.exitCode = 1;
  }
  process.exit();
}
const work = mkdtempSync(join(tmpdir(), 'loupe-bench-'));
const benchOut = join(work, 'page');
const profile = join(work, 'profile');
let server;
let context;
const notes = [];
try {
  await buildAll(benchOut);
  server = await serveBench({ appDir: join(root, 'dist-web'), benchDir: benchOut });
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(60_000);
  if (browserPid(profile) === null) notes.push('The browser process could not be found in /proc, so renderer process memory is not reported.');
  const benchPage = context.pages()[0] ?? (await context.newPage());
  benchPage.on('pageerror', (e) => log(`bench page error: ${e.message}`));
  await benchPage.goto(`${server.url}__bench/bench.html`);
  await benchPage.waitForFunction(() => 'loupeBench' in window);

  const enDe = readLines('en-de');
  const roEn = readLines('ro-en');
  const imp = PARTS.has('import') || PARTS.has('app') ? await measureImport(benchPage, enDe) : null;

  let effort = null;
  if (PARTS.has('effort')) {
    log('effort figures…');
    effort = {
      sets: {
        'en-de': await benchPage.evaluate((d) => window.loupeBench.effortAgainstPublished(d), enDe),
        'ro-en': await benchPage.evaluate((d) => window.loupeBench.effortAgainstPublished(d), roEn),
      },
      document: await benchPage.evaluate(([d, w]) => window.loupeBench.effortOfDocument(d, w, 10), [enDe, DOC_WORDS]),
    };
  }
  const files = PARTS.has('files') ? await measureFiles(benchPage, enDe) : null;
  const inApp = PARTS.has('app') ? await measureInApp(context, server, profile, benchPage, enDe, notes) : { next: null, typing: null, memory: [] };
  const syncServer = PARTS.has('server') ? await measureServer(enDe) : null;
  if (!PARTS.has('app')) notes.push(`Only these parts were run: ${[...PARTS].join(', ')} (BENCH_PARTS).`);
  m.loadEnd = loadavg()[0];
  const text = report({ m, imp, ...inApp, effort, files, server: syncServer, notes });
  writeFileSync(OUT, (xliffSectionLines ? replaceSection(text, '## XLIFF', xliffSectionLines).trimEnd() : text) + '\n');
  console.log(text);
  log(`written to ${OUT}`);
} catch (error) {
  console.error(error instanceof BenchError ? `bench: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => undefined);
  await server?.close();
  rmSync(work, { recursive: true, force: true });
}
