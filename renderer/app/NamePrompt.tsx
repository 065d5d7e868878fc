import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
/**
 * First start: asks the reviewer's name, shown with every verdict they give. It blocks nothing — a
 * newcomer can import or review at once as the provisional reviewer and name themselves later.
 */
export function NamePrompt({ onSubmit, onDismiss }: { onSubmit: (name: string) => void; onDismiss: () => void }) {
  const { t } = useTranslation('app');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const titleId = useId();
  const trimmed = name.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (trimmed) onSubmit(trimmed.slice(0, 200));
  };

  const invalid = tried && !trimmed;
  return (
    <section className="notice welcome" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('namePrompt.title')}</h2>
      <form onSubmit={submit} noValidate>
        <p id={hintId}>{t('namePrompt.why')}</p>
        <label htmlFor={inputId}>{t('namePrompt.label')}</label>
        <input
          id={inputId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="name"
          maxLength={200}
          aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
          aria-invalid={invalid || undefined}
        />
        {invalid && (
          <p id={errorId} className="field-error">
            {t('namePrompt.required')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary">
            {t('namePrompt.submit')}
          </button>
          <button type="button" onClick={onDismiss}>
            {t('namePrompt.later')}
          </button>
        </div>
      </form>
    </section>
  );
}
