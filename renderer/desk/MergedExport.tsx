import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../platform';
import type { LoupeDatabase } from '../storage';
import { useDeskAction } from './actions';
import type { DeskData } from './desk-data';
import { DESK_KEYS, Keys, type DeskKey } from './keys';
import { mergedFile, mergedXliffFile, type MergedFormat } from './merged-export';

export interface MergedExportProps {
  db: LoupeDatabase;
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

/**
 * The batch's merged results for the model team (BRIEF 3.3), and the open conflicts on their own; for a
 * batch made from XLIFF, also that file with the merged results written into it.
 */
export function MergedExport({ db, platform, data, announce, onError }: MergedExportProps) {
  const { t } = useTranslation('desk');
  const [busy, setBusy] = useState(false);
  /** What writing the XLIFF file noticed, open conflicts first: shown until the next export. */
  const [notes, setNotes] = useState<{ file: string; warnings: string[] } | null>(null);
  const original = data.batch.original;

  const save = async (format: MergedFormat | 'xliff') => {
    if (busy) return;
    setBusy(true);
    setNotes(null);
    try {
      if (format === 'xliff') {
        const { count, warnings, ...request } = await mergedXliffFile(db, data);
        const result = await platform.saveFile(request);
        if (!result.saved) announce(t('merged.cancelled'));
        else {
          announce(t('merged.savedXliff', { count, file: request.suggestedName }));
          if (warnings.length > 0) setNotes({ file: request.suggestedName, warnings });
        }
        return;
      }
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
  useDeskAction('mergedXliff', () => original && void save('xliff'));

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
        {original && (
          <button type="button" onClick={() => void save('xliff')} aria-disabled={busy || undefined} aria-keyshortcuts={DESK_KEYS.mergedXliff.aria}>
            {t('merged.xliff', { file: original.fileName })} <Keys keys={DESK_KEYS.mergedXliff.label} />
          </button>
        )}
      </p>
      {notes && (
        <div role="status">
          <p>{t('merged.xliffNotes', { count: notes.warnings.length, file: notes.file })}</p>
          <ul>
            {notes.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
