import { describe, expect, it } from 'vitest';
import type { ReviewStatus } from '../../shared/domain';
import { STATE_12, STATE_20, leastAdvanced, stateFor12, stateFor20, statusFrom12, statusFrom20, type Verdict, type XliffState } from '../../shared/xliff';

// The tables of docs/xliff.md, written out once more: a change to the mapping must change both.

const NONE: XliffState = { state: null, qualifier: null };
const FROM_TARGET = { fromCandidate: false, machine: false };

describe('Loupe status → XLIFF 1.2 state and state-qualifier (on <target>)', () => {
  it('follows the table from a target without state', () => {
    expect(STATE_12).toEqual({ accepted: 'signed-off', corrected: 'signed-off', rejected: 'needs-translation', flagged: 'needs-review-translation' });
    const table = (['pending', 'accepted', 'corrected', 'rejected', 'flagged'] as const).map((s) => [s, stateFor12(s, NONE, FROM_TARGET)]);
    expect(table).toEqual([
      ['pending', null],
      ['accepted', { state: 'signed-off', qualifier: null }],
      ['corrected', { state: 'signed-off', qualifier: null }],
      ['rejected', { state: 'needs-translation', qualifier: 'rejected-inaccurate' }],
      ['flagged', { state: 'needs-review-translation', qualifier: null }],
    ]);
  });

  it('says where an accepted text came from, and drops what no longer holds', () => {
    const mt = { state: 'needs-review-translation', qualifier: 'mt-suggestion' };
    expect(stateFor12('accepted', mt, FROM_TARGET)).toEqual({ state: 'signed-off', qualifier: 'mt-suggestion' });
    expect(stateFor12('accepted', NONE, { fromCandidate: true, machine: true })).toEqual({ state: 'signed-off', qualifier: 'leveraged-mt' });
    expect(stateFor12('accepted', NONE, { fromCandidate: true, machine: false })).toEqual({ state: 'signed-off', qualifier: 'leveraged-tm' });
    expect(stateFor12('accepted', { state: 'translated', qualifier: 'rejected-grammar' }, FROM_TARGET)).toEqual({ state: 'signed-off', qualifier: null });
    // A person rewrote the text: it is no longer what any qualifier described.
    expect(stateFor12('corrected', mt, FROM_TARGET)).toEqual({ state: 'signed-off', qualifier: null });
    expect(stateFor12('corrected', { state: 'final', qualifier: 'exact-match' }, FROM_TARGET)).toEqual({ state: 'signed-off', qualifier: null });
    expect(stateFor12('flagged', mt, FROM_TARGET)).toEqual({ state: 'needs-review-translation', qualifier: 'mt-suggestion' });
    expect(stateFor12('rejected', { state: 'translated', qualifier: 'rejected-length' }, FROM_TARGET)).toEqual({ state: 'needs-translation', qualifier: 'rejected-length' });
    expect(stateFor12('rejected', mt, FROM_TARGET)).toEqual({ state: 'needs-translation', qualifier: 'rejected-inaccurate' });
  });

  it('changes nothing when the file already says what the verdict says', () => {
    expect(stateFor12('accepted', { state: 'final', qualifier: 'exact-match' }, { fromCandidate: true, machine: true })).toBeNull();
    expect(stateFor12('accepted', { state: 'signed-off', qualifier: 'leveraged-tm' }, FROM_TARGET)).toBeNull();
    expect(stateFor12('rejected', { state: 'needs-translation', qualifier: 'rejected-spelling' }, FROM_TARGET)).toBeNull();
  });
});

describe('XLIFF 1.2 state → Loupe status', () => {
  it('follows the table', () => {
    const states = ['new', 'needs-translation', 'needs-l10n', 'needs-adaptation', 'translated', 'needs-review-translation', 'needs-review-l10n', 'needs-review-adaptation', 'signed-off', 'final', 'x-custom', null];
    expect(Object.fromEntries(states.map((state) => [String(state), statusFrom12({ state, qualifier: null })]))).toEqual({
      new: 'pending',
      'needs-translation': 'pending',
      'needs-l10n': 'pending',
      'needs-adaptation': 'pending',
      translated: 'pending',
      'needs-review-translation': 'pending',
      'needs-review-l10n': 'pending',
      'needs-review-adaptation': 'pending',
      'signed-off': 'accepted',
      final: 'accepted',
      'x-custom': 'pending',
      null: 'pending',
    });
  });

  it('reads a rejected-* qualifier on a state that asks for translation as a rejection', () => {
    expect(statusFrom12({ state: 'needs-translation', qualifier: 'rejected-inaccurate' })).toBe('rejected');
    expect(statusFrom12({ state: 'new', qualifier: 'rejected-grammar' })).toBe('rejected');
    expect(statusFrom12({ state: 'translated', qualifier: 'rejected-grammar' })).toBe('pending');
    expect(statusFrom12({ state: 'needs-translation', qualifier: 'mt-suggestion' })).toBe('pending');
  });
});

