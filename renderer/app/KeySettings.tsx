import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fingerprint, isEncryptionPublicKey, isSigningPrivateKey, isSigningPublicKey, readKeyFile } from '../../shared/batch-file';
import type { Settings, SettingsPatch, TrustedKey } from '../../shared/settings';
import { newDeviceEncryptionKey } from './encryption-key';

interface KeySettingsProps {
  settings: Settings;
  /** Key changes are kept at once, not with the dialog's Save: a key made and handed out must not be lost to Cancel. */
  onApply: (patch: SettingsPatch) => void;
}

/**
 * The coordinators' signing keys this reviewer trusts (pasted as printed, or read from a key file), each
 * with its fingerprint to compare, and this device's encryption key for batches sent encrypted.
 */
export function KeySettings({ settings, onApply }: KeySettingsProps) {
  const { t } = useTranslation('app');
  const ids = { paste: useId(), label: useId(), error: useId(), pub: useId(), pubHint: useId() };
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const keys = settings.trustedKeys;

  const add = (publicKey: string, name: string) => {
    if (keys.some((k) => k.publicKey === publicKey)) {
      setProblem(t('settings.keys.already'));
      return;
    }
    const key: TrustedKey = { publicKey, label: name.trim().slice(0, 200) || t('settings.keys.defaultLabel'), addedAt: new Date().toISOString() };
    onApply({ trustedKeys: [...keys, key] });
    setText('');
    setLabel('');
    setProblem(null);
  };

  /** Why the text is not a coordinator's public signing key, or null. */
  const keyProblem = (value: string): string | null => {
    if (isSigningPublicKey(value)) return null;
    if (isSigningPrivateKey(value) || value.startsWith('loupe-x25519-secret:')) return t('settings.keys.secret');
    if (isEncryptionPublicKey(value)) return t('settings.keys.encryptionKey');
    return t('settings.keys.invalid');
  };

  const addPasted = () => {
    const value = text.trim();
    const wrong = keyProblem(value);
    if (wrong) setProblem(wrong);
    else add(value, label);
  };

  const addFile = async (file: File) => {
    const content = (await file.text()).trim();
    // A public key saved on its own, as `loupe keygen` prints it, is taken as well as a key file.
    if (!content.startsWith('{')) {
      const wrong = keyProblem(content);
      if (wrong) setProblem(wrong);
      else add(content, label || file.name);
      return;
    }
    const read = readKeyFile(content, file.name);
    if (!read.ok) setProblem(read.message);
    else if (read.key.algorithm !== 'ed25519') setProblem(t('settings.keys.encryptionKey'));
    else add(read.key.publicKey, label || read.key.name || file.name);
  };

  const onPasteKey = (event: KeyboardEvent) => {
    // With a key typed, Enter adds it rather than submitting the settings form.
    if (event.key !== 'Enter' || !text.trim()) return;
    event.preventDefault();
    addPasted();
  };

  const own = settings.encryptionKey;
  return (
    <>
      <fieldset className="key-settings">
        <legend>{t('settings.keys.title')}</legend>
        <p className="hint">{t('settings.keys.about')}</p>
        {keys.length === 0 ? (
          <p className="muted">{t('settings.keys.none')}</p>
        ) : (
          <ul className="key-list">
            {keys.map((k) => (
              <li key={k.publicKey}>
                <span className="key-label">{k.label}</span> <code className="fingerprint">{isSigningPublicKey(k.publicKey) ? fingerprint(k.publicKey) : ''}</code>{' '}
                <button type="button" onClick={() => onApply({ trustedKeys: keys.filter((x) => x.publicKey !== k.publicKey) })} aria-label={t('settings.keys.removeNamed', { label: k.label })}>
                  {t('settings.keys.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label htmlFor={ids.paste}>{t('settings.keys.paste')}</label>
        <input
          id={ids.paste}
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder="loupe-ed25519:…"
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          onKeyDown={onPasteKey}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? ids.error : undefined}
        />
        <label htmlFor={ids.label}>{t('settings.keys.label')}</label>
        <input id={ids.label} value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} onKeyDown={onPasteKey} />
        {problem && (
          <p id={ids.error} className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="key-actions">
          <button type="button" onClick={addPasted} disabled={!text.trim()}>
            {t('settings.keys.add')}
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            {t('settings.keys.chooseFile')}
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept=".json,.key,.txt,.pub"
            data-testid="key-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void addFile(file);
            }}
          />
        </div>
      </fieldset>

      <fieldset className="key-settings">
        <legend>{t('settings.encryption.title')}</legend>
        {own ? (
          <>
            <label htmlFor={ids.pub}>{t('settings.encryption.publicKey')}</label>
            <input id={ids.pub} readOnly value={own.publicKey} spellCheck={false} aria-describedby={ids.pubHint} onFocus={(e) => e.currentTarget.select()} />
            <p id={ids.pubHint} className="hint">
              {t('settings.encryption.share', { fingerprint: isEncryptionPublicKey(own.publicKey) ? fingerprint(own.publicKey) : '' })}
            </p>
          </>
        ) : (
          <>
            <p className="hint">{t('settings.encryption.about')}</p>
            <div className="key-actions">
              <button
                type="button"
                onClick={() => onApply({ encryptionKey: newDeviceEncryptionKey() })}
              >
                {t('settings.encryption.create')}
              </button>
            </div>
          </>
        )}
      </fieldset>
    </>
  );
}
