import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { Combo } from './keys';
import { IMAGE_KEYS, SHORTCUTS, type KeyCombo, type Shortcut, type ShortcutId } from './shortcuts';
import { useReviewT } from './use-review-t';
import './review.css';

export interface ShortcutSheetProps {
  open: boolean;
  onClose: () => void;
}

const ORDER: readonly ShortcutId[] = ['accept', 'reject', 'flag', 'next', 'previous', 'nextUnconfirmed', 'restore', 'codes', 'candidate', 'qa', 'concordance', 'undo', 'redo', 'help', 'exit'];

const focusable = (root: HTMLElement) =>
  Array.from(root.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')).filter((el) => !el.hasAttribute('disabled'));

/**
 * Every shortcut of the review screen, in a modal dialog: Esc closes it, Tab stays inside it, and focus
 * goes back where it was. Made from the same table the screen's key handler uses, so it cannot drift.
 */
export function ShortcutSheet({ open, onClose }: ShortcutSheetProps) {
  if (!open || typeof document === 'undefined') return null;
  return createPortal(<Sheet onClose={onClose} />, document.body);
}

function Sheet({ onClose }: { onClose: () => void }) {
  const { t } = useReviewT();
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    // Focus that leaves the dialog by other means (a click behind it) is brought back.
    const onFocusIn = (e: FocusEvent) => {
      if (dialog.current && e.target instanceof Node && !dialog.current.contains(e.target)) close.current?.focus();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      if (before && before.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' || e.key === 'F1') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const items = focusable(dialog.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const scope = (c: KeyCombo) => (c.scope === 'anywhere' ? t('shortcuts.anywhere') : t('shortcuts.outsideText'));
  const keys = (s: Shortcut) => {
    const [first] = s.combos;
    const last = s.combos[s.combos.length - 1];
    if (s.numbered && first && last) {
      return (
        <span className="loupe-sheet__combo">
          <Combo combo={first} /> … <Combo combo={last} /> <span className="loupe-muted">({scope(first)})</span>
        </span>
      );
    }
    return s.combos.map((c, i) => (
      <span key={i} className="loupe-sheet__combo">
        {i > 0 && <span className="loupe-muted"> {t('shortcuts.or')} </span>}
        <Combo combo={c} /> <span className="loupe-muted">({scope(c)})</span>
      </span>
    ));
  };
  const rows = ORDER.flatMap((id) => SHORTCUTS.filter((s) => s.id === id)).map((s) => (
    <tr key={s.id}>
      <th scope="row">{t(`shortcuts.actions.${s.id}`)}</th>
      <td>{keys(s)}</td>
    </tr>
  ));

  return (
    <div className="loupe-sheet__backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="loupe-sheet" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{t('shortcuts.title')}</h2>
        <p className="loupe-muted">{t('shortcuts.intro')}</p>
        <table className="loupe-sheet__table">
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.action')}</th>
              <th scope="col">{t('shortcuts.keys')}</th>
            </tr>
          </thead>
          <tbody>
            {rows}
            <tr>
              <th scope="row">{t('shortcuts.actions.zoom')}</th>
              <td>
                <kbd>{IMAGE_KEYS.zoomIn[0]}</kbd> / <kbd>−</kbd> / <kbd>{IMAGE_KEYS.fit[0]}</kbd> <span className="loupe-muted">({t('shortcuts.onImage')})</span>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('shortcuts.actions.leaveField')}</th>
              <td>
                <Combo combo={{ key: 'Escape', scope: 'anywhere' }} /> <span className="loupe-muted">({t('shortcuts.inText')})</span>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('shortcuts.actions.typingUndo')}</th>
              <td>
                <Combo combo={{ key: 'z', mod: true, scope: 'anywhere' }} /> <span className="loupe-muted">({t('shortcuts.inText')})</span>
              </td>
            </tr>
          </tbody>
        </table>
        <div className="loupe-sheet__footer">
          <button ref={close} type="button" onClick={onClose}>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
