import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RefusalList } from './RefusalList';
import type { Plan } from './replacements';

export interface ReplaceConfirmProps {
  plan: Plan;
  find: string;
  replacement: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before replacing in many segments, saying how many change, how each is recorded, and which are left
 * out and why. Cancel has the focus first, so a stray Enter changes nothing; Esc cancels; Tab stays inside.
 */
export function ReplaceConfirm({ plan, find, replacement, onConfirm, onCancel }: ReplaceConfirmProps) {
  const { t, i18n } = useTranslation('queue');
  const ids = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const number = new Intl.NumberFormat(i18n.language).format;
  const n = plan.changes.length;
  const verdicts = plan.changes.filter((c) => c.verdict).length;
  const edits = n - verdicts;

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancel.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Tab' && dialog.current) {
      const buttons = [...dialog.current.querySelectorAll<HTMLElement>('button')];
      const [first, last] = [buttons[0], buttons[buttons.length - 1]];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
    // The panel's own keys (Ctrl+Enter…) must not act behind the dialog.
    e.stopPropagation();
  };

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="dialog replace-confirm" role="alertdialog" aria-modal="true" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-what`} onKeyDown={onKeyDown}>
        <h2 id={`${ids}-title`}>{t('replace.confirmTitle', { count: n, n: number(n) })}</h2>
        <p id={`${ids}-what`}>
          {t('replace.confirmWhat', { find, replacement, matches: number(plan.matches) })}
          {verdicts > 0 && ` ${t('replace.confirmVerdicts', { count: verdicts, n: number(verdicts) })}`}
          {edits > 0 && ` ${t('replace.confirmEdits', { count: edits, n: number(edits) })}`}
        </p>
        {plan.refused.length > 0 && (
          <>
            <p>{t('replace.confirmLeftOut', { count: plan.refused.length, n: number(plan.refused.length) })}</p>
            <RefusalList refused={plan.refused} />
          </>
        )}
        <p className="muted">{t('replace.confirmUndo')}</p>
        <div className="dialog-actions">
          <button ref={cancel} type="button" onClick={onCancel}>
            {t('replace.cancel')}
          </button>
          <button type="button" className="primary" onClick={onConfirm}>
            {t('replace.confirm', { count: n, n: number(n) })}
          </button>
        </div>
      </div>
    </div>
  );
}
