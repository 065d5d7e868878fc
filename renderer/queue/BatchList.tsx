import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Batch } from '../../shared/domain';
import { batchProgress, listBatches, type LoupeDatabase, type StatusCounts } from '../storage';
import { StatusBar } from './StatusBar';

interface BatchListProps {
  db: LoupeDatabase;
  /** Whose progress a batch shows: the profile, or the server's identity on a batch that syncs. */
  reviewerIdFor: (batchId: string) => string;
  /** Changes whenever batches were added, so the list reloads. */
  version: number;
  batchHref: (batchId: string) => string;
  onOpen: (batchId: string) => void;
  onError: (error: unknown) => void;
}

interface Row {
  batch: Batch;
  counts: StatusCounts;
}

/**
 * Every batch on this machine with the reviewer's progress. A batch opens from its name (a link: Enter,
 * or a click) or from a click anywhere on its row.
 */
export function BatchList({ db, reviewerIdFor, version, batchHref, onOpen, onError }: BatchListProps) {
  const { t, i18n } = useTranslation('queue');
  const [rows, setRows] = useState<Row[] | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const batches = await listBatches(db);
      const counts = await Promise.all(batches.map((b) => batchProgress(db, b, reviewerIdFor(b.id))));
      if (live) setRows(batches.map((batch, i) => ({ batch, counts: counts[i]! })));
    })().catch(onError);
    return () => {
      live = false;
    };
  }, [db, reviewerIdFor, version, onError]);

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <section className="page" aria-labelledby="batches-title">
      <h1 id="batches-title">{t('batches.title')}</h1>
      {rows === null ? (
        <p className="muted">{t('batches.loading')}</p>
      ) : rows.length === 0 ? (
        <div className="empty">
          <p>{t('batches.empty')}</p>
          <p className="hint">{t('batches.emptyHint')}</p>
        </div>
      ) : (
        <table className="batch-table">
          <thead>
            <tr>
              <th scope="col">{t('batches.name')}</th>
              <th scope="col" className="num">
                {t('batches.items')}
              </th>
              <th scope="col">{t('batches.progress')}</th>
              <th scope="col">{t('batches.created')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ batch, counts }) => (
              <tr key={batch.id} className="clickable" onClick={(e) => !(e.target as HTMLElement).closest('a') && onOpen(batch.id)}>
                <th scope="row">
                  <a href={batchHref(batch.id)}>{batch.name}</a>
                  {batch.source.format === 'demo' && <span className="tag">{t('batches.demo')}</span>}
                </th>
                <td className="num">{number.format(batch.itemCount)}</td>
                <td>
                  <StatusBar counts={counts} total={batch.itemCount} />
                </td>
                <td>
                  <time dateTime={batch.createdAt}>{date.format(new Date(batch.createdAt))}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
