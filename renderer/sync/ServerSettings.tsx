import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionSettings, needsPlainHttpConsent, ServerUrl, type ConnectionInfo } from '../../shared/sync';
import type { Platform } from '../platform';

/**
 * The sync server's address and the reviewer's token. The token is written once and never shown again:
 * the shell keeps it (the OS's secure storage in the desktop app) and says where. Plain HTTP to another
 * machine needs the reviewer's explicit consent before the token is sent.
 */
export function ServerSettings({ platform, onSaved, onError }: { platform: Platform; onSaved: (message: string) => void; onError: (error: unknown) => void }) {
  const { t } = useTranslation('sync');
  const [info, setInfo] = useState<ConnectionInfo | null>(null);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [consent, setConsent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { url: useId(), urlHint: useId(), token: useId(), tokenHint: useId(), consent: useId(), problem: useId(), storage: useId() };

  useEffect(() => {
    let live = true;
    platform.connection().then((c) => {
      if (!live) return;
      setInfo(c);
      setUrl(c.url ?? '');
      setConsent(c.allowPlainHttp);
    }, onError);
    return () => {
      live = false;
    };
  }, [platform, onError]);

  const trimmed = url.trim();
  const parsedUrl = ServerUrl.safeParse(trimmed);
  const insecure = parsedUrl.success && needsPlainHttpConsent(parsedUrl.data);

  const save = async () => {
    const request = ConnectionSettings.safeParse({ url: trimmed, ...(token.trim() ? { token } : {}), allowPlainHttp: insecure && consent });
    if (!request.success) {
      setProblem(request.error.issues[0]?.message ?? 'check the address and token');
      return;
    }
    if (!request.data.token && !(info?.hasToken && info.url === request.data.url)) {
      setProblem(t('settings.tokenHint'));
      return;
    }
    if (insecure && !consent) {
      setProblem(t('settings.plainHttpRequired'));
      return;
    }
    setProblem(null);
    try {
      const saved = await platform.saveConnection(request.data);
      setInfo(saved);
      setToken('');
      onSaved(t('settings.saved'));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const forget = async () => {
    try {
      setInfo(await platform.saveConnection(null));
      setUrl('');
      setToken('');
      setConsent(false);
      setProblem(null);
      onSaved(t('settings.forgotten'));
    } catch (error) {
      onError(error);
    }
  };

  return (
    <fieldset className="server-settings">
      <legend>{t('settings.title')}</legend>
      <p className="hint">{t('settings.about')}</p>
      <label htmlFor={ids.url}>{t('settings.url')}</label>
      <input
        id={ids.url}
        type="url"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        aria-describedby={`${ids.urlHint}${problem ? ` ${ids.problem}` : ''}`}
        aria-invalid={problem !== null || undefined}
      />
      <p id={ids.urlHint} className="hint">
        {t('settings.urlHint')}
      </p>
      <label htmlFor={ids.token}>{t('settings.token')}</label>
      <input
        id={ids.token}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        aria-describedby={`${ids.tokenHint} ${ids.storage}`}
      />
      <p id={ids.tokenHint} className="hint">
        {info?.hasToken ? t('settings.tokenSaved') : t('settings.tokenHint')}
      </p>
      {info && (
        <p id={ids.storage} className={info.storageWarning ? 'warning' : 'hint'}>
          {info.storage === 'os' ? t('settings.storage.os') : `${t(`settings.storage.${info.storage}`)}: ${info.storageWarning ?? ''}`}
        </p>
      )}
      {insecure && (
        <div className="warning" role="note">
          <p>{t('settings.plainHttp')}</p>
          <div className="checkbox-row">
            <input id={ids.consent} type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
            <label htmlFor={ids.consent}>{t('settings.plainHttpConsent')}</label>
          </div>
        </div>
      )}
      {problem && (
        <p id={ids.problem} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        {info?.url && (
          <button type="button" onClick={() => void forget()}>
            {t('settings.forget')}
          </button>
        )}
        <button type="button" onClick={() => void save()}>
          {t('settings.save')}
        </button>
      </div>
    </fieldset>
  );
}
