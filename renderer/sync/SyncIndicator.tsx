import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from './status';

/** Ctrl+Shift+S (⌘⇧S on a Mac): sync now, from anywhere. */
export const isSyncNowKey = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>) =>
  (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 's';

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What sync is doing, always the truth: off, offline, sending or receiving with progress, up to date, or
 * failing and why — with the count of changes waiting to be sent, and a button (Ctrl+Shift+S) to sync now.
 */
export function SyncIndicator({ status, onSyncNow }: { status: SyncStatus; onSyncNow: () => void }) {
  const { t, i18n } = useTranslation('sync');
  const format = new Intl.NumberFormat(i18n.language).format;
  const retryAt = status.state === 'failing' || status.state === 'offline' ? status.retryAt : null;
  const seconds = useSecondsUntil(retryAt);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSyncNowKey(event) || status.state === 'off') return;
      event.preventDefault();
      onSyncNow();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onSyncNow, status.state]);

  const headline = (() => {
    switch (status.state) {
      case 'off':
        return t('indicator.off');
      case 'offline':
        return t('indicator.offline');
      case 'syncing':
        if (status.phase === 'pushing') return t('indicator.pushing', { done: format(status.done), total: format(status.total ?? status.done) });
        return status.done > 0 ? t('indicator.pullingCount', { done: format(status.done) }) : t('indicator.pulling');
      case 'up-to-date':
        return t('indicator.upToDateAt', { time: new Date(status.at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) });
      case 'failing':
        return t('indicator.failing');
    }
  })();
  const pending = status.pending > 0 ? t('indicator.pending', { count: status.pending, formatted: format(status.pending) }) : null;

  return (
    <div className={`sync-indicator sync-${status.state}`}>
      <p role="status" className="sync-status" data-state={status.state}>
        <span className="sync-dot" aria-hidden="true" />
        <span>{headline}</span>
        {pending && <span className="sync-pending"> · {pending}</span>}
        {status.state === 'failing' && (
          <span className="sync-reason">
            {' '}
            — {status.message}
            {seconds !== null && ` ${t('indicator.retryIn', { seconds })}`}
          </span>
        )}
        {status.state === 'syncing' && status.phase === 'pushing' && status.total ? (
          <progress className="sync-progress" value={status.done} max={status.total} aria-hidden="true" />
        ) : null}
      </p>
      {status.state !== 'off' && (
        <button type="button" onClick={onSyncNow} title={t('indicator.syncNowHint')} aria-keyshortcuts="Control+Shift+S" aria-disabled={status.state === 'syncing' || undefined}>
          {t('indicator.syncNow')} <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>
        </button>
      )}
    </div>
  );
}
