// The machine a benchmark ran on, and the memory of Chromium's renderer processes (from /proc).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export function machine(chromiumPath) {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: os.cpus() said it
  }
  const chromium = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
  return {
    cpu,
    cores: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    chromium,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

function kib(text, field) {
  const value = text?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1];
  return value === undefined ? null : Number(value) * 1024;
}

/** Every process below `rootPid`, with its command line. */
function descendants(rootPid) {
  const parent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = readProc(entry, 'status')?.match(/^PPid:\s+(\d+)/m)?.[1];
    if (ppid) parent.set(Number(entry), Number(ppid));
  }
  const below = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        below.push(pid);
        break;
      }
    }
  }
  return below;
}

/** The browser process of a profile: started with its user-data-dir and no `--type=`. */
export function browserPid(profileDir) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = readProc(entry, 'cmdline')?.split('\0') ?? [];
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  return null;
}

/** Resident and proportional set sizes of the browser's renderer processes, largest first. */
export function rendererMemory(profileDir) {
  const root = browserPid(profileDir);
  if (root === null) return [];
  return descendants(root)
    .filter((pid) => (readProc(pid, 'cmdline') ?? '').includes('--type=renderer'))
    .map((pid) => ({ pid, rss: kib(readProc(pid, 'status'), 'VmRSS'), pss: kib(readProc(pid, 'smaps_rollup'), 'Pss') }))
    .sort((a, b) => (b.pss ?? b.rss ?? 0) - (a.pss ?? a.rss ?? 0));
}
