import { useTranslation } from 'react-i18next';
import { ReviewStatus } from '../../shared/domain';
import type { StatusCounts } from '../storage';

/**
 * How far a batch is, one coloured segment per status. Colour is never the only carrier: the bar is an
 * image labelled with the counts, and the same counts are written next to it.
 */
export function StatusBar({ counts, total }: { counts: StatusCounts; total: number }) {
  const { t, i18n } = useTranslation('queue');
  const number = new Intl.NumberFormat(i18n.language);
  const parts = ReviewStatus.options
    .filter((s) => counts[s] > 0)
    .map((s) => t('progress.part', { count: counts[s], n: number.format(counts[s]), status: t(`status.${s}`) }));
  const label = parts.join(', ');
  return (
    <div className="status-bar-wrap">
      <div className="status-bar" role="img" aria-label={t('progress.label', { parts: label })}>
        {ReviewStatus.options.map((s) =>
          counts[s] > 0 ? <span key={s} className={`status-segment status-${s}`} style={{ flexGrow: counts[s] }} /> : null,
        )}
        {total === 0 && <span className="status-segment status-pending" style={{ flexGrow: 1 }} />}
      </div>
      <span className="status-bar-text" aria-hidden="true">
        {label}
      </span>
    </div>
  );
}

export function StatusBadge({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation('queue');
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
