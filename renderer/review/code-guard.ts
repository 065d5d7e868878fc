import { atomAround, atomEndingAt, atomStartingAt, ESCAPED_OPEN, OPEN, snap, widen, type CodeTable, type Towards } from './inline-codes';

type TextControl = HTMLTextAreaElement | HTMLInputElement;

/** Set while `replaceText` edits, so that an edit of the guard's own is not guarded again. */
let replacing = false;

/**
 * Replaces [start, end) of a text control with `text` as if typed: through the browser's editing command where
 * there is one, so the field's own undo (Ctrl+Z) takes it back, else directly; either way an `input` event
 * tells the app.
 */
export function replaceText(el: TextControl, start: number, end: number, text: string): void {
  if (el.ownerDocument.activeElement !== el) el.focus({ preventScroll: true });
  el.setSelectionRange(start, end);
  replacing = true;
  try {
    const doc = el.ownerDocument as Document & { execCommand?: Document['execCommand'] };
    if (typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text)) return;
  } finally {
    replacing = false;
  }
  el.setRangeText(text, start, end, 'end');
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Deleting a character or a word: next to a code, the code is that character or word. */
const BACKWARD = new Set(['deleteContentBackward', 'deleteWordBackward']);
const FORWARD = new Set(['deleteContentForward', 'deleteWordForward']);
/** Edits whose text is known and that replace the selection. */
const INSERTS = new Set(['insertText', 'insertFromPaste', 'insertLineBreak', 'insertParagraph', 'insertFromYank']);

/** An edit whose range the browser does not tell (a word deleted, a drop, a spelling fix): checked once made. */
interface Pending {
  before: string;
  /** Where the edit began: the changed stretch starts there at the latest (`undefined`: anywhere). */
  from: number | undefined;
}

/**
 * What a text made from `before` by one edit should be so that no atom is cut: a stretch that reached into an
 * atom takes it whole, and text put inside one goes after it. `null` when the edit cut nothing.
 */
