export { ReviewScreen } from './review-screen';
export type { ReviewScreenProps } from './review-screen';
export { ShortcutSheet } from './shortcut-sheet';
export type { ShortcutSheetProps } from './shortcut-sheet';
export { reviewMessages } from './messages.en';
export { SHORTCUTS } from './shortcuts';
export type { Shortcut, ShortcutId, KeyCombo } from './shortcuts';
export { IDLE_THRESHOLD_MS, DRAFT_DEBOUNCE_MS, DRAFT_MAX_WAIT_MS } from './timing';
export { qaFieldOf, knownOverrides } from './qa';
