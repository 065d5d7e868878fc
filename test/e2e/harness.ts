// What the end-to-end tests need around the app: the web shell served as `npm run web` serves it, Debian's
// Chromium with a profile of its own (which can be killed like a crash and opened again), and axe-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_INSTALL = 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-core fonts-noto-cjk';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---- The web shell --------------------------------------------------------------------------------

export interface WebServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls until `check` is true; fails with `what` after `timeoutMs`. For waits outside a page. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Starts `node scripts/web.mjs` on a free port, in a process group of its own, and resolves once it
 * answers. `stop()` ends the whole group.
 */
export async function startWebServer(timeoutMs = 180_000): Promise<WebServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts', 'web.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited: number | null = null;
  child.once('exit', (code, signal) => (exited = code ?? (signal ? 128 : 1)));

  const stop = async () => {
    if (exited !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await until('the web server to stop', () => exited !== null, 5_000).catch(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    });
  };

  try {
    await until(
      `scripts/web.mjs to answer on ${url}`,
      async () => {
        if (exited !== null) throw new Error(`scripts/web.mjs exited with ${exited} before answering:\n${output}`);
        return fetch(url).then((r) => r.ok, () => false);
      },
      timeoutMs,
      250,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

// ---- Chromium --------------------------------------------------------------------------------------

/** A fresh, empty profile folder (the browser's user-data-dir). */
export function newProfileDir(name = 'profile'): string {
  return mkdtempSync(join(tmpdir(), `loupe-e2e-${name}-`));
}

export function removeProfileDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function launch(profileDir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15_000);
  return context;
}

export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** What one test file's browser session holds: a folder for its files, a profile, the browser and its page. */
export interface BrowserSession {
  dataDir: string;
  profile: string;
  context: BrowserContext;
  page: Page;
}

/** For a `beforeAll`: an empty data folder and a browser on a fresh profile named after `name`. */
export async function openBrowserSession(name: string): Promise<BrowserSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-e2e-data-'));
  const profile = newProfileDir(name);
  const context = await launch(profile);
  const page = await firstPage(context);
  return { dataDir, profile, context, page };
}

/** For an `afterAll`: closes the browser (whichever context is current) and removes both folders. */
export async function closeBrowserSession({ dataDir, profile, context }: Partial<BrowserSession>): Promise<void> {
  await context?.close().catch(() => undefined);
  if (profile) removeProfileDir(profile);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

/** The command line of a process, or null when it is gone. */
function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
}

/** The pids of the Chromium processes started with this profile: the browser first, then its helpers. */
function chromiumProcesses(profileDir: string): { browser: number | undefined; all: number[] } {
  const all: number[] = [];
  let browser: number | undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = commandLine(Number(entry));
    if (!args || !args.some((a) => a === `--user-data-dir=${profileDir}`)) continue;
    all.push(Number(entry));
    if (!args.some((a) => a.startsWith('--type='))) browser = Number(entry);
  }
  return { browser, all };
}

/**
 * Ends Chromium the way a crash or `kill -9` would: SIGKILL to the browser process, no chance to shut
 * down, flush or close the page. Resolves when no process of the profile is left, so that the profile
 * can be opened again.
 */
export async function killBrowser(profileDir: string): Promise<void> {
  const { browser, all } = chromiumProcesses(profileDir);
  if (browser === undefined) throw new Error(`No Chromium browser process is running with the profile ${profileDir}`);
  process.kill(browser, 'SIGKILL');
  // Its helpers notice their parent is gone and quit; any that linger are ours, and get the same end.
  await until('the Chromium helpers to exit', () => all.every((pid) => commandLine(pid) === null), 5_000).catch(() => {
    for (const pid of all) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  await until('every Chromium process of the profile to be gone', () => chromiumProcesses(profileDir).all.length === 0, 10_000);
}

/** Kills the browser hard (see killBrowser) and opens the same profile again. */
export async function crashAndRelaunch(profileDir: string): Promise<BrowserContext> {
  await killBrowser(profileDir);
  return launch(profileDir);
}

// ---- Accessibility ---------------------------------------------------------------------------------

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; html: string; summary: string }>;
}

const axeSource = () => readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and returns its serious and critical violations. axe is evaluated through the
 * DevTools protocol, so the app's content security policy stays as strict as it ships.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; helpUrl: string; nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }> };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 200), summary: n.failureSummary ?? '' })),
      }));
  });
}

/** Violations as lines a person can act on. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    at ${n.target}: ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
}

// ---- Test data -------------------------------------------------------------------------------------

export interface PostEditLine {
  src: string;
  mt: string;
  pe: string;
  hter: number;
}

/** The first `count` lines of the MLQE-PE en-de post-editing fixture (test/fixtures/mlqe-pe). */
export function mlqeEnDe(count: number): PostEditLine[] {
  const dir = join(root, 'test', 'fixtures', 'mlqe-pe', 'en-de');
  const read = (name: string) => {
    const file = join(dir, name);
    if (!existsSync(file)) throw new Error(`The MLQE-PE fixture is missing: ${file}`);
    return readFileSync(file, 'utf8').split('\n');
  };
  const [src, mt, pe, hter] = ['dev.src', 'dev.mt', 'dev.pe', 'dev.hter'].map(read) as [string[], string[], string[], string[]];
  return Array.from({ length: count }, (_, i) => ({ src: src[i] as string, mt: mt[i] as string, pe: pe[i] as string, hter: Number(hter[i]) }));
}
