// Issue 5's benchmarks: importing and exporting a 10 MB XLIFF 1.2 file with shared/xliff, against Debian's
// translate-toolkit parsing and writing the same file in the same run (bench/xliff-toolkit.py, rounds
// interleaved with Loupe's); and `loupe effort` over two 100,000-line text files.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fieldEffort } from '../shared/effort';
import { readXliff, xliffBatch } from '../shared/xliff';

export interface TranslationLines {
  src: string[];
  mt: string[];
  pe: string[];
}

export interface XliffBenchOptions {
  lines: TranslationLines;
  /** Size of the generated file, in bytes (at least). */
  bytes: number;
  rounds: number;
  /** Lines of each text file `loupe effort` compares. */
  effortLines: number;
  log(message: string): void;
}

export const PYTHON = '/usr/bin/python3';
export const INSTALL_TOOLKIT = 'sudo apt-get install -y translate-toolkit';

type Summary = ReturnType<typeof summary>;

export interface XliffBenchResult {
  file: { bytes: number; units: number; segments: number; reviewable: number; changed: number };
  loupe: Summary & { unchangedMs: number };
  /** Null when translate-toolkit is not installed. */
  toolkit: (Summary & { versions: string }) | null;
  effort: { lines: number; bytes: number; cliMs: number; cliRounds: number[]; functionMs: number; functionRounds: number[]; meanHter: number; charEdits: number };
}

