import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress, ProgressRow } from './desk-data';

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** Per reviewer: their share, how far they are, when they last worked and for how long; then agreement. */
export function ProgressTable({ progress, itemCount }: { progress: Progress; itemCount: number }) {
  const { t, i18n } = useTranslation('desk');
  const number = new Intl.NumberFormat(i18n.language);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const maybe = (n: number | null) => (n === null ? t('progress.unknown') : number.format(n));
  const cells = (r: Omit<ProgressRow, 'reviewerId' | 'name' | 'people' | 'assigned'> & { assigned?: number | null }) => (
    <>
      <td>{maybe(r.assigned ?? null)}</td>
      <td>{maybe(r.pending)}</td>
      <td>{number.format(r.counts.accepted)}</td>
      <td>{number.format(r.counts.corrected)}</td>
      <td>{number.format(r.counts.rejected)}</td>
      <td>{number.format(r.counts.flagged)}</td>
      <td>{r.lastActivity ? when.format(new Date(r.lastActivity)) : t('progress.never')}</td>
      <td>{duration(r.timeSpentMs)}</td>
    </>
  );
  const a = progress.agreement;
  return (
    <section className="desk-section" aria-labelledby="desk-progress">
      <h2 id="desk-progress">{t('progress.title')}</h2>
      {progress.rows.length === 0 ? (
        <p className="muted">{t('progress.none')}</p>
      ) : (
        <table className="desk-table desk-progress-table">
          <caption className="loupe-visually-hidden">{t('progress.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('progress.reviewer')}</th>
              <th scope="col">{t('progress.assigned')}</th>
              <th scope="col">{t('progress.pending')}</th>
              <th scope="col">{t('progress.accepted')}</th>
              <th scope="col">{t('progress.corrected')}</th>
              <th scope="col">{t('progress.rejected')}</th>
              <th scope="col">{t('progress.flagged')}</th>
              <th scope="col">{t('progress.lastActivity')}</th>
              <th scope="col">{t('progress.timeSpent')}</th>
            </tr>
          </thead>
          <tbody>
            {progress.rows.map((r) => (
              <Fragment key={r.reviewerId}>
                <tr>
                  <th scope="row">
                    {r.name} <span className="muted">({r.reviewerId})</span>
                    {r.people.length > 1 ? <> {t('progress.people', { count: r.people.length })}</> : null}
                  </th>
                  {cells(r)}
                </tr>
                {/* Several people worked on one handed-out file: each shown with their own numbers, never merged into one. */}
                {r.people.length > 1
                  ? r.people.map((p) => (
                      <tr key={`${r.reviewerId}\u0000${p.reviewerId}`} className="desk-progress-person">
                        <th scope="row">
                          <span className="loupe-visually-hidden">{t('progress.personOf', { name: r.name })} </span>
                          {p.name} <span className="muted">({p.reviewerId})</span>
                        </th>
                        {cells({ ...p, assigned: null })}
                      </tr>
                    ))
                  : null}
              </Fragment>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('progress.total')}</th>
              {cells(progress.totals)}
            </tr>
          </tfoot>
        </table>
      )}
      <p>{t('progress.covered', { done: number.format(progress.itemsWithVerdict), total: number.format(itemCount) })}</p>
      <p>
        {a.ratio === null
          ? t('progress.agreementNone')
          : t(progress.agreementOn === 'overlap' ? 'progress.agreementOverlap' : 'progress.agreementShared', {
              items: number.format(a.items),
              percent: percent.format(a.ratio),
              agreeing: number.format(a.agreeingPairs),
              pairs: number.format(a.pairs),
              full: t('progress.fullAgreement', { count: a.itemsInFullAgreement, number: number.format(a.itemsInFullAgreement) }),
              count: a.items,
            })}
      </p>
      <p className="muted">{t('progress.measure')}</p>
    </section>
  );
}
