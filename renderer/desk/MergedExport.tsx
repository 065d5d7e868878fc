import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../platform';
import { useDeskAction } from './actions';
import type { DeskData } from './desk-data';
import { DESK_KEYS, Keys, type DeskKey } from './keys';
import { mergedFile, type MergedFormat } from './merged-export';

export interface MergedExportProps {
  platform: Platform;
  data: DeskData;
  announce: (text: string) => void;
  onError: (error: unknown) => void;
}

const FORMATS: readonly { format: MergedFormat; key: DeskKey; label: 'merged.jsonl' | 'merged.csv' | 'merged.conflicts' }[] = [
  { format: 'jsonl', key: 'mergedJsonl', label: 'merged.jsonl' },
  { format: 'csv', key: 'mergedCsv', label: 'merged.csv' },
  { format: 'conflicts', key: 'conflictsFile', label: 'merged.conflicts' },
];

/** The batch's merged results for the model team (BRIEF 3.3), and the open conflicts on their own. */
export function MergedExport({ platform, data, announce, onError }: MergedExportProps) {
  const { t } = useTranslation('desk');
  const [busy, setBusy] = useState(false);

  const save = async (format: MergedFormat) => {
    if (busy) return;
    setBusy(true);
    try {
      const { count, ...request } = mergedFile(data, format);
      const result = await platform.saveFile(request);
      announce(result.saved ? t('merged.saved', { count, file: request.suggestedName }) : t('merged.cancelled'));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  useDeskAction('mergedJsonl', () => void save('jsonl'));
  useDeskAction('mergedCsv', () => void save('csv'));
  useDeskAction('conflictsFile', () => void save('conflicts'));

  return (
    <section className="desk-section" aria-labelledby="desk-merged">
      <h2 id="desk-merged">{t('merged.title')}</h2>
      <p className="muted">{t('merged.about')}</p>
      <p className="desk-actions">
        {FORMATS.map(({ format, key, label }) => (
          <button key={format} type="button" onClick={() => void save(format)} aria-disabled={busy || undefined} aria-keyshortcuts={DESK_KEYS[key].aria}>
            {t(label)} <Keys keys={DESK_KEYS[key].label} />
          </button>
        ))}
      </p>
    </section>
  );
}
