// The review screen's parts that need no DOM rendering: active time, the draft writer's timing, the
// shortcut table, the position lookup and the diff's trimming.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActiveTimer } from '../../renderer/review/active-time';
import { DraftWriter } from '../../renderer/review/draft-writer';
import { diffParts } from '../../renderer/review/diff-parts';
import { locate, neighbours } from '../../renderer/review/position';
import { ariaKeyShortcuts, comboMatches, isTypingTarget, shortcutById, shortcutFor } from '../../renderer/review/shortcuts';
import { DRAFT_DEBOUNCE_MS, DRAFT_MAX_WAIT_MS, IDLE_THRESHOLD_MS } from '../../renderer/review/timing';
import { isSafeImageSource } from '../../renderer/review/values';
import { displayDiff } from '../../shared/diff';
import type { StoredDraft } from '../../renderer/storage';

describe('active time', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('counts while the reviewer works and stops at the idle threshold', () => {
    const c = clock();
    const timer = new ActiveTimer(c.now);
    expect(timer.elapsed()).toBe(0); // nothing done yet
    timer.interaction();
    c.advance(10_000);
    timer.interaction();
    c.advance(5_000);
    expect(timer.elapsed()).toBe(15_000);
    // Away for ten minutes: at most the idle threshold after the last key counts.
    c.advance(600_000);
    expect(timer.elapsed()).toBe(10_000 + IDLE_THRESHOLD_MS);
    timer.interaction();
    c.advance(1_000);
    expect(timer.elapsed()).toBe(10_000 + IDLE_THRESHOLD_MS + 1_000);
  });

  it('does not count while the window is hidden or unfocused, and a scroll does not prove focus', () => {
    const c = clock();
    const timer = new ActiveTimer(c.now);
    timer.interaction();
    c.advance(2_000);
    timer.setVisible(false);
    c.advance(20_000);
    expect(timer.elapsed()).toBe(2_000);
    timer.setVisible(true); // back within the minute: counting resumes
    c.advance(1_000);
    expect(timer.elapsed()).toBe(3_000);
    timer.setFocused(false);
    c.advance(5_000);
    timer.interaction(false); // a wheel turn over a background window
    c.advance(5_000);
    expect(timer.elapsed()).toBe(3_000);
    timer.interaction(); // a key press: focused again
    c.advance(1_000);
    expect(timer.elapsed()).toBe(4_000);
  });

  it('starts an item from its stored time', () => {
    const c = clock();
    const timer = new ActiveTimer(c.now);
    timer.interaction();
    c.advance(3_000);
    timer.reset(42_000);
    c.advance(1_000);
    expect(timer.elapsed()).toBe(43_000);
  });
});

describe('the draft writer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const key = { batchId: 'b', itemId: 'i', reviewerId: 'r' };
  const draft = { values: { text: 'a' }, comment: '', reason: null };

  it('writes after a pause, and at the latest DRAFT_MAX_WAIT_MS after the first unsaved keystroke', async () => {
    vi.useFakeTimers();
    const saved: StoredDraft[] = [];
    const w = new DraftWriter(key, draft, { save: async (d) => void saved.push(d), activeMs: () => 0, storedActiveMs: 0 });
    w.setValue('text', 'ab');
    await vi.advanceTimersByTimeAsync(DRAFT_DEBOUNCE_MS - 1);
    expect(saved).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved.map((d) => d.values.text)).toEqual(['ab']);
    // Typing without a pause: still written within the maximum wait.
    for (let i = 0; i < 20; i++) {
      w.setValue('text', `ab${i}`);
      await vi.advanceTimersByTimeAsync(50);
      if (saved.length > 1) break;
    }
    expect(saved.length).toBe(2);
    expect(DRAFT_MAX_WAIT_MS).toBeLessThan(500);
    expect(w.saveState).toBe('saved');
  });

  it('flushes at once, in order, and tries again after a failed write', async () => {
    const saved: string[] = [];
    let fail = true;
    const w = new DraftWriter(key, draft, {
      save: async (d) => {
        if (fail) throw new Error('disk full');
        saved.push(String(d.values.text));
      },
      activeMs: () => 0,
      storedActiveMs: 0,
    });
    w.setValue('text', 'x');
    await w.flush();
    expect(w.saveState).toBe('failed');
    expect(w.dirty).toBe(true);
    fail = false;
    w.setValue('text', 'xy');
    await w.flush();
    expect(saved).toEqual(['xy']);
    expect(w.saveState).toBe('saved');
    expect(w.dirty).toBe(false);
  });

  it('writes grown active time even without typing', async () => {
    let active = 0;
    const saved: number[] = [];
    const w = new DraftWriter(key, draft, { save: async (d) => void saved.push(d.activeMs), activeMs: () => active, storedActiveMs: 0 });
    await w.flush();
    expect(saved).toEqual([]);
    active = 400; // less than a second more: not worth a write of its own
    await w.flush();
    expect(saved).toEqual([]);
    active = 1234;
    await w.flush();
    expect(saved).toEqual([1234]);
    w.setValue('text', 'b'); // typing is always written, with the time
    active = 1300;
    await w.flush();
    expect(saved).toEqual([1234, 1300]);
  });
});

