#!/usr/bin/env node
// `npm start`: Loupe's desktop app when the Electron runtime is installed or can be downloaded now;
// otherwise the same app in the browser, exactly as `npm run web` serves it.
//
// electron 45 has no postinstall step: its runtime (~100 MB) is downloaded the first time
// `require('electron')` runs (node_modules/electron/index.js calls install.js, which fetches the zip with
// @electron/get, or takes it from its cache, and writes dist/ and path.txt). This script looks for that
// runtime itself first, so an installed runtime starts without any network, and otherwise runs install.js
// in a child process whose failure (offline: within a second, or at undici's 10 s connect timeout) is
// caught instead of printed as a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;

// A download that is still running after this long is a slow line, not a dead one; it gets a notice.
const SLOW_DOWNLOAD_NOTICE_MS = 2_000;
// The one bound on a download that makes progress but never ends.
const DOWNLOAD_LIMIT_MS = 15 * 60_000;

/** The same test electron's install.js makes before it decides to download. */
function runtimeInstalled() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  try {
    const version = readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    const executable = readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
    return version === electronVersion && existsSync(path.join(electronDir, 'dist', executable));
  } catch {
    return false;
  }
}

/** Runs electron's own installer; resolves whether the runtime is there afterwards. */
function downloadRuntime() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: DOWNLOAD_LIMIT_MS,
    });
    // Its error output is a stack trace; the user gets one sentence instead.
    child.stderr.resume();
    const notice = setTimeout(() => {
      console.log(`Downloading Loupe's desktop runtime (Electron ${electronVersion}, about 100 MB; first start only)…`);
    }, SLOW_DOWNLOAD_NOTICE_MS);
    const done = () => {
      clearTimeout(notice);
      resolve(runtimeInstalled());
    };
    child.on('error', done);
    child.on('exit', done);
  });
}

/** The executable, as `require('electron')` reports it, asked in a child so a failure cannot hang us. */
function electronExecutable() {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 10_000,
  });
  return result.status === 0 && result.stdout ? result.stdout : null;
}

/** Runs `command` with this terminal and exits with its status. */
function handOver(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

/** `failure` completes "Loupe's desktop runtime (Electron) could not be …". */
function openInBrowser(failure) {
  const port = process.env.PORT ?? '5317';
  console.log(
    `Loupe's desktop runtime (Electron) could not be ${failure} on this machine, so Loupe runs in your browser instead: http://127.0.0.1:${port}/`,
  );
  handOver(process.execPath, [path.join(root, 'scripts', 'web.mjs')]);
}

const executable = (runtimeInstalled() || (await downloadRuntime())) ? electronExecutable() : null;
if (executable === null) {
  openInBrowser('downloaded');
} else {
  const build = spawnSync(
    process.execPath,
    [path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Set in some terminals (VS Code's among them), it would make Electron a plain Node.js.
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = process.env;
  handOver(executable, ['.'], env).on('error', () => openInBrowser('started'));
}
