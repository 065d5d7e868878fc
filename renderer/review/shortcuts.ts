/**
 * Every keyboard shortcut of the review screen, described once: the screen's key handler, the hints beside
 * the buttons, `aria-keyshortcuts` and the ShortcutSheet are all made from this table.
 *
 * Choices (see docs/reviewing.md): shortcuts that must work while typing carry Ctrl (⌘ on a Mac) or Alt
 * and avoid keys the browser, the OS or an input method needs (Ctrl+Shift+R reloads, Ctrl+Shift+F switches
 * Chinese input methods, Ctrl+Alt is AltGr on many keyboards, Ctrl+↓ is Mission Control on a Mac).
 * Keys without a modifier (`?`, Esc, Ctrl+Z as the app's undo) act only outside text fields, lists and
 * selects, where they would otherwise type or pick something. Function keys type nothing, so they work
 * anywhere (F1, F2, F4, F8); Alt with a letter or a digit is left alone, because on a Mac it types characters.
 */

export type ShortcutId =
  | 'accept'
  | 'reject'
  | 'flag'
  | 'next'
  | 'previous'
  | 'nextUnconfirmed'
  | 'restore'
  | 'codes'
  | 'candidate'
  | 'qa'
  | 'concordance'
  | 'undo'
  | 'redo'
  | 'help'
  | 'exit';

export interface KeyCombo {
  /** `KeyboardEvent.key`, compared without case. */
  key: string;
  /** `KeyboardEvent.code`, used when the layout gives a non-Latin `key` (Ctrl+Z on a Cyrillic layout). */
  code?: string;
  /** The physical key (`code`) decides whatever the layout types: the digit row gives "&", "é"… on AZERTY. */
  byCode?: boolean;
  /** Ctrl, or ⌘ on a Mac (either is accepted everywhere). */
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** Shift is part of typing the key (`?`), so it is not checked. */
  anyShift?: boolean;
  /** 'anywhere' also works inside text fields; 'outside-text' only where it cannot be typed. */
  scope: 'anywhere' | 'outside-text';
}

export interface Shortcut {
  id: ShortcutId;
  combos: readonly KeyCombo[];
  /** Whether holding the key down repeats the action (navigation yes, verdicts never). */
  repeats: boolean;
  /** The combos take numbered things in order (the first combo the first match…), shown as one range. */
  numbered?: boolean;
}

const digit = (n: number): KeyCombo => ({ key: String(n), code: `Digit${n}`, byCode: true, mod: true, scope: 'anywhere' });

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'accept', repeats: false, combos: [{ key: 'Enter', mod: true, scope: 'anywhere' }] },
  { id: 'reject', repeats: false, combos: [{ key: 'Backspace', mod: true, shift: true, scope: 'anywhere' }] },
  { id: 'flag', repeats: false, combos: [{ key: 'Enter', mod: true, shift: true, scope: 'anywhere' }] },
  { id: 'next', repeats: true, combos: [{ key: 'ArrowDown', alt: true, scope: 'anywhere' }] },
  { id: 'previous', repeats: true, combos: [{ key: 'ArrowUp', alt: true, scope: 'anywhere' }] },
  // CAT tools' "next unconfirmed segment". Ctrl+Shift+↓ would take ⌘⇧↓ (select to the end) from Mac text fields.
  { id: 'nextUnconfirmed', repeats: true, combos: [{ key: 'End', alt: true, scope: 'anywhere' }] },
  { id: 'restore', repeats: false, combos: [{ key: 'F2', scope: 'anywhere' }] },
  // memoQ puts tags with F9, which Firefox on Windows takes for Reader View; F8 is free in browsers.
  { id: 'codes', repeats: false, combos: [{ key: 'F8', scope: 'anywhere' }] },
  // Ctrl+1…9 take translation results in memoQ; a page may claim them from the browser's tab keys.
  { id: 'candidate', repeats: false, numbered: true, combos: [1, 2, 3, 4, 5, 6, 7, 8, 9].map(digit) },
  // Trados verifies with F8, taken here by the codes; F4 is free in browsers and types nothing.
  { id: 'qa', repeats: false, combos: [{ key: 'F4', scope: 'anywhere' }] },
  // memoQ's concordance key. Ctrl+K is the browser's search bar otherwise, which a page may claim; it types nothing.
  { id: 'concordance', repeats: false, combos: [{ key: 'k', code: 'KeyK', mod: true, scope: 'anywhere' }] },
  { id: 'undo', repeats: false, combos: [{ key: 'z', code: 'KeyZ', mod: true, scope: 'outside-text' }] },
  {
    id: 'redo',
    repeats: false,
    combos: [
      { key: 'z', code: 'KeyZ', mod: true, shift: true, scope: 'outside-text' },
      { key: 'y', code: 'KeyY', mod: true, scope: 'outside-text' },
    ],
  },
  {
    id: 'help',
    repeats: false,
    combos: [
      { key: '?', anyShift: true, scope: 'outside-text' },
      { key: 'F1', scope: 'anywhere' },
    ],
  },
  { id: 'exit', repeats: false, combos: [{ key: 'Escape', scope: 'outside-text' }] },
];

