import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, type TaskSchema } from '../../shared/domain';
import { sourceFields, type EffortTotals, type WordTotals } from '../../shared/effort';
import { effortFormat } from './effort-format';
import './effort.css';

export interface EffortRow {
  key: string;
  /** The row's header cell (a reviewer); rows of a table without `rowHeader` have none. */
  header?: ReactNode;
  totals: EffortTotals;
}

/**
 * Effort as a table, one row per reviewer (the desk) or the one reviewer (the batch page), columns for the
 * figures of `effortTotals`.
 */
export function EffortTable({ caption, hideCaption = false, rowHeader, rows, footer }: { caption: string; hideCaption?: boolean; rowHeader?: string; rows: readonly EffortRow[]; footer?: EffortRow }) {
  const { t, i18n } = useTranslation('queue');
  const f = effortFormat(i18n.language);
  const cells = (x: EffortTotals) => (
    <>
      <td>{f.count(x.items)}</td>
      <td>{f.count(x.words)}</td>
      <td>{f.count(x.newWords)}</td>
      <td>{f.count(x.repetitionWords)}</td>
      <td>{f.count(x.charEdits)}</td>
      <td>{x.hter === null ? t('effort.none') : f.hter(x.hter)}</td>
      <td>{f.duration(x.timeSpentMs)}</td>
      <td>{x.wordsPerHour === null ? t('effort.none') : f.rate(x.wordsPerHour)}</td>
    </>
  );
  const row = (r: EffortRow) => (
    <tr key={r.key}>
      {rowHeader !== undefined && <th scope="row">{r.header}</th>}
      {cells(r.totals)}
    </tr>
  );
  return (
    <table className="effort-table">
      <caption className={hideCaption ? 'loupe-visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {rowHeader !== undefined && <th scope="col">{rowHeader}</th>}
          <th scope="col">{t('effort.items')}</th>
          <th scope="col">{t('effort.words')}</th>
          <th scope="col">{t('effort.newWords')}</th>
          <th scope="col">{t('effort.repetitionWords')}</th>
          <th scope="col">{t('effort.charEdits')}</th>
          <th scope="col">{t('effort.hter')}</th>
          <th scope="col">{t('effort.time')}</th>
          <th scope="col">{t('effort.rate')}</th>
        </tr>
      </thead>
      <tbody>{rows.map(row)}</tbody>
      {footer && <tfoot>{row(footer)}</tfoot>}
    </table>
  );
}

/** The batch's source words and where they are counted, with what the figures mean. */
export function SourceWords({ source, schema }: { source: WordTotals; schema: TaskSchema }) {
  const { t, i18n } = useTranslation('queue');
  const f = effortFormat(i18n.language);
  const where = sourceFields(schema);
  const pool: ReadonlyArray<{ name: string; label?: string | undefined }> = where.from === 'context' ? schema.context : schema.fields;
  const labels = where.fields.map((field) => t('effort.field', { label: fieldLabel(pool.find((p) => p.name === field.name) ?? field) }));
  const fields = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(labels);
  return (
    <>
      <p className="meta">
        {t('effort.batch', {
          segments: t('effort.segments', { count: source.segments, n: f.count(source.segments) }),
          words: t('effort.sourceWords', { count: source.words, n: f.count(source.words) }),
          newWords: f.count(source.newWords),
          repetitionWords: f.count(source.repetitionWords),
        })}{' '}
        {labels.length === 0 ? t('effort.noSource') : t(where.from === 'context' ? 'effort.countedIn' : 'effort.countedInOutput', { fields })}
      </p>
      <p className="meta">{t('effort.about')}</p>
    </>
  );
}
