// The pieces behind inline codes on the review screen, one by one: reading placeholders, where the caret may
// rest, mending an edit that cut a code, the diff that never splits a code or a number, the next unconfirmed
// item, the new keys and the length count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../renderer/storage';
import { guardCodes, mend } from '../../renderer/review/code-guard';
import { diffParts } from '../../renderer/review/diff-parts';
import { atomAround, atomsNear, codeTable, missingCodes, pieces, plainText, snap, widen, type InlineCode } from '../../renderer/review/inline-codes';
import { nextUnconfirmed } from '../../renderer/review/position';
import { comboIndex, shortcutFor, type KeyLike } from '../../renderer/review/shortcuts';
import { measure } from '../../renderer/review/xliff-output';

const codes = codeTable([
  { n: 1, element: 'g', label: 'bold', roles: ['open', 'close'] },
  { n: 2, element: 'x', label: '{name}', roles: ['standalone'] },
  { n: 12, element: 'ph', label: '<br/>', roles: ['standalone'] },
]);

describe('placeholders in a segment’s text', () => {
  const text = 'a⟨1⟩b⟨/1⟩ ⟨⟨⟨2/⟩ ⟨3⟩ ⟨12/⟩';

  it('are read as the file format writes them: a run of "⟨" pairs up first, unknown codes are text', () => {
    expect(pieces(text, codes).map((p) => [p.kind, p.text])).toEqual([
      ['text', 'a'],
      ['code', '⟨1⟩'],
      ['text', 'b'],
      ['code', '⟨/1⟩'],
      ['text', ' '],
      ['escape', '⟨⟨'],
      ['code', '⟨2/⟩'],
      ['text', ' ⟨3⟩ '],
      ['code', '⟨12/⟩'],
    ]);
    expect(plainText(text, codes)).toBe('ab ⟨ ⟨3⟩ ');
  });

  it('are found from a few characters around a place, the same as from the start', () => {
    const long = `${'word '.repeat(2000)}${text}`;
    const offset = long.length - text.length;
    expect(atomsNear(long, codes, offset + 12).map((a) => [a.start - offset, a.end - offset])).toEqual([
      [10, 12],
      [12, 16],
    ]);
    // Inside a long run of "⟨", the pairing still counts from the run's first one.
    const run = `${'⟨'.repeat(41)}1⟩`;
    expect(atomsNear(run, codes, 40).map((a) => [a.start, a.end])).toEqual([
      [38, 40],
      [40, 43],
    ]);
  });

  it('keep the caret at their edges and a selection around them', () => {
    expect(atomAround(text, codes, 2)).toEqual({ start: 1, end: 4, code: { n: 1, role: 'open', label: 'bold' } });
    expect(snap(text, codes, 2)).toBe(1);
    expect(snap(text, codes, 3)).toBe(4);
    expect(snap(text, codes, 3, 'start')).toBe(1);
    expect(snap(text, codes, 11)).toBe(12); // inside the escaped "⟨⟨": a tie goes to the end
    expect(widen(text, codes, 2, 7)).toEqual([1, 9]);
    expect(widen(text, codes, 0, 1)).toEqual([0, 1]);
  });

  it('say which codes of the source the target lacks, in the source’s order, each as often as it occurs', () => {
    expect(missingCodes('⟨1⟩a⟨/1⟩ ⟨2/⟩ ⟨2/⟩', '⟨2/⟩ x ⟨/1⟩', codes)).toEqual(['⟨1⟩', '⟨2/⟩']);
    expect(missingCodes('⟨1⟩a⟨/1⟩', '', codes)).toEqual(['⟨1⟩', '⟨/1⟩']);
    expect(missingCodes('⟨⟨1⟩', '', codes)).toEqual([]);
  });
});

