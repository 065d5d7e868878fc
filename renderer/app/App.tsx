import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Batch } from '../../shared/domain';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { demoSources } from '../demo';
import { ExportMenu } from '../export';
import {
  DropOverlay,
  ImportButton,
  ImportPanel,
  reportSentence,
  seedDemoBatches,
  useFileDrop,
  useImporter,
  type BatchFileKeys,
  type FileReport,
  type TrustAnswer,
  type TrustQuestion,
} from '../import';
import type { Platform } from '../platform';
import { BatchList, BatchPage, reviewStart } from '../queue';
import { DeskPage } from '../desk';
import { syncedBatches, type LoupeDatabase, type SyncedBatch } from '../storage';
import { SyncIndicator, useSyncEngine } from '../sync';
import { LiveRegion, useAnnouncer } from './announcer';
import { deviceDecryptionKeys } from './encryption-key';
import { NamePrompt } from './NamePrompt';
import { routeHref, useRoute } from './route';
import { SettingsDialog } from './SettingsDialog';
import { errorMessage, prepareSettings } from './startup';
import type { Switches } from './switches';
import { TrustDialog } from './TrustDialog';

export interface AppProps {
  platform: Platform;
  db: LoupeDatabase;
  i18n: I18n;
  switches?: Switches;
}

/** Loupe's renderer: the same app in the desktop window and the browser tab; `platform` is the difference. */
export function App({ i18n, ...props }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <Shell {...props} />
    </I18nextProvider>
  );
}

const RECENT_LIMIT = 20;
const batchHref = (batchId: string) => routeHref({ page: 'batch', batchId });

