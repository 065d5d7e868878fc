// `npm test`: every check the project has, in order, stopping at the first that fails.
//   1. typecheck (tsc --noEmit)      2. lint (eslint)      3. Chromium is installed (installs it when we may)
//   4. build the web shell once      5. vitest: unit, component, electron, cli and e2e projects
// Ends with a plain line `N passed, N failed`: the tests vitest ran, or, when an earlier step stopped the
// run, that one step counted as the failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_PACKAGES = ['chromium', 'fonts-noto-core', 'fonts-noto-cjk'];
const INSTALL = `sudo apt-get update && sudo apt-get install -y ${CHROMIUM_PACKAGES.join(' ')}`;

let passedSteps = 0;

function finish(passed, failed) {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

function stop(step, reason) {
  console.error(`\n✗ ${step} failed: ${reason}. Stopping here.`);
  finish(passedSteps, 1);
}

/** Runs a command with its output shown, from the project root; true when it exits 0. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) console.error(`Cannot run ${command}: ${result.error.message}`);
  return result.status === 0;
}

function step(name) {
  console.log(`\n▶ ${name}`);
}

step('typecheck (tsc --noEmit)');
if (!run('npm', ['run', '--silent', 'typecheck'])) stop('typecheck', 'TypeScript reported errors above');
passedSteps += 1;

step('lint (eslint .)');
if (!run('npm', ['run', '--silent', 'lint'])) stop('lint', 'ESLint reported problems above');
passedSteps += 1;

step(`Chromium at ${CHROMIUM}`);
if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    stop('Chromium', `the end-to-end tests need Debian's Chromium and it is not installed. Run:\n    ${INSTALL}\n  then npm test again`);
  }
  console.log(`Installing ${CHROMIUM_PACKAGES.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const installed =
    run('apt-get', ['update'], { env }) && run('apt-get', ['install', '-y', '--no-install-recommends', ...CHROMIUM_PACKAGES], { env });
  if (!installed || !existsSync(CHROMIUM)) stop('Chromium', `apt-get could not install it. Run:\n    ${INSTALL}`);
}
console.log(spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim() || 'found');
passedSteps += 1;

step('build the web shell (vite build --config vite.web.config.ts)');
if (!run('npm', ['run', '--silent', 'build:web'])) stop('web shell build', 'vite reported errors above');
passedSteps += 1;

step('vitest run (unit, component, electron, cli, e2e)');
const reportDir = mkdtempSync(join(tmpdir(), 'loupe-test-'));
const report = join(reportDir, 'vitest.json');
const vitestOk = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
let results = null;
try {
  results = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  // no report: said below
}
rmSync(reportDir, { recursive: true, force: true });
if (!results) stop('vitest', 'it ended without writing its report (see its output above)');
// A file that cannot run at all (an import fails, a beforeAll throws) has no failed test of its own:
// count it as one failure so that it cannot pass unnoticed; so is an error vitest reports outside tests.
const brokenFiles = results.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'));
for (const f of brokenFiles) console.error(`✗ ${f.name}: ${f.message || 'the file failed outside its tests'}`);
let failed = results.numFailedTests + brokenFiles.length;
if (failed === 0 && !vitestOk) {
  console.error('✗ vitest exited with an error although no test failed (see "Unhandled errors" above).');
  failed = 1;
}
if (failed > 0) console.error('\n✗ vitest: some tests failed (see above).');
finish(results.numPassedTests, failed);