export function mend(codes: CodeTable, before: string, after: string, from: number | undefined): { text: string; caret: number } | null {
  if (before === after) return null;
  const most = Math.min(before.length, after.length, from ?? Infinity);
  let head = 0;
  while (head < most && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const end = before.length - tail;
  const inserted = after.slice(head, after.length - tail);
  let [start, stop] = head === end ? [head, end] : widen(before, codes, head, end);
  if (head === end) {
    const inside = atomAround(before, codes, head);
    if (inside) start = stop = inside.end;
  }
  if (start === head && stop === end) return null;
  return { text: before.slice(0, start) + inserted + before.slice(stop), caret: start + inserted.length };
}

/**
 * Keeps the inline codes of an uncontrolled text control whole (docs/reviewing.md): the caret and the selection
 * snap to a code's edges, typing and pasting land beside a code and never in it, Backspace and Delete next to a
 * code remove it whole, and a typed "⟨" stays a character (`⟨⟨`). Edits the browser does not describe (a word
 * deleted, text dropped, an input method's composition) are checked once made and mended if they cut a code.
 * Every check reads a few characters around the caret, so a keystroke costs the same in any length of text.
 * Returns a function that removes the guard.
 */
export function guardCodes(el: TextControl, codes: CodeTable): () => void {
  const doc = el.ownerDocument;
  /** Where the moving end of the selection (the caret) was last: a key moves it from there. */
  let lastFocus = el.selectionStart ?? 0;
  let pointer = false;
  let pending: Pending | null = null;
  let composition: Pending | null = null;

  const selection = () => ({ start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 });
  const focusOf = ({ start, end }: { start: number; end: number }) => (el.selectionDirection === 'backward' ? start : end);

  const applyMend = (p: Pending, announce: boolean) => {
    const fixed = mend(codes, p.before, el.value, p.from);
    if (!fixed) return;
    // Not through `value`: React would take the mended text for one it has already seen, and miss the edit.
    el.setRangeText(fixed.text, 0, el.value.length);
    el.setSelectionRange(fixed.caret, fixed.caret);
    // During an `input` event the app reads the mended value next; after one, it is told again.
    if (announce) el.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const onBeforeInput = (e: InputEvent) => {
    if (replacing || e.isComposing || composition) return;
    const type = e.inputType;
    if (type === 'historyUndo' || type === 'historyRedo') return;
    const value = el.value;
    const { start, end } = selection();
    if (INSERTS.has(type)) {
      const data = type === 'insertLineBreak' || type === 'insertParagraph' ? '\n' : (e.data ?? e.dataTransfer?.getData('text/plain') ?? null);
      if (data === null) {
        pending = { before: value, from: start };
        return;
      }
      // Typed, "⟨" is a character; pasted text keeps its placeholders, so codes copied from the source come along.
      const text = type === 'insertText' ? data.replaceAll(OPEN, ESCAPED_OPEN) : data;
      const [a, b] = start === end ? [snap(value, codes, start), snap(value, codes, start)] : widen(value, codes, start, end);
      if (a === start && b === end && text === data) return;
      e.preventDefault();
      replaceText(el, a, b, text);
      return;
    }
    const backward = BACKWARD.has(type);
    if (start === end && (backward || FORWARD.has(type))) {
      const atom = (backward ? atomEndingAt(value, codes, start) : atomStartingAt(value, codes, start)) ?? atomAround(value, codes, start);
      if (atom) {
        e.preventDefault();
        replaceText(el, atom.start, atom.end, '');
      } else if (type === 'deleteWordBackward' || type === 'deleteWordForward') {
        // How far the browser takes a word is known only afterwards.
        pending = { before: value, from: start };
      }
      return;
    }
    if (start === end && type.startsWith('delete')) {
      // A line (⌘⌫ on a Mac): the browser takes it, and a code it cuts is mended.
      pending = { before: value, from: start };
      return;
    }
    if (start !== end && type.startsWith('delete')) {
      const [a, b] = widen(value, codes, start, end);
      if (a === start && b === end) return;
      e.preventDefault();
      replaceText(el, a, b, '');
      return;
    }
    pending = { before: value, from: undefined };
  };

  const onInput = () => {
    const p = pending;
    pending = null;
    if (p && !composition) applyMend(p, false);
    lastFocus = focusOf(selection());
  };

  // The caret never rests inside a code. Moved in by a key from the code's edge, it goes on across the code in
  // the direction it went; put there any other way (a click, a program), it goes to the nearer edge, as typing
  // there would. A selection that cuts a code takes it whole, except that the end a key moves goes on across,
  // so that a selection can also shrink past a code.
  const settle = (byPointer: boolean) => {
    if (doc.activeElement !== el || composition) return;
    const value = el.value;
    const { start, end } = selection();
    const moved = (pos: number, otherwise: Towards): number => {
      const atom = atomAround(value, codes, pos);
      if (!atom) return pos;
      const byKey = !byPointer && lastFocus >= atom.start && lastFocus <= atom.end && lastFocus !== pos;
      return snap(value, codes, pos, byKey ? (pos > lastFocus ? 'end' : 'start') : otherwise);
    };
    let a: number;
    let b: number;
    if (start === end) a = b = moved(start, 'nearest');
    else if (el.selectionDirection === 'backward') [a, b] = [moved(start, 'start'), snap(value, codes, end, 'end')];
    else [a, b] = [snap(value, codes, start, 'start'), moved(end, 'end')];
    if (b < a) b = a;
    const direction = el.selectionDirection ?? 'none';
    lastFocus = direction === 'backward' ? a : b;
    if (a !== start || b !== end) el.setSelectionRange(a, b, direction);
  };
  // In left-to-right text an arrow key crosses a code in one step, decided on the key itself: guessing the
  // direction afterwards from where the caret landed misreads a key whose selection change came late.
  // Right-to-left text moves visually through mixed runs, so there the landing is settled as before.
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || e.altKey || e.ctrlKey || e.metaKey || composition) return;
    if (doc.defaultView?.getComputedStyle(el).direction !== 'ltr') return;
    const { start, end } = selection();
    const backwardSelection = el.selectionDirection === 'backward';
    // Without Shift a selection collapses where the browser puts it; only a caret is moved here.
    if (!e.shiftKey && start !== end) return;
    const focus = e.shiftKey && backwardSelection ? start : end;
    const forward = e.key === 'ArrowRight';
    const atom = forward ? atomStartingAt(el.value, codes, focus) : atomEndingAt(el.value, codes, focus);
    if (!atom) return;
    e.preventDefault();
    const to = forward ? atom.end : atom.start;
    const anchor = backwardSelection ? end : start;
    if (!e.shiftKey) el.setSelectionRange(to, to);
    else if (to >= anchor) el.setSelectionRange(anchor, to, 'forward');
    else el.setSelectionRange(to, anchor, 'backward');
    lastFocus = to;
  };

  // While a button is down the selection is the pointer's: moving it under a drag would restart the drag.
  const onSelection = () => {
    if (!pointer) settle(false);
  };

  const onPointerDown = () => {
    pointer = true;
  };
  // The selection a click or a drag made is settled once the button is up, as one the pointer put there.
  const onPointerUp = () => {
    if (!pointer) return;
    pointer = false;
    settle(true);
  };

  // Copying or cutting part of a code copies all of it.
  const onClipboard = () => {
    const { start, end } = selection();
    if (start === end) return;
    const [a, b] = widen(el.value, codes, start, end);
    if (a !== start || b !== end) el.setSelectionRange(a, b, el.selectionDirection ?? 'none');
  };

  // An input method composes where the caret is; it is moved out of a code first, and the result checked after.
  const onCompositionStart = () => {
    const value = el.value;
    const { start, end } = selection();
    const [a, b] = start === end ? [snap(value, codes, start), snap(value, codes, start)] : widen(value, codes, start, end);
    if (a !== start || b !== end) el.setSelectionRange(a, b);
    // Where the text lands shows only at the end (the browser may keep the old caret), so it is not assumed.
    composition = { before: value, from: undefined };
  };
  const onCompositionEnd = () => {
    const c = composition;
    composition = null;
    if (c) applyMend(c, true);
    lastFocus = focusOf(selection());
  };

  const off: Array<() => void> = [];
  const host: HTMLElement = el;
  const on = <K extends keyof HTMLElementEventMap>(type: K, listener: (e: HTMLElementEventMap[K]) => void) => {
    host.addEventListener(type, listener);
    off.push(() => host.removeEventListener(type, listener));
  };
  on('keydown', onKeyDown);
  on('beforeinput', onBeforeInput);
  on('input', onInput);
  on('select', onSelection);
  on('pointerdown', onPointerDown);
  on('copy', onClipboard);
  on('cut', onClipboard);
  on('compositionstart', onCompositionStart);
  on('compositionend', onCompositionEnd);
  // On the document: a drag that began in the text box may end anywhere.
  doc.addEventListener('pointerup', onPointerUp);
  doc.addEventListener('selectionchange', onSelection);
  off.push(() => {
    doc.removeEventListener('pointerup', onPointerUp);
    doc.removeEventListener('selectionchange', onSelection);
  });
  return () => {
    for (const remove of off) remove();
  };
}