function Shell({ platform, db, switches = {} }: Omit<AppProps, 'i18n'>) {
  const { t, i18n } = useTranslation('app');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [storageAtRisk, setStorageAtRisk] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [askName, setAskName] = useState(false);
  const [trustAsk, setTrustAsk] = useState<{ question: TrustQuestion; answer: (a: TrustAnswer) => void } | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const [dataVersion, dataChanged] = useReducer((n: number) => n + 1, 0);
  const { message, announce } = useAnnouncer();
  const [route, navigate] = useRoute();

  const reportError = useCallback((error: unknown) => {
    console.error(error);
    setErrors((list) => [...list, errorMessage(error)]);
  }, []);

  const updateSettings = useCallback(
    (patch: SettingsPatch) => {
      platform.saveSettings(patch).then(setSettings, reportError);
    },
    [platform, reportError],
  );

  // Start: settings first (they say who reviews), and a request that the browser never evicts our data.
  useEffect(() => {
    let live = true;
    prepareSettings(platform, switches).then(({ settings: s, firstStart }) => {
      if (!live) return;
      setSettings(s);
      setAskName(firstStart);
    }, reportError);
    platform.persistStorage().then(
      (kept) => live && setStorageAtRisk(!kept),
      () => live && setStorageAtRisk(true),
    );
    return () => {
      live = false;
    };
    // The switches are read once, at start: they are not a dependency.
  }, [platform, reportError]);

  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  const wantDemo = settings !== null && settings.demo && switches.demo !== false;
  useEffect(() => {
    if (!wantDemo) return;
    seedDemoBatches(db, demoSources).then((reports) => {
      if (!reports) return;
      const failed = reports.filter((r) => r.outcome === 'failed');
      for (const r of failed) if (r.outcome === 'failed') reportError(r.errors.map((e) => e.message).join('\n'));
      dataChanged();
      if (failed.length < reports.length) announce(t('demoReady'));
    }, reportError);
  }, [db, wantDemo, announce, reportError, t]);

  const profile = settings?.reviewer ?? null;
  const sync = useSyncEngine(db, platform, dataChanged);
  // A batch that travels through the sync server is worked on as the identity the server knows (the
  // token's reviewer id), so that what is pushed is the reviewer's own; every other batch as the profile.
  const [links, setLinks] = useState<Map<string, SyncedBatch>>(new Map());
  useEffect(() => {
    let live = true;
    syncedBatches(db).then((found) => live && setLinks(found), reportError);
    return () => {
      live = false;
    };
  }, [db, dataVersion, reportError]);
  const currentBatch = route.page === 'batches' ? null : route.batchId;
  const linked = currentBatch ? links.get(currentBatch) : undefined;
  const reviewer = profile && linked ? linked.reviewer : profile;
  const reviewerIdFor = useCallback((batchId: string) => links.get(batchId)?.reviewer.id ?? profile?.id ?? '', [links, profile]);
  const syncNow = useCallback(() => void sync.engine.syncNow(), [sync.engine]);

  const onImported = useCallback(
    (reports: FileReport[]) => {
      dataChanged();
      const format = new Intl.NumberFormat(i18n.language).format;
      const importT = i18n.getFixedT(i18n.language, 'import');
      announce(t('imported', { summary: reports.map((r) => reportSentence(importT, r, format)).join(' ') }));
      const opened = reports.flatMap((r) => (r.outcome === 'imported' || r.outcome === 'unchanged' || r.outcome === 'batch-file' ? [r] : []));
      // One batch: straight to reviewing it, so the Correction box is there at once. Several: the list.
      // A new revision opens on its queue, where what changed since the reviewer's work is shown.
      if (opened.length === 1 && opened[0]!.outcome === 'batch-file' && opened[0]!.status === 'updated') {
        navigate({ page: 'batch', batchId: opened[0]!.batch.id });
      } else if (opened.length === 1 && reviewer) {
        const { batch } = opened[0]!;
        reviewStart(db, batch.id, reviewer.id).then(
          (itemId) => navigate(itemId ? { page: 'item', batchId: batch.id, itemId } : { page: 'batch', batchId: batch.id }),
          reportError,
        );
      } else if (opened.length > 1) {
        navigate({ page: 'batches' });
      }
    },
    [db, reviewer, navigate, announce, reportError, t, i18n],
  );
  // Asks through the trust dialog; trusting a key keeps it in the settings before the batch is stored.
  const batchFileKeys = useCallback((): BatchFileKeys => {
    const current = settingsRef.current;
    return {
      trustedKeys: current?.trustedKeys.map((k) => k.publicKey) ?? [],
      decryptWith: deviceDecryptionKeys(current),
      confirm: (question) =>
        new Promise<TrustAnswer>((resolve) => {
          setTrustAsk({
            question,
            answer: (answer) => {
              setTrustAsk(null);
              if (answer !== 'trust' || !question.signer) {
                resolve(answer);
                return;
              }
              const key = { publicKey: question.signer.publicKey, label: t('trust.label', { name: question.batchName }), addedAt: new Date().toISOString() };
              platform
                .loadSettings()
                .then((s) => platform.saveSettings({ trustedKeys: [...s.trustedKeys.filter((k) => k.publicKey !== key.publicKey), key] }))
                .then(setSettings)
                .catch(reportError)
                .finally(() => resolve('trust'));
            },
          });
        }),
    };
  }, [platform, reportError, t]);
  const importer = useImporter(db, onImported, reportError, batchFileKeys);
  const dragging = useFileDrop(importer.run);

  // Where files opened from the desktop came from, by name, so that the batch they hold can be listed
  // under File → Open Recent with its path.
  const openedPaths = useRef(new Map<string, string>());
  const onBatchOpened = useCallback(
    (batch: Batch) => {
      platform
        .loadSettings()
        .then((current) => {
          const before = current.recentBatches.find((r) => r.batchId === batch.id);
          const path = before?.path ?? (batch.source.format === 'loupe' ? openedPaths.current.get(batch.source.fileName) : undefined);
          const entry = { batchId: batch.id, name: batch.name, openedAt: new Date().toISOString(), ...(path ? { path } : {}) };
          const recent = [entry, ...current.recentBatches.filter((r) => r.batchId !== batch.id)];
          return platform.saveSettings({ recentBatches: recent.slice(0, RECENT_LIMIT) });
        })
        .then(setSettings, reportError);
    },
    [platform, reportError],
  );

  // Files the operating system asks the app to open take the same path as a dropped file.
  const runImport = importer.run;
  useEffect(
    () =>
      platform.onOpenFile(
        (file) => {
          if (file.path) openedPaths.current.set(file.name, file.path);
          runImport([{ name: file.name, arrayBuffer: async () => file.bytes.slice().buffer }]);
        },
        (failure) => reportError(failure.message),
      ),
    [platform, runImport, reportError],
  );

  const exportTarget = useMemo(() => {
    const recent = settings?.recentBatches ?? [];
    const current = route.page === 'batches' ? undefined : recent.find((r) => r.batchId === route.batchId);
    const chosen = current ?? (route.page === 'batches' ? recent[0] : undefined);
    return chosen ? { batchId: chosen.batchId, name: chosen.name } : undefined;
  }, [settings, route]);

  if (!settings) {
    return (
      <div className="app">
        <p className="page muted">{t('loading')}</p>
        {errors.length > 0 && <ErrorAlert errors={errors} onDismiss={() => setErrors([])} />}
      </div>
    );
  }

  return (
    <div className="app">
      <div className="app-frame" inert={settingsOpen || trustAsk !== null}>
        {/* The hash holds the route, so the skip link moves focus itself instead of following "#main". */}
        <a
          className="skip-link"
          href="#main"
          onClick={(e) => {
            e.preventDefault();
            document.getElementById('main')?.focus();
          }}
        >
          {t('skip')}
        </a>
        <header className="app-header">
          <a className="brand" href={routeHref({ page: 'batches' })} aria-label={t('home')}>
            {t('name')}
          </a>
          <div className="header-actions">
            <ImportButton onFiles={importer.run} busy={importer.progress !== null} />
            <ExportMenu db={db} platform={platform} target={exportTarget} reviewer={reviewer} announce={announce} onError={reportError} />
            <SyncIndicator status={sync.status} onSyncNow={syncNow} />
            {reviewer && <span className="reviewer">{t('reviewingAs', { name: reviewer.name })}</span>}
            <button type="button" onClick={() => setSettingsOpen(true)}>
              {t('settingsButton')}
            </button>
          </div>
        </header>
        {storageAtRisk && (
          <aside className="notice" aria-label={t('storageTitle')}>
            <p>{t('storageWarning')}</p>
            <button type="button" onClick={() => setStorageAtRisk(false)}>
              {t('dismiss')}
            </button>
          </aside>
        )}
        {askName && profile && (
          <NamePrompt
            onSubmit={(name) => {
              updateSettings({ reviewer: { id: profile.id, name } });
              setAskName(false);
            }}
            onDismiss={() => setAskName(false)}
          />
        )}
        {errors.length > 0 && <ErrorAlert errors={errors} onDismiss={() => setErrors([])} />}
        <ImportPanel progress={importer.progress} reports={importer.reports} onDismiss={importer.dismiss} batchHref={batchHref} />
        <main id="main" tabIndex={-1}>
          {reviewer &&
            (route.page === 'batches' ? (
              <>
                <BatchList db={db} reviewerIdFor={reviewerIdFor} version={dataVersion} batchHref={batchHref} onOpen={(batchId) => navigate({ page: 'batch', batchId })} onError={reportError} />
                <p className="hints page" aria-hidden="true">
                  <kbd>Ctrl</kbd>+<kbd>O</kbd> {t('hints.import')} · <kbd>?</kbd> {t('hints.shortcuts')}
                </p>
              </>
            ) : route.page === 'desk' ? (
              <DeskPage
                key={route.batchId}
                db={db}
                platform={platform}
                batchId={route.batchId}
                reviewer={reviewer}
                deviceId={settings.deviceId}
                encryptionKey={settings.encryptionKey}
                onApplySettings={updateSettings}
                onPublished={() => {
                  // The batch is linked now: who works on it is the token's reviewer (links reload on a data change).
                  dataChanged();
                  syncNow();
                }}
                batchHref={batchHref(route.batchId)}
                batchesHref={routeHref({ page: 'batches' })}
                version={dataVersion}
                announce={announce}
                onError={reportError}
              />
            ) : (
              <BatchPage
                key={route.batchId}
                db={db}
                platform={platform}
                batchId={route.batchId}
                itemId={route.page === 'item' ? route.itemId : undefined}
                reviewer={reviewer}
                deviceId={settings.deviceId}
                openItem={(itemId, replace) => navigate({ page: 'item', batchId: route.batchId, itemId }, { replace })}
                showQueue={() => navigate({ page: 'batch', batchId: route.batchId })}
                batchesHref={routeHref({ page: 'batches' })}
                onOpened={onBatchOpened}
                onError={reportError}
              />
            ))}
        </main>
      </div>
      <LiveRegion message={message} />
      <DropOverlay visible={dragging} />
      {trustAsk && <TrustDialog question={trustAsk.question} onAnswer={trustAsk.answer} />}
      {settingsOpen && (
        <SettingsDialog
          settings={settings}
          onClose={() => setSettingsOpen(false)}
          onSave={(patch) => {
            updateSettings(patch);
            setSettingsOpen(false);
          }}
          onApply={updateSettings}
          platform={platform}
          onServerSaved={(text) => {
            announce(text);
            // Pages that depend on the server (the desk's "Publish to server") read it again.
            dataChanged();
            syncNow();
          }}
          onError={reportError}
        />
      )}
    </div>
  );
}

function ErrorAlert({ errors, onDismiss }: { errors: string[]; onDismiss: () => void }) {
  const { t } = useTranslation('app');
  return (
    <div role="alert" className="alert">
      <p className="alert-title">{t('errorTitle')}</p>
      {errors.map((text, i) => (
        <p key={i} className="alert-message">
          {text}
        </p>
      ))}
      <button type="button" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}