export const shortcutById = (id: ShortcutId): Shortcut => {
  const s = SHORTCUTS.find((x) => x.id === id);
  if (!s) throw new Error(`no shortcut "${id}"`);
  return s;
};

/** Keys handled by the image viewer while it has focus (listed on the sheet, not by the screen). */
export const IMAGE_KEYS = { zoomIn: ['+', '='], zoomOut: ['-'], fit: ['0'] } as const;

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const printableAscii = /^[\x20-\x7e]$/u;

export function comboMatches(e: KeyLike, c: KeyCombo): boolean {
  if ((e.ctrlKey || e.metaKey) !== Boolean(c.mod)) return false;
  if (e.altKey !== Boolean(c.alt)) return false;
  if (!c.anyShift && e.shiftKey !== Boolean(c.shift)) return false;
  if (e.key.toLowerCase() === c.key.toLowerCase()) return true;
  // A non-Latin layout reports its own letter as `key`; the physical key still says which it was.
  return c.code !== undefined && e.code === c.code && (c.byCode === true || !printableAscii.test(e.key));
}

/** Inputs in which letters, Esc and Ctrl+Z belong to the control, not to the screen. */
const TYPING_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);
const TYPING_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'spinbutton', 'option']);

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return TYPING_INPUT_TYPES.has(((el as HTMLInputElement).getAttribute('type') ?? '').toLowerCase());
  if (el.isContentEditable) return true;
  const role = el.getAttribute('role');
  return role !== null && TYPING_ROLES.has(role);
}

/** The shortcut an event triggers, if any. */
export function shortcutFor(e: KeyLike & { target: EventTarget | null }): Shortcut | undefined {
  const typing = isTypingTarget(e.target);
  return SHORTCUTS.find((s) => s.combos.some((c) => (c.scope === 'anywhere' || !typing) && comboMatches(e, c)));
}

/** Which of a shortcut's combos an event is (the match a numbered shortcut takes, from 0). */
export function comboIndex(e: KeyLike, s: Shortcut): number {
  return s.combos.findIndex((c) => comboMatches(e, c));
}

export function isMacLike(): boolean {
  if (typeof navigator === 'undefined') return false;
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const platform = nav.userAgentData?.platform ?? nav.platform ?? '';
  return /mac|iphone|ipad|ipod/iu.test(platform);
}

/**
 * Key names for `aria-keyshortcuts` (a Ctrl combination is offered as Control and as Meta); `only` names one
 * combo, for the button of one numbered thing.
 */
export function ariaKeyShortcuts(s: Shortcut, only?: number): string {
  const out: string[] = [];
  for (const c of only === undefined ? s.combos : s.combos.slice(only, only + 1)) {
    const key = c.key.length === 1 ? c.key.toUpperCase() : c.key;
    const rest = [...(c.alt ? ['Alt'] : []), ...(c.shift ? ['Shift'] : []), key];
    if (c.mod) {
      out.push(['Control', ...rest].join('+'), ['Meta', ...rest].join('+'));
    } else {
      out.push(rest.join('+'));
    }
  }
  return out.join(' ');
}

/** Names of keys as shown to people; the words among them are translated by the caller. */
export type KeyWord = 'ctrl' | 'shift' | 'alt' | 'enter' | 'backspace' | 'escape' | 'end';

export function comboParts(c: KeyCombo, mac: boolean): Array<{ word: KeyWord } | { symbol: string }> {
  const parts: Array<{ word: KeyWord } | { symbol: string }> = [];
  if (c.mod) parts.push(mac ? { symbol: '⌘' } : { word: 'ctrl' });
  if (c.alt) parts.push(mac ? { symbol: '⌥' } : { word: 'alt' });
  if (c.shift) parts.push(mac ? { symbol: '⇧' } : { word: 'shift' });
  switch (c.key) {
    case 'Enter':
      parts.push(mac ? { symbol: '↩' } : { word: 'enter' });
      break;
    case 'Backspace':
      parts.push(mac ? { symbol: '⌫' } : { word: 'backspace' });
      break;
    case 'Escape':
      parts.push({ word: 'escape' });
      break;
    case 'End':
      parts.push({ word: 'end' });
      break;
    case 'ArrowDown':
      parts.push({ symbol: '↓' });
      break;
    case 'ArrowUp':
      parts.push({ symbol: '↑' });
      break;
    default:
      parts.push({ symbol: c.key.length === 1 ? c.key.toUpperCase() : c.key });
  }
  return parts;
}
