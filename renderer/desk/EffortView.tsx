import { useTranslation } from 'react-i18next';
import type { TaskSchema } from '../../shared/domain';
import { EffortTable, SourceWords } from '../queue';
import type { DeskEffort } from './desk-effort';

/** Per reviewer: the items they gave a verdict on, their source words, edits, HTER, time and pace. */
export function EffortView({ effort, schema }: { effort: DeskEffort; schema: TaskSchema }) {
  const { t } = useTranslation('desk');
  return (
    <section className="desk-section" aria-labelledby="desk-effort">
      <h2 id="desk-effort">{t('effort.title')}</h2>
      {effort.reviewers.length === 0 ? (
        <p className="muted">{t('effort.none')}</p>
      ) : (
        <div className="desk-scroll">
          <EffortTable
            caption={t('effort.caption')}
            hideCaption
            rowHeader={t('effort.reviewer')}
            rows={effort.reviewers.map((r) => ({
              key: r.reviewerId,
              header: (
                <>
                  {r.reviewerName} <span className="muted">({r.reviewerId})</span>
                </>
              ),
              totals: r,
            }))}
            footer={{ key: 'total', header: t('effort.total'), totals: effort.total }}
          />
        </div>
      )}
      <SourceWords source={effort.source} schema={schema} />
    </section>
  );
}
