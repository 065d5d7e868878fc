/**
 * The review screen's timing constants, in one place so that docs/reviewing.md and the tests can name them.
 */

/**
 * Active time stops counting this long after the reviewer's last key press, click, scroll or wheel turn
 * (and at once when the window is hidden or loses focus). Sixty seconds covers reading a long segment or
 * looking at an image without touching anything, and stops a screen left open over lunch from counting.
 */
export const IDLE_THRESHOLD_MS = 60_000;

/** A draft is written this long after the last keystroke… */
export const DRAFT_DEBOUNCE_MS = 250;

/**
 * …but never later than this after the first unsaved keystroke, so that a reviewer who types without a
 * pause still has every keystroke in IndexedDB within 500 ms (BRIEF 4), the write itself included.
 */
export const DRAFT_MAX_WAIT_MS = 400;

/** A `label` field with more options than this gets a searchable combobox instead of a plain <select>. */
export const SEARCHABLE_OPTION_THRESHOLD = 25;

/** A searchable list shows at most this many matches at a time; typing narrows it. */
export const SEARCH_RESULT_LIMIT = 50;
