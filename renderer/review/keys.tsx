import { Fragment, useMemo } from 'react';
import { comboParts, isMacLike, shortcutById, type KeyCombo, type ShortcutId } from './shortcuts';
import { useReviewT } from './use-review-t';

export function useIsMac(): boolean {
  return useMemo(isMacLike, []);
}

/** One key combination as keycaps, e.g. Ctrl + Enter. */
export function Combo({ combo }: { combo: KeyCombo }) {
  const { t } = useReviewT();
  const mac = useIsMac();
  const parts = comboParts(combo, mac);
  return (
    <span className="loupe-combo">
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && !mac && <span className="loupe-combo__plus">+</span>}
          <kbd>{'word' in p ? t(`keys.${p.word}`) : p.symbol}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/**
 * The visible hint of a button's shortcut. Hidden from assistive technology: the button carries
 * `aria-keyshortcuts`, and its accessible name stays exactly its word ("Accept"). `index` picks a combo of a
 * numbered shortcut (Ctrl+2 for the second match).
 */
export function KeyHint({ id, index = 0 }: { id: ShortcutId; index?: number }) {
  const combo = shortcutById(id).combos[index];
  if (!combo) return null;
  return (
    <span className="loupe-hint" aria-hidden="true">
      <Combo combo={combo} />
    </span>
  );
}
