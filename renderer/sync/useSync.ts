import { useEffect, useMemo, useState } from 'react';
import type { Platform } from '../platform';
import type { LoupeDatabase } from '../storage';
import { SyncEngine, type RoundOutcome } from './engine';
import type { SyncStatus } from './status';

/**
 * The app's one sync engine, started with the app and stopped with it. `onChanged` runs after a round
 * that brought batches or events, so that pages reload what they show.
 */
export function useSyncEngine(db: LoupeDatabase, platform: Platform, onChanged: () => void): { engine: SyncEngine; status: SyncStatus } {
  const engine = useMemo(
    () =>
      new SyncEngine({
        db,
        transport: platform.serverRequest,
        serverUrl: async () => {
          const info = await platform.connection();
          return info.url !== null && info.hasToken ? info.url : null;
        },
        isOnline: () => navigator.onLine,
      }),
    [db, platform],
  );
  const [status, setStatus] = useState<SyncStatus>(engine.status);

  useEffect(() => {
    const unsubscribe = engine.subscribe(setStatus);
    const online = () => engine.online();
    const offline = () => engine.offline();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    engine.start();
    return () => {
      unsubscribe();
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      engine.stop();
    };
  }, [engine]);

  useEffect(() => {
    const onRound = (round: RoundOutcome) => {
      if (round.ok && (round.pulled.batches.length > 0 || round.pulled.events > 0)) onChanged();
    };
    return engine.watchRounds(onRound);
  }, [engine, onChanged]);

  return { engine, status };
}