describe('mending an edit the browser made', () => {
  it('takes a code whole when a deletion reached into it, and puts text typed inside one after it', () => {
    expect(mend(codes, 'ab⟨1⟩cd', 'ab⟨1cd', 5)).toEqual({ text: 'abcd', caret: 2 });
    expect(mend(codes, 'ab⟨1⟩cd', 'ab⟨1日本⟩cd', undefined)).toEqual({ text: 'ab⟨1⟩日本cd', caret: 7 });
    expect(mend(codes, 'ab⟨1⟩cd', 'abcd', 5)).toBeNull();
    expect(mend(codes, 'ab cd', 'ab xcd', 3)).toBeNull();
  });

  it('leaves no part of a code behind, whatever is deleted and typed (property)', () => {
    const atom = fc.constantFrom('⟨1⟩', '⟨/1⟩', '⟨2/⟩', '⟨⟨', 'a', 'b', ' ');
    const whole = (s: string) => pieces(s, codes).every((p) => p.kind !== 'text' || !/[⟨⟩]/u.test(p.text));
    fc.assert(
      fc.property(fc.array(atom, { maxLength: 12 }), fc.nat(), fc.nat(), fc.constantFrom('', 'x', 'yz'), (parts, i, j, typed) => {
        const before = parts.join('');
        const [a, b] = [i % (before.length + 1), j % (before.length + 1)].sort((x, y) => x - y) as [number, number];
        const after = before.slice(0, a) + typed + before.slice(b);
        const mended = mend(codes, before, after, a)?.text ?? after;
        return whole(mended);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the guard on a long document', () => {
  /** A code table that counts how often it is read: the guard's work per keystroke. */
  class CountingTable extends Map<string, InlineCode> {
    reads = 0;
    override get(key: string) {
      this.reads++;
      return super.get(key);
    }
  }

  /** Types 30 letters in the middle of a document of `words` words with a code every tenth word. */
  function readsWhileTyping(words: number): number {
    const table = new CountingTable(codes);
    const el = document.createElement('textarea');
    el.value = Array.from({ length: words }, (_, i) => (i % 10 === 0 ? `⟨1⟩word${i}⟨/1⟩` : `word${i}`)).join(' ');
    document.body.append(el);
    el.focus();
    const stop = guardCodes(el, table);
    let at = Math.floor(el.value.length / 2);
    at = el.value.indexOf(' ', at) + 1;
    for (let i = 0; i < 30; i++) {
      el.setSelectionRange(at, at);
      const typed = new InputEvent('beforeinput', { inputType: 'insertText', data: 'x', bubbles: true, cancelable: true });
      el.dispatchEvent(typed);
      expect(typed.defaultPrevented).toBe(false);
      el.setRangeText('x', at, at, 'end');
      el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: 'x', bubbles: true }));
      at++;
    }
    stop();
    el.remove();
    return table.reads;
  }

  it('reads the same few characters per keystroke in 500 words and in 5,000', () => {
    const short = readsWhileTyping(500);
    expect(short).toBeLessThanOrEqual(30 * 4);
    expect(readsWhileTyping(5000)).toBe(short);
  });
});

describe('the diff of an XLIFF segment', () => {
  const side = (parts: { kind: string; text: string }[], drop: string) => parts.filter((p) => p.kind !== drop).map((p) => p.text).join('');

  it('never splits a code or a number', () => {
    const parts = diffParts('Press ⟨1⟩Save⟨/1⟩ within 10.5 s', 'Press ⟨2/⟩Save⟨/1⟩ within 10.7 s', 'en', codes);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['⟨1⟩', '10.5']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['⟨2/⟩', '10.7']);
    const arabic = diffParts('السعر 10 دولار', 'السعر 12 دولار', 'ar');
    expect(arabic.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['10', '12']);
  });

  it('always rebuilds both texts, private-use characters of the text included (property)', () => {
    const words = fc.array(fc.constantFrom('a', 'Haus', '12', '3.5', '⟨1⟩', '⟨/1⟩', '⟨⟨', '\uE000', '家', ' '), { maxLength: 20 }).map((w) => w.join(''));
    fc.assert(
      fc.property(words, words, (before, after) => {
        const parts = diffParts(before, after, undefined, codes);
        return side(parts, 'added') === before && side(parts, 'removed') === after;
      }),
      { numRuns: 300 },
    );
  });
});

describe('the next unconfirmed item', () => {
  const entries: QueueEntry[] = [
    { id: 'a', seq: 0, status: 'accepted' },
    { id: 'b', seq: 1, status: 'pending' },
    { id: 'c', seq: 2, status: 'corrected', stale: true },
    { id: 'd', seq: 3, status: 'corrected' },
    { id: 'e', seq: 4, status: 'flagged', withdrawnIn: 2 },
  ];

  it('is the next one not accepted or corrected (or changed since), going round, never a withdrawn one', () => {
    expect(nextUnconfirmed(entries, 0, 0, 'a')).toBe('b');
    expect(nextUnconfirmed(entries, 1, 1, 'b')).toBe('c');
    expect(nextUnconfirmed(entries, 2, 2, 'c')).toBe('b');
    // The current item left the list: its last place decides.
    expect(nextUnconfirmed(entries, -1, 3, 'gone')).toBe('b');
    expect(nextUnconfirmed([entries[0]!, entries[3]!], 0, 0, 'a')).toBeUndefined();
  });
});

describe('the new keys', () => {
  const key = (k: Partial<KeyLike> & { key: string }) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: null, ...k });

  it('work while typing: F2, F8, Alt+End, Ctrl+1…9 (⌘ on a Mac), by the physical digit key', () => {
    const textarea = document.createElement('textarea');
    const typing = (k: Partial<KeyLike> & { key: string }) => ({ ...key(k), target: textarea });
    expect(shortcutFor(typing({ key: 'F2' }))?.id).toBe('restore');
    expect(shortcutFor(typing({ key: 'F8' }))?.id).toBe('codes');
    expect(shortcutFor(typing({ key: 'End', altKey: true }))?.id).toBe('nextUnconfirmed');
    expect(shortcutFor(typing({ key: 'End' }))).toBeUndefined();
    const ctrl3 = typing({ key: '3', code: 'Digit3', ctrlKey: true });
    const candidate = shortcutFor(ctrl3);
    expect(candidate?.id).toBe('candidate');
    expect(comboIndex(ctrl3, candidate!)).toBe(2);
    expect(comboIndex(typing({ key: 'é', code: 'Digit2', metaKey: true }), candidate!)).toBe(1);
    expect(shortcutFor(typing({ key: '#', code: 'Digit3', ctrlKey: true, shiftKey: true }))).toBeUndefined();
    expect(shortcutFor(typing({ key: '3', code: 'Digit3', altKey: true }))).toBeUndefined();
  });
});

describe('a length limit', () => {
  it('counts code points, or bytes in UTF-8 or UTF-16', () => {
    const text = 'Aé家🙂';
    expect(measure(text, { max: 10, unit: 'codepoints', from: 'maxwidth' })).toBe(4);
    expect(measure(text, { max: 10, unit: 'bytes', from: 'its:storageSize' })).toBe(1 + 2 + 3 + 4);
    expect(measure(text, { max: 10, unit: 'bytes', encoding: 'UTF-16', from: 'its:storageSize' })).toBe(10);
  });
});
