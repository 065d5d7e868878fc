import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DetectedFormat } from '../../shared/import';
import type { FileReport, ImportProgress } from './import-files';
import { SchemaSummary } from './SchemaSummary';

/** The kind of file found, in words: "AI output (JSONL)", "XLIFF", "Loupe batch (.loupe)". */
export function kindLabel(t: TFunction<'import'>, format: DetectedFormat): string {
  return t(`formats.${format}`);
}

/** One sentence per file saying what was found and what happened, for the panel and the live region. */
export function reportSentence(t: TFunction<'import'>, report: FileReport, formatNumber: (n: number) => string): string {
  const file = report.fileName;
  switch (report.outcome) {
    case 'imported':
      return t('report.imported', { file, kind: kindLabel(t, report.format), count: report.batch.itemCount, items: formatNumber(report.batch.itemCount) });
    case 'unchanged':
      return t('report.unchanged', { file, kind: kindLabel(t, report.format), count: report.batch.itemCount, items: formatNumber(report.batch.itemCount) });
    case 'failed':
      return t('report.failed', { file, kind: kindLabel(t, report.format) });
    case 'schema':
      return report.usedBy.length > 0 ? t('report.schemaUsed', { file, files: report.usedBy.join(', ') }) : t('report.schemaAlone', { file });
    case 'unknown':
      return t('report.unknown', { file });
    case 'batch-file': {
      const words = { file, kind: kindLabel(t, report.format), name: report.batch.name, revision: report.batch.revision };
      if (report.status === 'unchanged') return t('report.batchUnchanged', words);
      if (report.status === 'stored') return t('report.batchStored', { ...words, count: report.batch.itemCount, items: formatNumber(report.batch.itemCount) });
      const u = report.update!;
      return t('report.batchUpdated', {
        ...words,
        from: u.fromRevision,
        added: formatNumber(u.added),
        changed: formatNumber(u.changed),
        stale: formatNumber(u.stale),
        withdrawn: formatNumber(u.withdrawn),
      });
    }
    case 'cancelled':
      return t('report.cancelled', { file, kind: kindLabel(t, report.format) });
    case 'results':
      return t('report.results', { file, name: report.reviewer.name || report.reviewer.id, count: report.added, duplicates: formatNumber(report.duplicates) });
  }
}

/** A second sentence where one helps: who vouched for a batch, or that results came from another revision. */
function reportDetail(t: TFunction<'import'>, report: FileReport): string | null {
  if (report.outcome === 'results' && report.madeOnRevision !== undefined) {
    return t('report.resultsRevision', { made: report.madeOnRevision, batch: report.batch.name, revision: report.batch.revision });
  }
  if (report.outcome !== 'batch-file' || report.status === 'unchanged') return null;
  const fingerprint = report.signer?.fingerprint ?? '';
  return report.trust === 'trusted' ? t('report.trusted', { fingerprint }) : report.trust === 'unknown-signer' ? t('report.unknownSigner', { fingerprint }) : t('report.unsigned');
}

function ProgressView({ progress }: { progress: ImportProgress }) {
  const { t, i18n } = useTranslation('import');
  const labelId = useId();
  const number = new Intl.NumberFormat(i18n.language);
  // Reading is one step; parsing moves line by line over the first half, saving chunk by chunk over the second.
  const fraction = progress.total > 0 ? progress.done / progress.total : 0;
  const share = progress.phase === 'reading' ? 0 : progress.phase === 'checking' ? 0.25 : progress.phase === 'parsing' ? fraction / 2 : 0.5 + fraction / 2;
  const percent = Math.round(((progress.fileIndex + share * 0.95) / Math.max(1, progress.fileCount)) * 100);
  const text =
    progress.phase === 'parsing' && progress.total > 0
      ? t('progress.parsing', { file: progress.fileName, done: number.format(progress.done), total: number.format(progress.total) })
      : t(`progress.${progress.phase}`, { file: progress.fileName, count: progress.total, items: number.format(progress.total) });
  return (
    <div className="import-progress">
      <p id={labelId}>{text}</p>
      <div className="progress" role="progressbar" aria-labelledby={labelId} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

interface ImportPanelProps {
  progress: ImportProgress | null;
  reports: FileReport[] | null;
  onDismiss: () => void;
  batchHref: (batchId: string) => string;
}

/** Progress while importing, then what each file turned out to be and what became of it. */
export function ImportPanel({ progress, reports, onDismiss, batchHref }: ImportPanelProps) {
  const { t, i18n } = useTranslation('import');
  const titleId = useId();
  if (!progress && !reports) return null;
  const number = new Intl.NumberFormat(i18n.language);
  const format = (n: number) => number.format(n);
  const failures = reports?.filter((r) => r.outcome === 'failed' || r.outcome === 'unknown') ?? [];
  const others = reports?.filter((r) => r.outcome !== 'failed' && r.outcome !== 'unknown') ?? [];

  return (
    <section className="import-panel" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId}>{progress ? t('panel.running') : t('panel.title')}</h2>
        {reports && (
          <button type="button" onClick={onDismiss}>
            {t('panel.dismiss')}
          </button>
        )}
      </div>
      {progress && <ProgressView progress={progress} />}
      {failures.length > 0 && (
        <div role="alert" className="import-errors">
          {failures.map((r, i) => (
            <div key={i} className="report report-failed">
              <p>
                <strong>{reportSentence(t, r, format)}</strong>
              </p>
              {r.outcome === 'failed' && (
                <ul className="error-list">
                  {/* Each message already names the file, line and field, as the CLI prints it. */}
                  {r.errors.map((e, i) => (
                    <li key={i}>{e.message}</li>
                  ))}
                </ul>
              )}
              {r.outcome === 'unknown' && <p className="hint">{t('report.unknownHint')}</p>}
            </div>
          ))}
        </div>
      )}
      {others.length > 0 && (
        <ul className="report-list">
          {others.map((r, i) => (
            <li key={i} className={`report report-${r.outcome}`}>
              <p>
                {r.outcome === 'imported' || r.outcome === 'unchanged' || r.outcome === 'batch-file' ? (
                  <a href={batchHref(r.batch.id)}>{reportSentence(t, r, format)}</a>
                ) : (
                  reportSentence(t, r, format)
                )}
              </p>
              {reportDetail(t, r) && <p className="hint">{reportDetail(t, r)}</p>}
              {r.outcome === 'imported' && (
                <>
                  <p className="hint">{r.xliff ? t('report.xliff') : r.schemaFile ? t('report.schemaFrom', { file: r.schemaFile }) : t('report.schemaInferred')}</p>
                  {r.xliff && r.xliff.notForReview > 0 && <p className="hint">{t('report.xliffNotForReview', { count: r.xliff.notForReview, segments: format(r.xliff.notForReview) })}</p>}
                  <SchemaSummary schema={r.schema} inferred={r.schemaInferred} />
                  {r.warnings.length > 0 && (
                    <details className="warnings">
                      <summary>{t('report.warnings', { count: r.warnings.length })}</summary>
                      <ul>
                        {r.warnings.map((w, i) => (
                          <li key={i}>{w.message}</li>
                        ))}
                      </ul>
                    </details>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
