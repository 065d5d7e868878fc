import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../shared/batch-file';
import { isTextKind, sameValues, type FieldValue, type FieldValues, type Item, type OutputField, type TaskSchema } from '../../shared/domain';
import type { Review } from '../../shared/review';
import { diffParts } from '../review/diff-parts';
import { valueText } from '../review/values';
import type { LoupeDatabase } from '../storage';
import { decide } from './adjudicate';
import type { DeskData } from './desk-data';
import { isTextTarget } from './keys';

interface Entry {
  conflict: Conflict;
  /** The coordinator's review that settles it; null while open. */
  decision: Review | null;
}

/** What the coordinator is about to decide. `picked`: 0 the AI output, n the n-th verdict, null their own values. */
interface Draft {
  values: FieldValues;
  reject: boolean;
  picked: number | null;
  comment: string;
}

export interface ConflictsViewProps {
  db: LoupeDatabase;
  data: DeskData;
  coordinator: { id: string; name: string };
  deviceId: string;
  announce: (text: string) => void;
  onError: (error: unknown) => void;
  onDecided: () => void;
}

const finalOf = (review: Pick<Review, 'status' | 'values'>, item: Item): FieldValues => (review.status === 'accepted' ? item.output : review.values);
const keyed = (schema: TaskSchema, values: FieldValues): FieldValues => Object.fromEntries(schema.fields.map((f) => [f.name, values[f.name] ?? null]));
const labelOf = (f: { name: string; label?: string | undefined }) => f.label ?? f.name;

function draftFor(entry: Entry, item: Item, schema: TaskSchema): Draft {
  const d = entry.decision;
  if (d) return { values: keyed(schema, finalOf(d, item)), reject: d.status === 'rejected', picked: null, comment: d.comment };
  return { values: keyed(schema, item.output), reject: false, picked: 0, comment: '' };
}

/**
 * Open conflicts and decided ones, one at a time: the AI output and every verdict involved side by side,
 * per field, each verdict's difference from the AI output marked; the coordinator picks a version, writes
 * the final values or rejects, and decides. All item content is rendered as text, never as markup.
 */
