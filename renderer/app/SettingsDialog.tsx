import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Theme, type Settings, type SettingsPatch } from '../../shared/settings';
import { Dialog } from './Dialog';
import { KeySettings } from './KeySettings';
import { ServerSettings } from '../sync';
import type { Platform } from '../platform';

interface SettingsDialogProps {
  settings: Settings;
  onSave: (patch: SettingsPatch) => void;
  /** Saves without closing: key changes take effect at once. */
  onApply: (patch: SettingsPatch) => void;
  onClose: () => void;
  platform: Platform;
  /** The server address or token was saved or forgotten: say so, and sync. */
  onServerSaved: (message: string) => void;
  onError: (error: unknown) => void;
}

/** The reviewer's name, the theme, whether the demo batches are offered, the keys for batch files, and the sync server. */
export function SettingsDialog({ settings, onSave, onApply, onClose, platform, onServerSaved, onError }: SettingsDialogProps) {
  const { t } = useTranslation('app');
  const [name, setName] = useState(settings.reviewer?.name ?? '');
  const [theme, setTheme] = useState<Theme>(settings.theme);
  const [demo, setDemo] = useState(settings.demo);
  const ids = { name: useId(), theme: useId(), demo: useId(), demoHint: useId(), error: useId() };
  const trimmed = name.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed) return;
    const reviewer = { id: settings.reviewer?.id ?? crypto.randomUUID(), name: trimmed.slice(0, 200) };
    onSave({ reviewer, theme, demo });
  };

  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="settings-form">
        <label htmlFor={ids.name}>{t('settings.name')}</label>
        <input
          id={ids.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          aria-invalid={!trimmed || undefined}
          aria-describedby={!trimmed ? ids.error : undefined}
        />
        {!trimmed && (
          <p id={ids.error} className="field-error">
            {t('namePrompt.required')}
          </p>
        )}
        <label htmlFor={ids.theme}>{t('settings.theme')}</label>
        <select id={ids.theme} value={theme} onChange={(e) => setTheme(Theme.parse(e.target.value))}>
          {Theme.options.map((option) => (
            <option key={option} value={option}>
              {t(`settings.themes.${option}`)}
            </option>
          ))}
        </select>
        <div className="checkbox-row">
          <input id={ids.demo} type="checkbox" checked={demo} onChange={(e) => setDemo(e.target.checked)} aria-describedby={ids.demoHint} />
          <label htmlFor={ids.demo}>{t('settings.demo')}</label>
        </div>
        <p id={ids.demoHint} className="hint">
          {t('settings.demoHint')}
        </p>
        {settings.reviewer && <p className="hint">{t('settings.reviewerId', { id: settings.reviewer.id })}</p>}
        <KeySettings settings={settings} onApply={onApply} />
        <ServerSettings platform={platform} onSaved={onServerSaved} onError={onError} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('settings.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!trimmed}>
            {t('settings.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
