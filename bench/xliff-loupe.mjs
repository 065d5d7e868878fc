// The Loupe side of bench/xliff.ts, in a process of its own as translate-toolkit's is: its heap holds only
// this side's data, not the benchmark's. shared/xliff is loaded as `loupe` loads it (jiti). One JSON line
// per "round" read on stdin: import (the file's bytes, readXliff, xliffBatch) and export (updatesFromReviews
// and writeXliff with every reviewable segment corrected), each in wall-clock and CPU milliseconds.
//
//   usage: node xliff-loupe.mjs FILE.xlf REVIEWS.json
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createJiti } from 'jiti';

const [file, reviewsFile] = process.argv.slice(2);
const { readXliff, updatesFromReviews, writeXliff, xliffBatch } = await createJiti(import.meta.url).import('../shared/xliff/index.ts');
const reviews = JSON.parse(readFileSync(reviewsFile, 'utf8'));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function round() {
  const w0 = performance.now();
  const c0 = cpu();
  const read = readXliff(new Uint8Array(readFileSync(file)), 'bench.xlf');
  if (!read.ok) throw new Error(read.error.message);
  const batch = xliffBatch(read.document);
  const importMs = performance.now() - w0;
  const importCpuMs = cpu() - c0;
  const w1 = performance.now();
  const c1 = cpu();
  const written = writeXliff(read.document, updatesFromReviews(read.document, reviews));
  const exportMs = performance.now() - w1;
  const exportCpuMs = cpu() - c1;
  if (!written.ok) throw new Error(written.error.message);
  const w2 = performance.now();
  const same = writeXliff(read.document, new Map());
  const unchangedMs = performance.now() - w2;
  if (!same.ok || same.bytes.length !== read.document.bytes.length) throw new Error('the unchanged export is not the file');
  return { importMs, importCpuMs, exportMs, exportCpuMs, unchangedMs, items: batch.items.length, changed: written.changed.length, bytes: written.bytes.length };
}

console.log(JSON.stringify({ ready: true }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'round') break;
  console.log(JSON.stringify(round()));
}
