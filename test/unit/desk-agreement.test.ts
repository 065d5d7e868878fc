// The agreement measure of the coordinator's desk: pairwise percent agreement of statuses and final values.
import { describe, expect, it } from 'vitest';
import type { OutputField } from '../../shared/domain';
import { pairwiseAgreement, verdictsAgree, type Verdict } from '../../renderer/desk/agreement';

const fields = [{ name: 'code', kind: 'label', options: ['A', 'B'] }] as OutputField[];
const v = (reviewerId: string, status: Verdict['status'], code: string | null = 'A'): Verdict => ({ reviewerId, status, values: { code } });

describe('pairwise percent agreement', () => {
  it('needs the same status, and the same final values where both kept values', () => {
    expect(verdictsAgree(fields, v('a', 'accepted'), v('b', 'accepted'))).toBe(true);
    expect(verdictsAgree(fields, v('a', 'corrected', 'B'), v('b', 'corrected', 'B'))).toBe(true);
    expect(verdictsAgree(fields, v('a', 'corrected', 'B'), v('b', 'corrected', null))).toBe(false);
    expect(verdictsAgree(fields, v('a', 'accepted'), v('b', 'corrected', 'B'))).toBe(false);
    // Rejections and flags are compared by status alone, as merging does.
    expect(verdictsAgree(fields, v('a', 'rejected', 'A'), v('b', 'rejected', 'B'))).toBe(true);
    expect(verdictsAgree(fields, v('a', 'flagged', 'A'), v('b', 'flagged', 'B'))).toBe(true);
  });

  it('counts pairs over items with two or more verdicts, leaving pending ones out', () => {
    const result = pairwiseAgreement(fields, [
      [v('a', 'accepted'), v('b', 'accepted'), v('c', 'corrected', 'B')], // 3 pairs, 1 agrees
      [v('a', 'rejected'), v('b', 'rejected')], // 1 pair, agrees
      [v('a', 'accepted'), v('b', 'pending')], // one verdict only: not compared
      [],
    ]);
    expect(result).toEqual({ items: 2, itemsInFullAgreement: 1, pairs: 4, agreeingPairs: 2, ratio: 0.5 });
  });

  it('has no value when nothing could be compared', () => {
    expect(pairwiseAgreement(fields, [[v('a', 'accepted')]]).ratio).toBeNull();
  });
});
