import { Fragment } from 'react';

/**
 * The desk's shortcuts. Page actions take Alt and a letter, matched by the key's position (`code`) so
 * they work on every layout (Alt+letter types a character on a Mac). Conflict keys act only while focus
 * is in the conflicts view; digits and R only outside text fields, where they would be typed.
 */
export const DESK_KEYS = {
  addReviewer: { code: 'KeyA', label: ['Alt', 'A'], aria: 'Alt+A' },
  sign: { code: 'KeyK', label: ['Alt', 'K'], aria: 'Alt+K' },
  exportFiles: { code: 'KeyE', label: ['Alt', 'E'], aria: 'Alt+E' },
  exportWhole: { code: 'KeyW', label: ['Alt', 'W'], aria: 'Alt+W' },
  importResults: { code: 'KeyI', label: ['Alt', 'I'], aria: 'Alt+I' },
  mergedJsonl: { code: 'KeyJ', label: ['Alt', 'J'], aria: 'Alt+J' },
  mergedCsv: { code: 'KeyC', label: ['Alt', 'C'], aria: 'Alt+C' },
  conflictsFile: { code: 'KeyX', label: ['Alt', 'X'], aria: 'Alt+X' },
  mergedXliff: { code: 'KeyL', label: ['Alt', 'L'], aria: 'Alt+L' },
  publish: { code: 'KeyP', label: ['Alt', 'P'], aria: 'Alt+P' },
  glossary: { code: 'KeyG', label: ['Alt', 'G'], aria: 'Alt+G' },
} as const;

export type DeskKey = keyof typeof DESK_KEYS;

/** Which page action an Alt+letter press asks for, if any. */
export function deskKeyOf(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): DeskKey | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  for (const [id, k] of Object.entries(DESK_KEYS)) if (k.code === event.code) return id as DeskKey;
  return null;
}

export const isTextTarget = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('input:not([type=checkbox]):not([type=radio]):not([type=file]), textarea, select, [contenteditable="true"]') !== null;

/** Keys shown beside an action; hidden from screen readers, which get `aria-keyshortcuts` instead. */
export function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <span className="desk-keys" aria-hidden="true">
      {keys.map((k, i) => (
        <Fragment key={i}>
          {i > 0 && '+'}
          <kbd>{k}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