// ---- the file -------------------------------------------------------------------------------------------
const escapeXml = (s: string) => s.replace(/[&<>]/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const escapeAttr = (s: string) => escapeXml(s).replace(/"/gu, '&quot;');

/**
 * A line with unit `i`'s inline codes, as XML or as Loupe's placeholders: the same codes in the same order
 * in source, target and correction, so the placeholders are numbered alike: a `<g>` around a word, an `<x/>`
 * after a later word (every third unit), a `<ph>` at the end (every fourth).
 */
function withCodes(line: string, i: number, as: 'xml' | 'text'): string {
  const words = line.split(' ');
  const xml = as === 'xml';
  const out = words.map((w) => (xml ? escapeXml(w) : w.replaceAll('⟨', '⟨⟨')));
  let n = 0;
  const g = i % Math.max(1, Math.ceil(words.length / 2));
  n += 1;
  out[g] = xml ? `<g id="${n}" ctype="bold">${out[g]}</g>` : `⟨${n}⟩${out[g]}⟨/${n}⟩`;
  if (i % 3 === 0 && words.length > 2) {
    n += 1;
    const at = words.length - 2;
    out[at] = `${out[at]}${xml ? `<x id="${n}" ctype="lb"/>` : `⟨${n}/⟩`}`;
  }
  if (i % 4 === 0) {
    n += 1;
    out.push(xml ? `<ph id="${n}" ctype="x-param">{${i % 10}}</ph>` : `⟨${n}/⟩`);
  }
  return out.join(' ');
}

const STATES = ['translated', 'needs-review-translation', 'new', 'needs-translation', 'final', 'signed-off'] as const;
const UNITS_PER_GROUP = 50;

/** One trans-unit; the 41st of every 50 is translate="no", every 7th has no target, every 13th an empty one. */
function unit(i: number, lines: TranslationLines): string {
  const k = i % lines.src.length;
  const src = withCodes(lines.src[k] ?? '', i, 'xml');
  const mt = withCodes(lines.mt[k] ?? '', i, 'xml');
  const pe = withCodes(lines.pe[k] ?? '', i, 'xml');
  const state = STATES[i % STATES.length]!;
  const qualifier = state === 'needs-review-translation' ? ' state-qualifier="mt-suggestion"' : state === 'translated' && i % 2 === 0 ? ' state-qualifier="leveraged-tm"' : '';
  const target = i % 7 === 3 ? '' : i % 13 === 5 ? '\n          <target xml:lang="de"/>' : `\n          <target xml:lang="de" state="${state}"${qualifier}>${mt}</target>`;
  const tm = i % 3 === 1 ? `\n          <alt-trans match-quality="${75 + (i % 25)}%" origin="Project TM" alttranstype="proposal">\n            <source xml:lang="en">${src}</source>\n            <target xml:lang="de">${pe}</target>\n          </alt-trans>` : '';
  return `
        <trans-unit id="u${i}" resname="${escapeAttr(`screen.${Math.floor(i / UNITS_PER_GROUP)}.label.${i}`)}" size-unit="char" maxwidth="${400 + (i % 100)}"${i % UNITS_PER_GROUP === 40 ? ' translate="no"' : ''}>
          <source xml:lang="en">${src}</source>${target}
          <alt-trans match-quality="${60 + (i % 40)}" tool-id="nmt">
            <source xml:lang="en">${src}</source>
            <target xml:lang="de" state-qualifier="mt-suggestion">${mt}</target>
          </alt-trans>${tm}
          <note from="developer" priority="${1 + (i % 10)}">Shown on screen ${Math.floor(i / UNITS_PER_GROUP)}; keep the placeholders &amp; the markup.</note>
          <context-group purpose="location" name="origin"><context context-type="sourcefile">src/screens/screen${Math.floor(i / UNITS_PER_GROUP)}.tsx</context><context context-type="linenumber">${10 + (i % 900)}</context></context-group>
        </trans-unit>`;
}

/** A deterministic XLIFF 1.2 file of at least `bytes` bytes, in groups of 50 units with a note each. */
export function makeXliff12(lines: TranslationLines, bytes: number): { text: string; units: number } {
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:acme="urn:example:acme">
  <file original="app/strings.json" source-language="en" target-language="de" datatype="plaintext" product-name="Loupe bench">
    <header>
      <tool tool-id="nmt" tool-name="Acme NMT" tool-version="7.1"/>
      <note>Machine translated with Acme NMT, then pre-filled from the project memory.</note>
      <acme:settings build="4211" reviewed="false"/>
    </header>
    <body>`;
  const tail = '\n    </body>\n  </file>\n</xliff>\n';
  const parts = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  let i = 0;
  while (size < bytes) {
    const group = [`\n      <group id="g${i / UNITS_PER_GROUP}" restype="x-screen">\n        <note from="pm">Screen ${i / UNITS_PER_GROUP}: short labels, formal address.</note>`];
    for (let j = 0; j < UNITS_PER_GROUP; j += 1, i += 1) group.push(unit(i, lines));
    group.push('\n      </group>');
    const text = group.join('');
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  parts.push(tail);
  return { text: parts.join(''), units: i };
}

// ---- timing ---------------------------------------------------------------------------------------------
const best = (xs: readonly number[]) => Math.min(...xs);

export interface Round {
  importMs: number;
  importCpuMs: number;
  exportMs: number;
  exportCpuMs: number;
}

/** A process that answers one JSON line per "round" line, kept alive between rounds. */
interface Side {
  first: Record<string, unknown>;
  round(): Promise<Record<string, unknown>>;
  stop(): void;
}

async function startSide(command: string, args: string[]): Promise<Side> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const line = await lines.next();
    if (line.done) throw new Error(`${args[0] ?? command} stopped (exit code ${child.exitCode ?? 'none yet'})`);
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  const first = await next();
  return {
    first,
    round() {
      child.stdin.write('round\n');
      return next();
    },
    stop() {
      child.stdin.end();
    },
  };
}

const roundOf = (r: Record<string, unknown>): Round => ({ importMs: Number(r.importMs), importCpuMs: Number(r.importCpuMs), exportMs: Number(r.exportMs), exportCpuMs: Number(r.exportCpuMs) });

function summary(rounds: readonly Round[]) {
  return {
    rounds,
    importMs: best(rounds.map((x) => x.importMs)),
    importCpuMs: best(rounds.map((x) => x.importCpuMs)),
    exportMs: best(rounds.map((x) => x.exportMs)),
    exportCpuMs: best(rounds.map((x) => x.exportCpuMs)),
  };
}

function effortRounds(before: string, after: string, lines: TranslationLines, n: number, rounds: number) {
  const mt = Array.from({ length: n }, (_, i) => lines.mt[i % lines.mt.length] ?? '');
  const pe = Array.from({ length: n }, (_, i) => lines.pe[i % lines.pe.length] ?? '');
  writeFileSync(before, mt.join('\n') + '\n');
  writeFileSync(after, pe.join('\n') + '\n');
  const bin = fileURLToPath(new URL('../cli/bin/loupe.js', import.meta.url));
  const cliRounds: number[] = [];
  const functionRounds: number[] = [];
  let meanHter = 0;
  let charEdits = 0;
  for (let r = 0; r < rounds; r += 1) {
    const sink = openSync('/dev/null', 'w');
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [bin, 'effort', before, after, '--quiet'], { stdio: ['ignore', sink, 'pipe'], encoding: 'utf8' });
    cliRounds.push(performance.now() - t0);
    closeSync(sink);
    if (run.status !== 0) throw new Error(`loupe effort failed (${run.status}): ${run.stderr}`);
    // The loop the command runs (cli/commands/effort.ts) on lines already read: the function alone.
    const t1 = performance.now();
    let out = '';
    let hter = 0;
    charEdits = 0;
    for (let i = 0; i < n; i += 1) {
      const e = fieldEffort(mt[i] as string, pe[i] as string);
      out += `${JSON.stringify({ line: i + 1, hter: e.hter, charEdits: e.charEdits })}\n`;
      hter += e.hter;
      charEdits += e.charEdits;
    }
    functionRounds.push(performance.now() - t1);
    if (out.length === 0) throw new Error('no effort computed');
    meanHter = hter / n;
  }
  return { lines: n, bytes: Buffer.byteLength(mt.join('\n')) + Buffer.byteLength(pe.join('\n')) + 2, cliMs: best(cliRounds), cliRounds, functionMs: best(functionRounds), functionRounds, meanHter, charEdits };
}

export async function xliffBenchmark(o: XliffBenchOptions): Promise<XliffBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'loupe-bench-xliff-'));
  try {
    const { text, units } = makeXliff12(o.lines, o.bytes);
    const file = join(work, 'bench.xlf');
    writeFileSync(file, text);
    const read = readXliff(new Uint8Array(readFileSync(file)), 'bench.xlf');
    if (!read.ok) throw new Error(read.error.message);
    // Every reviewable segment corrected to its post-edit, inline codes kept: the reviews an export starts from.
    const unitOf = (id: string) => Number(/^[^/]*\/u(\d+)\//u.exec(id)?.[1]);
    const postEdit = (id: string) => o.lines.pe[unitOf(id) % o.lines.pe.length] ?? '';
    const reviews = xliffBatch(read.document).items.map((item) => ({ itemId: item.id, status: 'corrected' as const, values: { target: withCodes(postEdit(item.id), unitOf(item.id), 'text') } }));
    const reviewsFile = join(work, 'reviews.json');
    writeFileSync(reviewsFile, JSON.stringify(reviews));
    // translate-toolkit's `target` takes plain text: the same post-edits, without the codes.
    const targetsFile = join(work, 'targets.json');
    writeFileSync(targetsFile, JSON.stringify(reviews.map((r) => postEdit(r.itemId))));
    const segments = read.document.segments.length;
    o.log(`xliff: ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MB, ${units.toLocaleString('en')} trans-units, ${reviews.length.toLocaleString('en')} to review; ${o.rounds} rounds each`);

    const loupe = await startSide(process.execPath, [fileURLToPath(new URL('./xliff-loupe.mjs', import.meta.url)), file, reviewsFile]);
    const installed = spawnSync(PYTHON, ['-c', 'import translate.storage.factory'], { stdio: 'ignore' }).status === 0;
    if (!installed) o.log(`  translate-toolkit is not installed (${INSTALL_TOOLKIT}); Loupe alone`);
    const toolkit = installed ? await startSide(PYTHON, [fileURLToPath(new URL('./xliff-toolkit.py', import.meta.url)), file, targetsFile]) : null;
    const loupeRounds: Round[] = [];
    const toolkitRounds: Round[] = [];
    let unchangedMs = Infinity;
    let changed = 0;
    try {
      for (let r = 0; r < o.rounds; r += 1) {
        // Alternate which goes first, so neither always runs on a calmer machine.
        for (const side of r % 2 === 0 ? [loupe, toolkit] : [toolkit, loupe]) {
          if (!side) continue;
          const t = await side.round();
          if (side === toolkit) {
            if (Number(t.units) !== units) throw new Error(`translate-toolkit read ${String(t.units)} units, not ${units}`);
            toolkitRounds.push(roundOf(t));
          } else {
            if (Number(t.items) !== reviews.length) throw new Error(`Loupe's import made ${String(t.items)} items, not ${reviews.length}`);
            // A post-edit equal to a target already signed off changes nothing; every other segment changes.
            if (Number(t.changed) < reviews.length * 0.9) throw new Error(`the export changed only ${String(t.changed)} of ${reviews.length} segments`);
            changed = Number(t.changed);
            unchangedMs = Math.min(unchangedMs, Number(t.unchangedMs));
            loupeRounds.push(roundOf(t));
          }
          const x = roundOf(t);
          o.log(`  round ${r + 1}: ${side === toolkit ? 'translate-toolkit' : 'Loupe'} import ${x.importMs.toFixed(0)} ms (CPU ${x.importCpuMs.toFixed(0)}), export ${x.exportMs.toFixed(0)} ms (CPU ${x.exportCpuMs.toFixed(0)})`);
        }
      }
    } finally {
      loupe.stop();
      toolkit?.stop();
    }
    o.log(`loupe effort: two files of ${o.effortLines.toLocaleString('en')} lines…`);
    const effort = effortRounds(join(work, 'mt.txt'), join(work, 'pe.txt'), o.lines, o.effortLines, o.rounds);
    return {
      file: { bytes: Buffer.byteLength(text), units, segments, reviewable: reviews.length, changed },
      loupe: { ...summary(loupeRounds), unchangedMs },
      toolkit: toolkit && { versions: `translate-toolkit ${String(toolkit.first.translateToolkit)} (lxml ${String(toolkit.first.lxml)}, libxml2 ${String(toolkit.first.libxml2)})`, ...summary(toolkitRounds) },
      effort,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---- report ---------------------------------------------------------------------------------------------
const ms = (x: number) => (x < 10 ? `${x.toFixed(2)} ms` : x < 10_000 ? `${x.toFixed(0)} ms` : `${(x / 1000).toFixed(1)} s`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  loadStart: number;
  loadEnd: number;
}

/** The section "## XLIFF", with the machine it was measured on. */
export function xliffSection(m: Machine, x: XliffBenchResult, rounds: number): string[] {
  const lines = ['## XLIFF', ''];
  const f = x.file;
  lines.push(`A generated XLIFF 1.2 file of ${(f.bytes / 2 ** 20).toFixed(1)} MB (bench/xliff.ts, \`makeXliff12\`): ${f.units.toLocaleString('en')} trans-units of MLQE-PE en-de sentences in`);
  lines.push('groups of 50, each with a note, a context group, a machine-translation `<alt-trans>` (a third also a TM one), inline codes');
  lines.push('`<g>`, `<x/>` and `<ph>`, and targets in six states — or empty, or missing; one unit in 50 is `translate="no"`.');
  lines.push(`**Import** is what the app and \`loupe batch create\` do: read the file's bytes, \`readXliff\`, \`xliffBatch\` (${f.reviewable.toLocaleString('en')} items).`);
  lines.push('**Export** corrects every reviewable segment to its post-edit, inline codes kept: `updatesFromReviews` and `writeXliff`, which');
  lines.push(`splices the new targets and states into the original bytes and checks that the result is well-formed (${f.changed.toLocaleString('en')} segments`);
  lines.push('changed; the others were post-edited to the very text of a target already signed off).');
  lines.push('**translate-toolkit** (Debian\'s, run by /usr/bin/python3; bench/xliff-toolkit.py): `factory.getobject(path)` to parse, then');
  lines.push('`unit.target = post-edit` on every translatable unit and `bytes(store)` to export. Each side runs in a process of its own');
  lines.push('(Loupe\'s loads shared/xliff as `loupe` does, through jiti: bench/xliff-loupe.mjs), kept alive between rounds, and their');
  lines.push('rounds alternate in the same run.');
  lines.push(`Measured ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, ${m.platform}, Node ${m.node}; load average (1 min) ${m.loadStart.toFixed(2)} at the start, ${m.loadEnd.toFixed(2)} at the end${Math.max(m.loadStart, m.loadEnd) > m.cores * 0.5 ? ' — other work was running, so the figures are noisier (and likely slower) than on an idle machine' : ''}.`, '');
  const t = x.toolkit;
  const met = (a: number, b: number) => (a <= b ? '**met**' : '**not met**');
  const row = (what: string, l: number, lc: number, tk: number | undefined, tc: number | undefined) =>
    lines.push(`| ${what} | no slower | ${ms(l)} | ${tk === undefined ? 'not measured' : ms(tk)} | ${tk === undefined ? 'n/a' : ratio(l, tk)} | ${ms(lc)} | ${tc === undefined ? 'not measured' : ms(tc)} | ${tc === undefined ? 'n/a' : ratio(lc, tc)} | ${tk === undefined ? 'not measured' : met(l, tk)} |`);
  lines.push('| | goal | Loupe | translate-toolkit | ratio | Loupe CPU | translate-toolkit CPU | ratio CPU | |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  row(`import ${(f.bytes / 2 ** 20).toFixed(0)} MB XLIFF 1.2`, x.loupe.importMs, x.loupe.importCpuMs, t?.importMs, t?.importCpuMs);
  row('export it, every segment corrected', x.loupe.exportMs, x.loupe.exportCpuMs, t?.exportMs, t?.exportCpuMs);
  lines.push('');
  lines.push(`Wall-clock and CPU time (the process's, user and system, garbage-collector threads included), each the best of its ${rounds} rounds; the goal`);
  lines.push(`is judged on wall-clock time. Loupe exports a file nobody reviewed (its very bytes) in ${ms(x.loupe.unchangedMs)}.`, '');
  const show = (rs: readonly Round[]) => rs.map((r) => `${ms(r.importMs)} / ${ms(r.exportMs)}`).join(', ');
  if (t) lines.push(`${t.versions}. Rounds, import / export: Loupe ${show(x.loupe.rounds)}; translate-toolkit ${show(t.rounds)}.`, '');
  else lines.push(`**translate-toolkit was not measured**: it is not installed for /usr/bin/python3. Install it with \`${INSTALL_TOOLKIT}\` and run \`BENCH_PARTS=xliff npm run bench\` again.`, '');
  const e = x.effort;
  lines.push(`**\`loupe effort\`** over two text files of ${e.lines.toLocaleString('en')} lines (the MLQE-PE en-de machine translations and post-edits, repeated;`);
  lines.push(`${(e.bytes / 2 ** 20).toFixed(1)} MB together): mean HTER ${e.meanHter.toFixed(4)}, ${e.charEdits.toLocaleString('en')} character edits. Best of ${rounds}:`, '');
  lines.push('| | time | per line |', '| --- | --- | --- |');
  lines.push(`| the command, \`node cli/bin/loupe.js effort BEFORE AFTER --quiet\` to /dev/null (process start, jiti, reading, output included) | ${ms(e.cliMs)} | ${((1000 * e.cliMs) / e.lines).toFixed(1)} µs |`);
  lines.push(`| the function it runs, in process: \`fieldEffort\` per line and its JSON line, on lines already read | ${ms(e.functionMs)} | ${((1000 * e.functionMs) / e.lines).toFixed(1)} µs |`, '');
  return lines;
}
