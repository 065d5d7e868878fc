import { useCallback, useRef, useState } from 'react';
import type { LoupeDatabase } from '../storage';
import { importFiles, type FileLike, type FileReport, type ImportProgress } from './import-files';
import type { BatchFileKeys } from './loupe-files';

export interface Importer {
  /** Imports the files; files given while an import runs are imported right after it. */
  run: (files: readonly FileLike[]) => void;
  /** Set while files are read, parsed and stored. */
  progress: ImportProgress | null;
  /** What the last import did, until dismissed. */
  reports: FileReport[] | null;
  dismiss: () => void;
}

/**
 * Runs one import at a time and keeps its progress and reports for the import panel. `keys` is asked at
 * the start of each import, so a key trusted or made meanwhile is used.
 */
export function useImporter(db: LoupeDatabase, onFinished: (reports: FileReport[]) => void, onError: (error: unknown) => void, keys?: () => BatchFileKeys): Importer {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [reports, setReports] = useState<FileReport[] | null>(null);
  const busy = useRef(false);
  // Files opened from the system can arrive while an import runs (several double-clicked at once).
  const waiting = useRef<FileLike[]>([]);

  const run = useCallback(
    (files: readonly FileLike[]) => {
      if (files.length === 0) return;
      if (busy.current) {
        waiting.current.push(...files);
        return;
      }
      busy.current = true;
      setReports(null);
      importFiles(db, files, { onProgress: setProgress, ...(keys ? { batchFiles: keys() } : {}) })
        .then((done) => {
          setReports(done);
          onFinished(done);
        })
        .catch(onError)
        .finally(() => {
          busy.current = false;
          setProgress(null);
          const next = waiting.current.splice(0);
          if (next.length > 0) run(next);
        });
    },
    [db, onFinished, onError, keys],
  );

  const dismiss = useCallback(() => setReports(null), []);
  return { run, progress, reports, dismiss };
}