export function ConflictsView({ db, data, coordinator, deviceId, announce, onError, onDecided }: ConflictsViewProps) {
  const { t } = useTranslation('desk');
  const entries = useMemo<Entry[]>(
    () => [...data.merge.conflicts.map((conflict) => ({ conflict, decision: null })), ...data.merge.settled.map((s) => ({ conflict: s.conflict, decision: s.decision }))],
    [data.merge],
  );
  const items = useMemo(() => new Map(data.items.map((i) => [i.id, i])), [data.items]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const index = Math.max(0, entries.findIndex((e) => e.conflict.itemId === currentId));
  const entry = entries[index];
  const item = entry ? items.get(entry.conflict.itemId) : undefined;
  const [edit, setEdit] = useState<{ key: string; draft: Draft; changing: boolean } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const [busy, setBusy] = useState(false);
  const commentId = useId();

  // The draft belongs to the entry on screen: another entry, or a new decision on this one, starts afresh,
  // while a reload that brings the same entry again keeps what the coordinator was doing.
  const entryKey = entry ? `${entry.conflict.itemId} ${entry.decision?.lastEventId ?? ''}` : '';
  const current = edit && edit.key === entryKey ? edit : entry && item ? { key: entryKey, draft: draftFor(entry, item, data.schema), changing: false } : null;
  const draft = current?.draft ?? null;
  const changing = current?.changing ?? false;
  const setDraft = (change: (d: Draft) => Draft) => current && setEdit({ ...current, draft: change(current.draft) });
  const setChanging = (on: boolean) => current && setEdit({ ...current, changing: on });

  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = false;
  }, [index]);

  if (entries.length === 0) {
    return (
      <section className="desk-section" aria-labelledby="desk-conflicts">
        <h2 id="desk-conflicts">{t('conflicts.title')}</h2>
        <p className="muted">{t('conflicts.none')}</p>
      </section>
    );
  }

  const open = data.merge.conflicts.length;
  const editable = entry !== undefined && (entry.decision === null || changing);
  const go = (to: number) => {
    const next = entries[Math.max(0, Math.min(entries.length - 1, to))];
    if (!next) return;
    moved.current = true;
    setCurrentId(next.conflict.itemId);
  };

  const pick = (n: number) => {
    if (!entry || !item || !editable) return;
    if (n === 0) {
      setDraft((d) => ({ ...d, values: keyed(data.schema, item.output), reject: false, picked: 0 }));
      return;
    }
    const review = entry.conflict.reviews[n - 1];
    if (!review) return;
    setDraft((d) => ({ ...d, values: keyed(data.schema, finalOf(review, item)), reject: review.status === 'rejected', picked: n }));
  };

  const record = async () => {
    if (!entry || !item || !draft || !editable || busy) return;
    setBusy(true);
    try {
      const nextOpen = entries.find((e, i) => i > index && e.decision === null) ?? entries.find((e) => e.decision === null && e !== entry);
      const review = await decide(db, {
        conflict: entry.conflict,
        item,
        schema: data.schema,
        coordinator,
        deviceId,
        decision: draft.reject ? { kind: 'reject' } : { kind: 'final', values: draft.values },
        comment: draft.comment,
      });
      announce(t('conflicts.decided', { id: item.id, status: t(`conflicts.statuses.${review.status}`) }));
      if (entry.decision === null && nextOpen) setCurrentId(nextOpen.conflict.itemId);
      else setCurrentId(item.id);
      onDecided();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      go(index + (e.key === 'ArrowDown' ? 1 : -1));
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === 'Enter') {
      e.preventDefault();
      void record();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || isTextTarget(e.target) || !editable) return;
    if (/^[0-9]$/u.test(e.key)) {
      e.preventDefault();
      pick(Number(e.key));
    } else if (e.key.toLowerCase() === 'r') {
      e.preventDefault();
      setDraft((d) => ({ ...d, reject: true, picked: null }));
    }
  };

  const choices = entry ? entry.conflict.reviews.length : 0;
  return (
    <section className="desk-section desk-conflicts" aria-labelledby="desk-conflicts" onKeyDown={onKeyDown}>
      <h2 id="desk-conflicts">{t('conflicts.title')}</h2>
      <p>
        {t('conflicts.open', { count: open })} · {t('conflicts.settled', { count: data.merge.settled.length })}
      </p>
      <nav aria-label={t('conflicts.list')}>
        <ol className="desk-conflict-list">
          {entries.map((e, i) => (
            <li key={e.conflict.itemId}>
              <button type="button" aria-current={i === index ? 'true' : undefined} onClick={() => go(i)}>
                {e.conflict.itemId} <span className={e.decision ? 'desk-tag desk-tag--settled' : 'desk-tag'}>{e.decision ? t('conflicts.settledTag') : t('conflicts.openTag')}</span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {entry && item && draft && (
        <article className="desk-conflict" aria-labelledby="desk-conflict-heading">
          <h3 id="desk-conflict-heading" ref={heading} tabIndex={-1}>
            {entry.decision
              ? t('conflicts.settledPosition', { n: index - open + 1, total: entries.length - open, id: item.id })
              : t('conflicts.position', { n: index + 1, total: open, id: item.id })}
          </h3>
          <p className="desk-actions">
            <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-keyshortcuts="Alt+ArrowUp">
              {t('conflicts.previous')} <span aria-hidden="true"><kbd>Alt</kbd>+<kbd>↑</kbd></span>
            </button>
            <button type="button" onClick={() => go(index + 1)} disabled={index === entries.length - 1} aria-keyshortcuts="Alt+ArrowDown">
              {t('conflicts.next')} <span aria-hidden="true"><kbd>Alt</kbd>+<kbd>↓</kbd></span>
            </button>
          </p>
          <ConflictTable entry={entry} item={item} schema={data.schema} draft={draft} editable={editable} onDraft={(values) => setDraft((d) => ({ ...d, values, reject: false, picked: null }))} />
          {entry.decision && !changing ? (
            <>
              <p>
                {t('conflicts.decision', {
                  status: t(`conflicts.statuses.${entry.decision.status}`),
                  when: entry.decision.reviewedAt ? new Date(entry.decision.reviewedAt).toLocaleString() : '',
                })}
                {entry.decision.comment && ` “${entry.decision.comment}”`}
              </p>
              <p className="desk-actions">
                <button type="button" onClick={() => setChanging(true)}>
                  {t('conflicts.change')}
                </button>
              </p>
            </>
          ) : (
            <>
              <div className="desk-actions" role="group" aria-label={t('conflicts.final')}>
                <button type="button" aria-pressed={draft.picked === 0 && !draft.reject} aria-keyshortcuts="0" onClick={() => pick(0)}>
                  {t('conflicts.useAi')} <kbd aria-hidden="true">0</kbd>
                </button>
                {entry.conflict.reviews.map((r, i) => (
                  <button key={r.reviewerId} type="button" aria-pressed={draft.picked === i + 1} aria-keyshortcuts={i < 9 ? String(i + 1) : undefined} onClick={() => pick(i + 1)}>
                    {t('conflicts.useReviewer', { name: r.reviewerName || r.reviewerId })} {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
                  </button>
                ))}
                <button type="button" aria-pressed={draft.reject} aria-keyshortcuts="R" onClick={() => setDraft((d) => ({ ...d, reject: true, picked: null }))}>
                  {t('conflicts.reject')} <kbd aria-hidden="true">R</kbd>
                </button>
              </div>
              {draft.reject && <p>{t('conflicts.rejecting')}</p>}
              {!draft.reject && draft.picked === null && <p>{t('conflicts.picked', { what: t('conflicts.own') })}</p>}
              <p>
                <label htmlFor={commentId}>{t('conflicts.decisionComment')}</label>
                <textarea id={commentId} rows={2} value={draft.comment} onChange={(e) => setDraft((d) => ({ ...d, comment: e.target.value }))} />
              </p>
              <p className="desk-actions">
                <button type="button" className="primary" onClick={() => void record()} aria-disabled={busy || undefined} aria-keyshortcuts="Control+Enter">
                  {t('conflicts.decide')} <span aria-hidden="true"><kbd>Ctrl</kbd>+<kbd>Enter</kbd></span>
                </button>
                {changing && (
                  <button type="button" onClick={() => setChanging(false)}>
                    {t('conflicts.cancelChange')}
                  </button>
                )}
              </p>
            </>
          )}
        </article>
      )}
      <p className="hints" aria-hidden="true">
        <kbd>Alt</kbd>+<kbd>↓</kbd>/<kbd>↑</kbd> {t('hints.conflicts')} · <kbd>0</kbd>–<kbd>{Math.min(9, choices)}</kbd> {t('hints.pick')} · <kbd>R</kbd> {t('hints.reject')} · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('hints.decide')}
      </p>
    </section>
  );
}

interface ConflictTableProps {
  entry: Entry;
  item: Item;
  schema: TaskSchema;
  draft: Draft;
  editable: boolean;
  onDraft: (values: FieldValues) => void;
}

function ConflictTable({ entry, item, schema, draft, editable, onDraft }: ConflictTableProps) {
  const { t } = useTranslation('desk');
  const words = { empty: t('conflicts.empty'), yes: t('conflicts.yes'), no: t('conflicts.no') };
  const differing = new Set(entry.conflict.pairs.flatMap((p) => p.fields));
  const reviews = entry.conflict.reviews;
  const finalStatus = draft.reject ? 'rejected' : sameValues(schema.fields, draft.values, item.output) ? 'accepted' : 'corrected';
  return (
    <div className="desk-scroll">
      <table className="desk-table desk-conflict-table">
        <thead>
          <tr>
            <th scope="col">{t('conflicts.field')}</th>
            <th scope="col">{t('conflicts.ai')}</th>
            {reviews.map((r, i) => (
              <th scope="col" key={r.reviewerId}>
                {i + 1}. {r.reviewerName || r.reviewerId}
              </th>
            ))}
            <th scope="col">{t('conflicts.final')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('conflicts.status')}</th>
            <td>—</td>
            {reviews.map((r) => (
              <td key={r.reviewerId} className={entry.conflict.pairs.some((p) => p.differs.includes('status')) ? 'desk-differs' : undefined}>
                {t(`conflicts.statuses.${r.status}`)}
              </td>
            ))}
            <td>{t(`conflicts.statuses.${finalStatus}`)}</td>
          </tr>
          {schema.fields.map((f) => (
            <tr key={f.name}>
              <th scope="row">{labelOf(f)}</th>
              <td>
                <Value field={f} value={item.output[f.name]} words={words} />
              </td>
              {reviews.map((r) => (
                <td key={r.reviewerId} className={differing.has(f.name) ? 'desk-differs' : undefined}>
                  {r.status === 'rejected' ? '—' : <Changed field={f} before={item.output[f.name]} after={finalOf(r, item)[f.name]} words={words} />}
                </td>
              ))}
              <td>
                {editable && !draft.reject ? (
                  <FinalEditor field={f} value={draft.values[f.name] ?? null} label={t('conflicts.finalLabel', { label: labelOf(f) })} onChange={(v) => onDraft({ ...draft.values, [f.name]: v })} />
                ) : draft.reject ? (
                  '—'
                ) : (
                  <Value field={f} value={draft.values[f.name]} words={words} />
                )}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('conflicts.comment')}</th>
            <td>—</td>
            {reviews.map((r) => (
              <td key={r.reviewerId}>{r.comment}</td>
            ))}
            <td />
          </tr>
          <tr>
            <th scope="row">{t('conflicts.reason')}</th>
            <td>—</td>
            {reviews.map((r) => (
              <td key={r.reviewerId}>{r.reason ?? ''}</td>
            ))}
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

type Words = { empty: string; yes: string; no: string };

function Value({ field, value, words }: { field: OutputField; value: FieldValue | undefined; words: Words }) {
  return (
    <span className="loupe-text" lang={field.lang} dir={field.dir ?? 'auto'}>
      {valueText(value, words)}
    </span>
  );
}

/** A verdict's value with its difference from the AI output marked (<ins>/<del>, with words for screen readers). */
function Changed({ field, before, after, words }: { field: OutputField; before: FieldValue | undefined; after: FieldValue | undefined; words: Words }) {
  const { t } = useTranslation('desk');
  const parts = useMemo(() => {
    if (isTextKind(field.kind) && (typeof before === 'string' || before == null) && (typeof after === 'string' || after == null)) return diffParts(before ?? '', after ?? '', field.lang);
    const a = valueText(before, words);
    const b = valueText(after, words);
    return a === b ? [{ kind: 'same' as const, text: b }] : [{ kind: 'removed' as const, text: a }, { kind: 'added' as const, text: ` ${b}` }];
  }, [field, before, after, words]);
  return (
    <span className="loupe-text" lang={field.lang} dir={field.dir ?? 'auto'}>
      {parts.length === 0 && words.empty}
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins key={i} className="loupe-ins">
            <span className="loupe-visually-hidden">{t('conflicts.inserted')}</span>
            {p.text}
            <span className="loupe-visually-hidden">{t('conflicts.markEnd')}</span>
          </ins>
        ) : (
          <del key={i} className="loupe-del">
            <span className="loupe-visually-hidden">{t('conflicts.removed')}</span>
            {p.text}
            <span className="loupe-visually-hidden">{t('conflicts.markEnd')}</span>
          </del>
        ),
      )}
    </span>
  );
}

/** The coordinator's own final value of one field, with the control its kind needs. */
function FinalEditor({ field, value, label, onChange }: { field: OutputField; value: FieldValue; label: string; onChange: (v: FieldValue) => void }) {
  const text = (v: string) => (v === '' ? null : v);
  switch (field.kind) {
    case 'text':
      return <input aria-label={label} lang={field.lang} dir={field.dir ?? 'auto'} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(text(e.target.value))} />;
    case 'longtext':
      return <textarea aria-label={label} lang={field.lang} dir={field.dir ?? 'auto'} rows={4} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(text(e.target.value))} />;
    case 'label':
      return (
        <select aria-label={label} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(text(e.target.value))}>
          <option value="" />
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'labels': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="desk-labels">
          <legend className="loupe-visually-hidden">{label}</legend>
          {(field.options ?? []).map((o) => (
            <label key={o}>
              <input
                type="checkbox"
                checked={chosen.includes(o)}
                onChange={(e) => onChange(e.target.checked ? (field.options ?? []).filter((x) => x === o || chosen.includes(x)) : chosen.filter((x) => x !== o))}
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'number':
      return (
        <input
          type="number"
          aria-label={label}
          min={field.min}
          max={field.max}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' || Number.isNaN(e.target.valueAsNumber) ? null : e.target.valueAsNumber)}
        />
      );
    case 'boolean':
      return <input type="checkbox" aria-label={label} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  }
}
