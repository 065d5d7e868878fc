import { isBlank, sameContent } from './inline';
import type { AiOutput, Candidate, Content } from './model';

/**
 * A match quality as a percentage from 0 to 100. `free` is 1.2's `match-quality`, free text: "95",
 * "95%" and "0.95" are all 95 (a number up to 1 with a decimal point is a fraction); `percent` is 2.x's
 * `matchQuality` and `similarity` (0.0–100.0); `fraction` is ITS MT confidence (0–1). Anything that is
 * not a number is no quality.
 */
export function parseQuality(value: string | null, scale: 'free' | 'percent' | 'fraction' = 'free'): number | null {
  if (value === null) return null;
  const text = value.trim();
  const match = /^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(%?)$/u.exec(text);
  if (!match) return null;
  let n = Number(match[1]);
  if (scale === 'fraction' || (scale === 'free' && !match[2] && n <= 1 && text.includes('.'))) n *= 100;
  return Math.min(100, Math.round(n * 100) / 100);
}

/** Words that mark machine translation in a free-text origin ("MT", "Google NMT", "machine"). */
export function soundsMachine(origin: string | null): boolean {
  return origin !== null && /(^|[^\p{L}\p{N}])(mt|nmt|smt|machine)([^\p{L}\p{N}]|$)/iu.test(origin);
}

function describe(c: Candidate, index: number): string {
  const facts = [
    c.matchQuality !== null ? `match quality ${c.matchQuality}` : c.similarity !== null ? `similarity ${c.similarity}` : 'no match quality',
    ...(c.machine ? ['machine translation'] : []),
    ...(c.origin ? [`from ${c.origin}`] : []),
  ];
  return `candidate ${index + 1} (${facts.join(', ')})`;
}

const score = (c: Candidate) => c.matchQuality ?? c.similarity ?? -1;

/** What the target itself tells of its origin: 1.2 state-qualifier, 2.x ITS MT confidence. */
export interface TargetOrigin {
  matchQuality: number | null;
  origin: string | null;
  machine: boolean;
}

/**
 * BRIEF 3.1: the AI output is the target when it has any text or code; otherwise the candidate with the
 * highest match quality (2.x: `matchQuality`, else `similarity`), machine translation first among equals,
 * then the earlier one. A target equal to a candidate takes that candidate's quality and origin.
 */
export function chooseOutput(target: Content | null, candidates: readonly Candidate[], own: TargetOrigin): AiOutput {
  if (target && !isBlank(target)) {
    const same = candidates.findIndex((c) => sameContent(c.target, target));
    const match = candidates[same];
    if (match && own.matchQuality === null && own.origin === null) {
      return { content: target, from: 'target', candidate: same, matchQuality: match.matchQuality, origin: match.origin, machine: match.machine || own.machine, reason: `the file's target, which is ${describe(match, same)}` };
    }
    return { content: target, from: 'target', candidate: same === -1 ? null : same, ...own, reason: "the file's target" };
  }
  const ranked = candidates
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !isBlank(c.target))
    .sort((a, b) => score(b.c) - score(a.c) || Number(b.c.machine) - Number(a.c.machine) || a.i - b.i);
  const best = ranked[0];
  const empty = target ? 'the target is empty' : 'there is no target';
  if (!best) {
    return { content: [], from: 'none', candidate: null, matchQuality: null, origin: null, machine: false, reason: `${empty} and the file proposes no translation` };
  }
  const tied = ranked.filter(({ c }) => score(c) === score(best.c));
  const why =
    ranked.length === 1
      ? 'the only one'
      : tied.length > 1
        ? `tied on match quality with ${tied.length - 1} other${tied.length > 2 ? 's' : ''}, ${best.c.machine && tied.some(({ c }) => !c.machine) ? 'and machine translation is preferred' : 'and the first in the file'}`
        : 'the highest match quality';
  return { content: best.c.target, from: 'candidate', candidate: best.i, matchQuality: best.c.matchQuality ?? best.c.similarity, origin: best.c.origin, machine: best.c.machine, reason: `${empty}; ${describe(best.c, best.i)}: ${why}` };
}
