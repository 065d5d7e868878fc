import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachGlossary, loadGlossary, removeGlossary, type LoupeDatabase, type StoredGlossary } from '../storage';
import { useDeskAction } from './actions';
import type { DeskData } from './desk-data';
import { DESK_KEYS, Keys } from './keys';

export interface GlossaryProps {
  db: LoupeDatabase;
  data: DeskData;
  announce: (text: string) => void;
  onError: (error: unknown) => void;
}

/**
 * The batch's glossary (docs/coordinating.md): attached from a tab-separated or CSV file, kept as the batch's
 * attachment `glossary/<file name>`, so that every `.loupe` handed out carries it to the reviewers' QA checks.
 * A file that cannot be read is refused whole, each problem with its line and what to do.
 */
export function Glossary({ db, data, announce, onError }: GlossaryProps) {
  const { t } = useTranslation('desk');
  const { batch } = data;
  const input = useRef<HTMLInputElement>(null);
  const [stored, setStored] = useState<StoredGlossary | null>(null);
  const [refused, setRefused] = useState<{ name: string; messages: string[] } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    loadGlossary(db, batch.id).then((g) => live && setStored(g), onError);
    return () => {
      live = false;
    };
  }, [db, batch.id, onError]);

  const attach = async (file: File) => {
    setBusy(true);
    try {
      const read = await attachGlossary(db, batch.id, file.name, new Uint8Array(await file.arrayBuffer()));
      if (!read.ok) {
        // Said by the alert below, which also lists every problem.
        setRefused({ name: file.name, messages: read.errors.map((e) => e.message) });
        return;
      }
      setRefused(null);
      setStored(await loadGlossary(db, batch.id));
      announce(t('glossary.attached', { name: read.glossary.name, count: read.glossary.entries.length }));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    try {
      await removeGlossary(db, batch.id);
      setStored(null);
      setRefused(null);
      announce(t('glossary.removed'));
    } catch (error) {
      onError(error);
    }
  };

  const open = () => {
    if (!busy) input.current?.click();
  };
  useDeskAction('glossary', open);
  const handedOut = data.plan?.revision === batch.revision;

  return (
    <section className="desk-section" aria-labelledby="desk-glossary">
      <h2 id="desk-glossary">{t('glossary.title')}</h2>
      <p className="muted">{t('glossary.about')}</p>
      {!stored ? (
        <p>{t('glossary.none')}</p>
      ) : stored.read.ok ? (
        <p>{t('glossary.current', { name: stored.fileName, count: stored.read.glossary.entries.length })}</p>
      ) : (
        <div className="desk-problem">
          <p>{t('glossary.broken', { name: stored.fileName })}</p>
          <ul>
            {stored.read.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {handedOut && <p className="muted">{t('glossary.handedOut')}</p>}
      <p className="desk-actions">
        <button type="button" className="primary" onClick={open} aria-disabled={busy || undefined} aria-keyshortcuts={DESK_KEYS.glossary.aria}>
          {stored ? t('glossary.replace') : t('glossary.attach')} <Keys keys={DESK_KEYS.glossary.label} />
        </button>
        {stored && (
          <button type="button" onClick={() => void remove()}>
            {t('glossary.remove')}
          </button>
        )}
      </p>
      <input
        ref={input}
        type="file"
        accept=".tsv,.tab,.txt,.utf8,.csv,text/tab-separated-values,text/csv,text/plain"
        hidden
        data-testid="desk-glossary-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void attach(file);
        }}
      />
      {refused && (
        <div className="desk-problem" role="alert">
          <p>{t('glossary.refused', { name: refused.name, count: refused.messages.length })}</p>
          <ul>
            {refused.messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
