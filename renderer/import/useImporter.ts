import { useCallback, useRef, useState } from 'react';
import type { LoupeDatabase } from '../storage';
import { importFiles, type FileReport, type ImportProgress } from './import-files';

export interface Importer {
  run: (files: File[]) => void;
  /** Set while files are read, parsed and stored. */
  progress: ImportProgress | null;
  /** What the last import did, until dismissed. */
  reports: FileReport[] | null;
  dismiss: () => void;
}

/** Runs one import at a time and keeps its progress and reports for the import panel. */
export function useImporter(db: LoupeDatabase, onFinished: (reports: FileReport[]) => void, onError: (error: unknown) => void): Importer {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [reports, setReports] = useState<FileReport[] | null>(null);
  const busy = useRef(false);

  const run = useCallback(
    (files: File[]) => {
      if (busy.current || files.length === 0) return;
      busy.current = true;
      setReports(null);
      importFiles(db, files, { onProgress: setProgress })
        .then((done) => {
          setReports(done);
          onFinished(done);
        })
        .catch(onError)
        .finally(() => {
          busy.current = false;
          setProgress(null);
        });
    },
    [db, onFinished, onError],
  );

  const dismiss = useCallback(() => setReports(null), []);
  return { run, progress, reports, dismiss };
}