describe('Loupe status → XLIFF 2.x state and subState (on <segment>)', () => {
  it('follows the table, with Loupe\'s subState', () => {
    expect(STATE_20).toEqual({ accepted: 'reviewed', corrected: 'reviewed', rejected: 'initial', flagged: 'translated' });
    const table = (['pending', 'accepted', 'corrected', 'rejected', 'flagged'] as const).map((s) => [s, stateFor20(s, NONE)]);
    expect(table).toEqual([
      ['pending', null],
      ['accepted', { state: 'reviewed', qualifier: 'loupe:accepted' }],
      ['corrected', { state: 'reviewed', qualifier: 'loupe:corrected' }],
      ['rejected', { state: 'initial', qualifier: 'loupe:rejected' }],
      ['flagged', { state: 'translated', qualifier: 'loupe:flagged' }],
    ]);
  });

  it("keeps another tool's subState while the state stays, and replaces it when the state changes", () => {
    const theirs = { state: 'translated', qualifier: 'acme:machine' };
    expect(stateFor20('flagged', theirs)).toEqual(theirs);
    expect(stateFor20('accepted', theirs)).toEqual({ state: 'reviewed', qualifier: 'loupe:accepted' });
    expect(stateFor20('rejected', { state: null, qualifier: 'acme:x' })).toEqual({ state: 'initial', qualifier: 'acme:x' });
    expect(stateFor20('corrected', { state: 'reviewed', qualifier: 'loupe:accepted' })).toEqual({ state: 'reviewed', qualifier: 'loupe:corrected' });
  });

  it('changes nothing when the file already says what the verdict says', () => {
    expect(stateFor20('accepted', { state: 'final', qualifier: null })).toBeNull();
    expect(stateFor20('accepted', { state: 'reviewed', qualifier: 'acme:checked' })).toBeNull();
    expect(stateFor20('flagged', { state: 'translated', qualifier: 'loupe:flagged' })).toBeNull();
  });
});

describe('XLIFF 2.x state → Loupe status', () => {
  it('follows the table, Loupe\'s subState counting only beside the state Loupe writes with it', () => {
    const cases: [XliffState, ReviewStatus][] = [
      [{ state: null, qualifier: null }, 'pending'],
      [{ state: 'initial', qualifier: null }, 'pending'],
      [{ state: 'translated', qualifier: null }, 'pending'],
      [{ state: 'reviewed', qualifier: null }, 'accepted'],
      [{ state: 'final', qualifier: null }, 'accepted'],
      [{ state: 'initial', qualifier: 'loupe:rejected' }, 'rejected'],
      [{ state: 'translated', qualifier: 'loupe:flagged' }, 'flagged'],
      [{ state: 'reviewed', qualifier: 'loupe:corrected' }, 'accepted'],
      [{ state: 'reviewed', qualifier: 'loupe:flagged' }, 'accepted'],
      [{ state: 'translated', qualifier: 'loupe:rejected' }, 'pending'],
      [{ state: 'translated', qualifier: 'acme:machine' }, 'pending'],
    ];
    expect(cases.map(([state]) => statusFrom20(state))).toEqual(cases.map(([, status]) => status));
  });
});

describe('both ways', () => {
  it('gives back each verdict as the file then stands: a correction is the accepted target, a 1.2 flag a request for review', () => {
    const verdicts: Verdict[] = ['accepted', 'corrected', 'rejected', 'flagged'];
    const back12 = verdicts.map((v) => statusFrom12(stateFor12(v, NONE, FROM_TARGET)!));
    const back20 = verdicts.map((v) => statusFrom20(stateFor20(v, NONE)!));
    expect(back12).toEqual(['accepted', 'accepted', 'rejected', 'pending']);
    expect(back20).toEqual(['accepted', 'accepted', 'rejected', 'flagged']);
  });

  it('gives a 1.2 unit of several segments the least advanced of their statuses', () => {
    expect(leastAdvanced(['accepted', 'corrected'])).toBe('corrected');
    expect(leastAdvanced(['accepted', 'pending'])).toBe('pending');
    expect(leastAdvanced(['flagged', 'pending'])).toBe('flagged');
    expect(leastAdvanced(['accepted', 'flagged', 'rejected'])).toBe('rejected');
    expect(leastAdvanced(['accepted'])).toBe('accepted');
  });
});