describe('shortcuts', () => {
  const key = (init: Partial<KeyboardEventInit> & { key: string }, target: EventTarget | null = document.body) => ({
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    code: '',
    ...init,
    target,
  });

  it('maps keys to actions, Ctrl or ⌘ alike', () => {
    expect(shortcutFor(key({ key: 'Enter', ctrlKey: true }))?.id).toBe('accept');
    expect(shortcutFor(key({ key: 'Enter', metaKey: true }))?.id).toBe('accept');
    expect(shortcutFor(key({ key: 'Enter', ctrlKey: true, shiftKey: true }))?.id).toBe('flag');
    expect(shortcutFor(key({ key: 'Backspace', ctrlKey: true, shiftKey: true }))?.id).toBe('reject');
    expect(shortcutFor(key({ key: 'ArrowDown', altKey: true }))?.id).toBe('next');
    expect(shortcutFor(key({ key: 'ArrowUp', altKey: true }))?.id).toBe('previous');
    expect(shortcutFor(key({ key: 'Z', ctrlKey: true, shiftKey: true }))?.id).toBe('redo');
    expect(shortcutFor(key({ key: '?', shiftKey: true }))?.id).toBe('help');
    expect(shortcutFor(key({ key: 'F1' }))?.id).toBe('help');
    expect(shortcutFor(key({ key: 'Enter' }))).toBeUndefined();
    expect(shortcutFor(key({ key: 'r' }))).toBeUndefined();
  });

  it('keeps plain keys and Ctrl+Z for text fields, but not the modified verdict keys', () => {
    const textarea = document.createElement('textarea');
    const select = document.createElement('select');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(isTypingTarget(textarea)).toBe(true);
    expect(isTypingTarget(select)).toBe(true);
    expect(isTypingTarget(checkbox)).toBe(false);
    expect(shortcutFor(key({ key: '?' }, textarea))).toBeUndefined();
    expect(shortcutFor(key({ key: 'Escape' }, textarea))).toBeUndefined();
    expect(shortcutFor(key({ key: 'z', ctrlKey: true }, textarea))).toBeUndefined();
    expect(shortcutFor(key({ key: 'z', ctrlKey: true }, checkbox))?.id).toBe('undo');
    expect(shortcutFor(key({ key: 'Enter', ctrlKey: true }, textarea))?.id).toBe('accept');
    expect(shortcutFor(key({ key: 'F1' }, textarea))?.id).toBe('help');
  });

  it('finds Ctrl+Z by its physical key on a Cyrillic layout', () => {
    expect(comboMatches(key({ key: 'я', code: 'KeyZ', ctrlKey: true }), shortcutById('undo').combos[0]!)).toBe(true);
  });

  it('names every combination for aria-keyshortcuts', () => {
    expect(ariaKeyShortcuts(shortcutById('accept'))).toBe('Control+Enter Meta+Enter');
    expect(ariaKeyShortcuts(shortcutById('next'))).toBe('Alt+ArrowDown');
  });
});

describe('the position in the queue', () => {
  const entries = Array.from({ length: 10 }, (_, i) => ({ id: `i${i}`, seq: i, status: 'pending' as const }));

  it('finds an item next to the last place, or anywhere', () => {
    expect(locate(entries, 'i4', 3)).toBe(4);
    expect(locate(entries, 'i9', 0)).toBe(9);
    expect(locate(entries, 'nope', 0)).toBe(-1);
  });

  it('goes on from where a filtered-out item was', () => {
    const without = entries.filter((e) => e.id !== 'i4');
    expect(neighbours(without, -1, 4)).toEqual({ previous: 'i3', next: 'i5' });
    expect(neighbours(entries, 9, 9)).toEqual({ previous: 'i8', next: undefined });
  });
});

describe('the live difference', () => {
  const side = (parts: { kind: string; text: string }[], drop: string) => parts.filter((p) => p.kind !== drop).map((p) => p.text).join('');

  it('trims the common start and end yet shows the same change as a full diff', () => {
    const before = 'The house is small and the garden is large.';
    const after = 'The house is very small and the garden is large.';
    const parts = diffParts(before, after, 'en');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['very']);
    expect(side(parts, 'added')).toBe(before);
    expect(side(parts, 'removed')).toBe(after);
  });

  it('always rebuilds both texts (property)', () => {
    const words = fc.array(fc.constantFrom('a', 'bb', 'ccc', 'Haus', 'klein', ' ', '  ', '\n', 'é', '家'), { maxLength: 30 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(words, words, (before, after) => {
        const parts = diffParts(before, after);
        return side(parts, 'added') === before && side(parts, 'removed') === after;
      }),
      { numRuns: 200 },
    );
  });

  it('costs what the edit costs on a 5,000-word document', () => {
    const doc = Array.from({ length: 5000 }, (_, i) => `word${i % 97}`).join(' ');
    const edited = `${doc.slice(0, 20_000)} inserted${doc.slice(20_000)}`;
    const start = performance.now();
    for (let i = 0; i < 20; i++) diffParts(doc, edited, 'en');
    const perCall = (performance.now() - start) / 20;
    expect(diffParts(doc, edited, 'en').some((p) => p.kind === 'added' && p.text.includes('inserted'))).toBe(true);
    // Generous for a loaded CI machine; the full diff of the document is far slower.
    expect(perCall).toBeLessThan(16);
    expect(displayDiff).toBeTypeOf('function');
  });
});

describe('images', () => {
  it('shows only images carried by the batch', () => {
    expect(isSafeImageSource('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isSafeImageSource('attachments/case-1/xray.png')).toBe(true);
    expect(isSafeImageSource('https://example.org/x.png')).toBe(false);
    expect(isSafeImageSource('//example.org/x.png')).toBe(false);
    expect(isSafeImageSource('javascript:alert(1)')).toBe(false);
    expect(isSafeImageSource('../../etc/passwd')).toBe(false);
    expect(isSafeImageSource('file:///etc/passwd')).toBe(false);
  });
});
