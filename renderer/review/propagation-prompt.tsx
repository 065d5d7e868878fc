import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { Combo } from './keys';
import { useReviewT } from './use-review-t';

export interface PropagationPromptProps {
  count: number;
  onAnswer: (apply: boolean) => void;
}

/**
 * "Apply to N identical segments?" after a confirmation: Apply has the focus, so Enter applies; Esc (or Don't
 * apply) declines. In the page, as a dialog the screen's shortcuts leave alone.
 */
export function PropagationPrompt({ count, onAnswer }: PropagationPromptProps) {
  const { t } = useReviewT();
  const id = useId();
  const apply = useRef<HTMLButtonElement>(null);
  useEffect(() => apply.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onAnswer(false);
  };
  return (
    <div className="loupe-panel loupe-propagation" role="dialog" aria-labelledby={`${id}-question`} aria-describedby={`${id}-about`} onKeyDown={onKeyDown}>
      <h2 id={`${id}-question`}>{t('propagation.question', { count })}</h2>
      <p id={`${id}-about`} className="loupe-muted">
        {t('propagation.about')}
      </p>
      <p className="loupe-qa__buttons">
        <button ref={apply} type="button" className="loupe-button is-primary" onClick={() => onAnswer(true)}>
          {t('propagation.apply')}
          <span className="loupe-hint" aria-hidden="true">
            <Combo combo={{ key: 'Enter', scope: 'anywhere' }} />
          </span>
        </button>
        <button type="button" className="loupe-button" onClick={() => onAnswer(false)}>
          {t('propagation.decline')}
          <span className="loupe-hint" aria-hidden="true">
            <Combo combo={{ key: 'Escape', scope: 'anywhere' }} />
          </span>
        </button>
      </p>
    </div>
  );
}
