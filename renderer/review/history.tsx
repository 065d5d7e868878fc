import { memo, useEffect, useId, useMemo, useState } from 'react';
import { fieldLabel, type TaskSchema } from '../../shared/domain';
import { eventsForItem, type LoupeDatabase, type StoredEvent } from '../storage';
import { useReviewT } from './use-review-t';
import { durationParts, valueText } from './values';

const CLIP = 200;
const clip = (s: string) => (s.length > CLIP ? `${s.slice(0, CLIP)}…` : s);

export interface HistoryPanelProps {
  db: LoupeDatabase;
  batchId: string;
  itemId: string;
  schema: TaskSchema;
  /** Changes whenever the item gets an event, so an open panel reads the log again. */
  lastEventId: string | null;
  open: boolean;
  onToggle: (open: boolean) => void;
}

/**
 * The item's audit trail: every committed event, newest first, with who, when, on which device, what
 * happened and which values changed. Only the heading is rendered while the panel is collapsed: the log is
 * read, and its list (and the date format) built, only while it is open.
 */
export const HistoryPanel = memo(function HistoryPanel({ db, batchId, itemId, schema, lastEventId, open, onToggle }: HistoryPanelProps) {
  const { t } = useReviewT();
  const regionId = useId();
  return (
    <section className="loupe-panel loupe-history" aria-labelledby={`${regionId}-heading`}>
      <h2 id={`${regionId}-heading`} className="loupe-disclosure-heading">
        <button type="button" className="loupe-disclosure" aria-expanded={open} aria-controls={regionId} onClick={() => onToggle(!open)}>
          {t('history.heading')}
        </button>
      </h2>
      <div id={regionId} hidden={!open}>
        {open && <HistoryEvents db={db} batchId={batchId} itemId={itemId} schema={schema} lastEventId={lastEventId} />}
      </div>
    </section>
  );
});

function HistoryEvents({ db, batchId, itemId, schema, lastEventId }: Omit<HistoryPanelProps, 'open' | 'onToggle'>) {
  const { t, language } = useReviewT();
  const [events, setEvents] = useState<StoredEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    eventsForItem(db, batchId, itemId).then(
      (list) => {
        if (live) {
          setEvents(list.reverse());
          setError(null);
        }
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [db, batchId, itemId, lastEventId]);

  const when = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }), [language]);
  if (error) return <p className="loupe-error">{t('history.failed', { message: error })}</p>;
  if (events === null) return <p className="loupe-muted">{t('history.loading')}</p>;
  if (events.length === 0) return <p className="loupe-muted">{t('history.empty')}</p>;

  const words = { empty: t('value.empty'), yes: t('value.yes'), no: t('value.no') };
  const label = (name: string) => {
    const f = schema.fields.find((x) => x.name === name);
    return f ? fieldLabel(f) : name;
  };
  const duration = (ms: number) => {
    const { h, m, s } = durationParts(ms);
    return h > 0 ? t('time.hm', { h, m }) : m > 0 ? t('time.ms', { m, s }) : t('time.s', { s });
  };

  return (
    <ol className="loupe-history__list">
      {events.map((e) => (
        <li key={e.id} className="loupe-history__event">
          <p>
            <strong>{t(`history.actions.${e.action}`)}</strong> · {t(`status.${e.status}`)} · {e.reviewerName}
            <br />
            <span className="loupe-muted">
              <time dateTime={e.at}>{when.format(new Date(e.at))}</time> · {t('history.device', { device: e.deviceId })}
              {e.timeSpentMs > 0 ? ` · ${t('history.timeSpent', { time: duration(e.timeSpentMs) })}` : ''}
            </span>
          </p>
          {(e.changes.length > 0 || e.comment || e.reason || e.qaOverrides || e.propagatedFrom) && (
            <ul className="loupe-history__changes">
              {e.changes.map((c) => (
                <li key={c.field}>
                  {t('history.change', { field: label(c.field), old: clip(valueText(c.old, words)), new: clip(valueText(c.new, words)) })}
                </li>
              ))}
              {e.comment && <li>{t('history.comment', { old: clip(e.comment.old || words.empty), new: clip(e.comment.new || words.empty) })}</li>}
              {e.reason && <li>{t('history.reason', { old: e.reason.old ?? words.empty, new: e.reason.new ?? words.empty })}</li>}
              {e.qaOverrides?.map((o, i) => (
                <li key={`qa-${i}`}>{t('history.qaOverride', { message: clip(o.message), reason: clip(o.reason) })}</li>
              ))}
              {e.propagatedFrom && <li>{t('history.propagated', { id: e.propagatedFrom.itemId })}</li>}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
