import type { QaDraft } from './model';
import type { Prepared } from './segment';
import type { CodeMark } from './text';

/**
 * Inline codes: each code of the source once in the target (missing and extra codes are errors: the
 * file's formatting, links or variables would be lost or doubled), pairs still opening before they
 * close and not crossing one another (errors), and the codes in the source's order (a warning: word
 * order may need them moved).
 */

function named(code: CodeMark, labels: Readonly<Record<number, string>>): string {
  const label = labels[code.n];
  return label ? `${code.text} (${label})` : code.text;
}

/** Pairs that open before they close, by number: the ones whose structure the target must keep. */
function pairs(codes: readonly CodeMark[]): Map<number, { open: CodeMark; close: CodeMark }> {
  const out = new Map<number, { open: CodeMark; close: CodeMark }>();
  const ends = (n: number, role: CodeMark['role']) => codes.filter((c) => c.n === n && c.role === role);
  for (const n of new Set(codes.map((c) => c.n))) {
    const [open, ...moreOpen] = ends(n, 'open');
    const [close, ...moreClose] = ends(n, 'close');
    if (open && close && moreOpen.length === 0 && moreClose.length === 0) out.set(n, { open, close });
  }
  return out;
}

function crosses(a: { open: CodeMark; close: CodeMark }, b: { open: CodeMark; close: CodeMark }): boolean {
  return a.open.start < b.open.start && b.open.start < a.close.start && a.close.start < b.close.start;
}

/** Indices of a longest increasing subsequence of `xs`: the codes that kept their order. */
function keptInOrder(xs: readonly number[]): Set<number> {
  const tails: number[] = [];
  const before: number[] = [];
  xs.forEach((x, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((xs[tails[mid]!] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    before[i] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i !== -1; i = before[i]!) kept.add(i);
  return kept;
}

export function checkCodes(p: Prepared): QaDraft[] {
  const out: QaDraft[] = [];
  const source = p.source.codes;
  const target = p.target.codes;
  const labels = p.codeLabels;

  // The k-th occurrence of a placeholder in the target answers its k-th occurrence in the source.
  const sourceIndexOf = new Map<CodeMark, number>();
  for (const text of new Set([...source, ...target].map((c) => c.text))) {
    const inSource = source.flatMap((c, i) => (c.text === text ? [i] : []));
    const inTarget = target.filter((c) => c.text === text);
    inTarget.forEach((c, k) => {
      const i = inSource[k];
      if (i !== undefined) sourceIndexOf.set(c, i);
    });
    for (const i of inSource.slice(inTarget.length)) {
      const code = source[i]!;
      out.push({
        rule: 'codes.missing',
        key: code.text,
        message: `The inline code ${named(code, labels)} of the source is missing in the target — put it where it belongs in the translation.`,
        target: [],
        source: [{ start: code.start, end: code.end }],
      });
    }
    for (const code of inTarget.slice(inSource.length)) {
      out.push({
        rule: 'codes.extra',
        key: code.text,
        message:
          inSource.length === 0
            ? `The inline code ${named(code, labels)} is not in the source — remove it from the target.`
            : `The target has the inline code ${named(code, labels)} ${inTarget.length} times, the source ${inSource.length === 1 ? 'once' : `${inSource.length} times`} — remove the extra one.`,
        target: [{ start: code.start, end: code.end }],
        source: [],
      });
    }
  }

  const sourcePairs = pairs(source);
  const targetPairs = pairs(target);
  const broken = new Set<number>();
  for (const [n, pair] of targetPairs) {
    if (!sourcePairs.has(n) || pair.open.start < pair.close.start) continue;
    broken.add(n);
    out.push({
      rule: 'codes.nesting',
      key: pair.open.text,
      message: `In the target ${pair.close.text} closes before ${pair.open.text} opens — move ${pair.close.text} after ${pair.open.text}, around the text it marks.`,
      target: [pair.close, pair.open].map((c) => ({ start: c.start, end: c.end })),
      source: [],
    });
  }
  const wellFormed = [...targetPairs].filter(([n]) => sourcePairs.has(n) && !broken.has(n));
  for (const [a, pa] of wellFormed) {
    for (const [b, pb] of wellFormed) {
      // Pairs may cross in the target only where they already cross in the source (XLIFF 2 sc/ec may).
      if (!crosses(pa, pb) || crosses(sourcePairs.get(a)!, sourcePairs.get(b)!)) continue;
      broken.add(a).add(b);
      out.push({
        rule: 'codes.nesting',
        key: `${pa.open.text}${pb.open.text}`,
        message: `In the target ${pa.open.text}…${pa.close.text} and ${pb.open.text}…${pb.close.text} overlap — one pair must lie wholly inside the other or wholly outside it: move ${pb.close.text} before ${pa.close.text}, or ${pb.open.text} after it.`,
        target: [pb.open, pa.close].map((c) => ({ start: c.start, end: c.end })),
        source: [],
      });
    }
  }

  const matched = target.filter((c) => sourceIndexOf.has(c) && !broken.has(c.n));
  const kept = keptInOrder(matched.map((c) => sourceIndexOf.get(c)!));
  const moved = matched.filter((_, i) => !kept.has(i));
  if (moved.length > 0) {
    const sequence = (codes: readonly CodeMark[]) => codes.map((c) => c.text).join('');
    const matchedSource = new Set(matched.map((c) => sourceIndexOf.get(c)!));
    out.push({
      rule: 'codes.order',
      key: moved.map((c) => c.text).join(''),
      message: `The inline codes are in another order than in the source (source ${sequence(source.filter((_, i) => matchedSource.has(i)))}, target ${sequence(matched)}) — fine when the translation's word order needs it; otherwise put ${moved.map((c) => c.text).join(' ')} back in the source's order.`,
      target: moved.map((c) => ({ start: c.start, end: c.end })),
      source: moved.map((c) => source[sourceIndexOf.get(c)!]!).map((c) => ({ start: c.start, end: c.end })),
    });
  }
  return out;
}
