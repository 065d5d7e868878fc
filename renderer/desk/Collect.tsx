import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceDecryptionKeys } from '../app/encryption-key';
import type { Platform } from '../platform';
import type { LoupeDatabase } from '../storage';
import { useDeskAction } from './actions';
import { collectResults, type CollectReport } from './collect';
import { DESK_KEYS, Keys } from './keys';

export interface CollectProps {
  db: LoupeDatabase;
  platform: Platform;
  batch: { id: string; name: string };
  announce: (text: string) => void;
  onError: (error: unknown) => void;
  onCollected: () => void;
}

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Result files in: chosen with a real file input or dropped on this box. Every drag event over the box is
 * kept from the window, whose own drop handler imports files app-wide: to it the pointer has simply left,
 * so its overlay goes away and the files are stored once, here.
 */
export function Collect({ db, platform, batch, announce, onError, onCollected }: CollectProps) {
  const { t } = useTranslation('desk');
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; name: string } | null>(null);
  const [reports, setReports] = useState<CollectReport[]>([]);

  const run = async (files: File[]) => {
    if (files.length === 0 || progress) return;
    try {
      const settings = await platform.loadSettings();
      const done = await collectResults(
        db,
        batch,
        files.map((f) => ({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) })),
        { trustedKeys: settings.trustedKeys.map((k) => k.publicKey), decryptWith: deviceDecryptionKeys(settings) },
        (n, total, name) => setProgress(n < total ? { done: n, total, name } : null),
      );
      setReports(done);
      announce(t('collect.summary', { ok: done.filter((r) => r.ok).length, total: done.length }));
      onCollected();
    } catch (error) {
      onError(error);
    } finally {
      setProgress(null);
    }
  };

  const open = () => {
    if (!progress) input.current?.click();
  };
  useDeskAction('importResults', open);

  const stop = (e: DragEvent) => {
    if (!carriesFiles(e)) return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  };

  return (
    <section className="desk-section" aria-labelledby="desk-collect">
      <h2 id="desk-collect">{t('collect.title')}</h2>
      <div
        className={over ? 'desk-drop desk-drop--over' : 'desk-drop'}
        onDragEnter={(e) => stop(e) && setOver(true)}
        onDragOver={(e) => {
          if (stop(e)) e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (stop(e) && !e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={(e) => {
          if (!stop(e)) return;
          setOver(false);
          void run(Array.from(e.dataTransfer.files));
        }}
      >
        <p className="muted">{t('collect.about')}</p>
        <p className="desk-actions">
          <button type="button" className="primary" onClick={open} aria-disabled={progress !== null || undefined} aria-keyshortcuts={DESK_KEYS.importResults.aria}>
            {t('collect.button')} <Keys keys={DESK_KEYS.importResults.label} />
          </button>
          <span className="muted">{t('collect.drop')}</span>
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept=".loupe-result"
          hidden
          data-testid="desk-results-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void run(files);
          }}
        />
      </div>
      {progress && (
        <div className="desk-progress" role="status">
          <progress value={progress.done} max={progress.total} aria-label={t('collect.progressLabel')} />
          <span>{t('collect.reading', { done: progress.done + 1, total: progress.total, name: progress.name })}</span>
        </div>
      )}
      {reports.length > 0 && (
        <ul className="desk-reports" aria-label={t('collect.reports')}>
          {reports.map((r, i) => (
            <li key={i} className={r.ok ? undefined : 'desk-problem'}>
              {r.ok
                ? r.added === 0
                  ? t('collect.already', { file: r.fileName, count: r.duplicates, name: r.reviewer.name || r.reviewer.id })
                  : r.duplicates > 0
                    ? t('collect.duplicates', { file: r.fileName, added: r.added, count: r.duplicates, name: r.reviewer.name || r.reviewer.id })
                    : t('collect.added', { file: r.fileName, count: r.added, name: r.reviewer.name || r.reviewer.id })
                : r.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
