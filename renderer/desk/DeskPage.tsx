import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceEncryptionKey, SettingsPatch } from '../../shared/settings';
import type { Platform } from '../platform';
import type { LoupeDatabase } from '../storage';
import { DeskActionsContext, type DeskActions } from './actions';
import { Collect } from './Collect';
import { ConflictsView } from './ConflictsView';
import { deskProgress, loadDesk, type DeskData } from './desk-data';
import { deskEffort } from './desk-effort';
import { EffortView } from './EffortView';
import { Glossary } from './Glossary';
import { HandOut } from './HandOut';
import { deskKeyOf } from './keys';
import { MergedExport } from './MergedExport';
import { ProgressTable } from './ProgressTable';
import './desk.css';

export interface DeskPageProps {
  db: LoupeDatabase;
  platform: Platform;
  batchId: string;
  /** The coordinator: the local reviewer profile, who signs decisions. */
  reviewer: { id: string; name: string };
  deviceId: string;
  /**
   * This device's encryption key (settings): batches handed out ask for results encrypted to its public
   * half, and collected results are opened with its secret half. Null until one is made.
   */
  encryptionKey?: DeviceEncryptionKey | null;
  /** Changes the settings as the app does (the desk makes the encryption key through it). */
  onApplySettings?: (patch: SettingsPatch) => void;
  /** A batch was published to the sync server: sync now. */
  onPublished?: () => void;
  batchHref: string;
  batchesHref: string;
  /** Changes when data changed elsewhere (an import through the app's Import button), so the desk reloads. */
  version?: number;
  announce: (text: string) => void;
  onError: (error: unknown) => void;
}

/**
 * The coordinator's desk for one batch (docs/coordinating.md): hand it out, collect results, follow
 * progress and agreement, decide conflicts, export the merged results.
 */
export function DeskPage({ db, platform, batchId, reviewer, deviceId, encryptionKey = null, onApplySettings, onPublished, batchHref, batchesHref, version = 0, announce, onError }: DeskPageProps) {
  const { t, i18n } = useTranslation('desk');
  const [data, setData] = useState<DeskData | 'missing' | null>(null);
  const [reloads, reload] = useReducer((n: number) => n + 1, 0);
  const actions = useMemo<DeskActions>(() => new Map(), []);

  useEffect(() => {
    let live = true;
    loadDesk(db, batchId).then((loaded) => live && setData(loaded ?? 'missing'), onError);
    return () => {
      live = false;
    };
  }, [db, batchId, version, reloads, onError]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('[role="dialog"]')) return;
      const key = deskKeyOf(event);
      const action = key ? actions.get(key) : undefined;
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [actions]);

  // The sync server, if one is set, and this batch's revision on it: the hand-out offers publishing there.
  const [server, setServer] = useState<{ url: string | null; revision: number | null }>({ url: null, revision: null });
  useEffect(() => {
    let live = true;
    Promise.all([platform.connection(), db.syncBatches.get(batchId)]).then(
      ([c, link]) => live && setServer({ url: c.url !== null && c.hasToken ? c.url : null, revision: link?.revision ?? null }),
      onError,
    );
    return () => {
      live = false;
    };
  }, [db, platform, batchId, version, reloads, onError]);

  const progress = useMemo(() => (data && data !== 'missing' ? deskProgress(data) : null), [data]);
  // Once per load of the desk's data, not per render: HTER of every correction is the costly part.
  const effort = useMemo(() => (data && data !== 'missing' && progress ? deskEffort(data, progress) : null), [data, progress]);
  const changed = useCallback(() => reload(), []);

  if (data === null) return <p className="page muted">{t('loading')}</p>;
  if (data === 'missing') {
    return (
      <section className="page">
        <h1>{t('missingTitle')}</h1>
        <p>{t('missing')}</p>
        <a href={batchesHref}>{t('allBatches')}</a>
      </section>
    );
  }
  const { batch } = data;
  return (
    <DeskActionsContext.Provider value={actions}>
      <section className="page desk-page" aria-labelledby="desk-title">
        <nav aria-label={t('breadcrumb')} className="breadcrumb">
          <a href={batchesHref}>{t('allBatches')}</a> › <a href={batchHref}>{t('batchPage')}</a>
        </nav>
        <h1 id="desk-title">{t('title', { name: batch.name })}</h1>
        <p className="meta">{t('meta', { count: batch.itemCount, items: new Intl.NumberFormat(i18n.language).format(batch.itemCount), revision: batch.revision })}</p>
        <Glossary key={batch.id} db={db} data={data} announce={announce} onError={onError} />
        <HandOut
          key={`${batch.id} ${batch.revision}`}
          db={db}
          platform={platform}
          data={data}
          encryptionKey={encryptionKey}
          {...(onApplySettings ? { onApplySettings } : {})}
          announce={announce}
          onError={onError}
          onPlanSaved={changed}
          {...(onPublished ? { onPublished } : {})}
          server={server.url}
          publishedRevision={server.revision}
        />
        <Collect db={db} platform={platform} batch={batch} announce={announce} onError={onError} onCollected={changed} />
        {progress && <ProgressTable progress={progress} itemCount={batch.itemCount} />}
        {effort && <EffortView effort={effort} schema={data.schema} />}
        <ConflictsView db={db} data={data} coordinator={reviewer} deviceId={deviceId} announce={announce} onError={onError} onDecided={changed} />
        <MergedExport db={db} platform={platform} data={data} announce={announce} onError={onError} />
      </section>
    </DeskActionsContext.Provider>
  );
}
