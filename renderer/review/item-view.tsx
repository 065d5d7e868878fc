import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { fieldLabel, isTextKind, type Item, type OutputField, type TaskSchema } from '../../shared/domain';
import type { DraftState, Review } from '../../shared/review';
import type { FieldProblem, ReviewController } from './controller';
import type { DraftWriter } from './draft-writer';
import { FieldEditor } from './fields';
import { useReviewT } from './use-review-t';
import { valueText } from './values';

export type FocusRequest = { target: 'reason' } | { target: 'field'; name: string } | { target: 'first' };

export interface ItemViewProps {
  schema: TaskSchema;
  item: Item;
  review: Review;
  writer: DraftWriter;
  initialDraft: DraftState;
  problems: Readonly<Record<string, FieldProblem>>;
  reasonError: string | null;
  controller: ReviewController;
  focusRequest: { request: FocusRequest; n: number } | null;
  /**
   * Changes for every item opened and every undo or redo: the editors (and only they) start again from
   * `initialDraft`, and the first Correction control takes the focus.
   */
  resetKey: string;
}

/**
 * Focuses at once without the scroll into view, whose layout would be forced before the new item is even
 * laid out; the control is brought into view (if it is not) in the next frame, when layout is done anyway.
 */
function focusControl(el: HTMLElement | null | undefined): void {
  if (!el) return;
  el.focus({ preventScroll: true });
  if (typeof el.scrollIntoView !== 'function' || typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    if (document.activeElement === el && el.isConnected) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
}

function Confidence({ value }: { value: number }) {
  const { t } = useReviewT();
  const percent = Math.round(value * 100);
  return (
    <p className="loupe-confidence">
      <span>{t('output.confidence', { percent })}</span>
      <span className={percent < 50 ? 'loupe-bar is-low' : 'loupe-bar'} aria-hidden="true">
        <span className="loupe-bar__fill" style={{ inlineSize: `${percent}%` }} />
      </span>
    </p>
  );
}

function AiValue({ field, item, level }: { field: OutputField; item: Item; level: 3 | 4 }) {
  const { t } = useReviewT();
  const value = item.output[field.name];
  const confidence = item.confidence?.[field.name];
  const rationale = typeof item.rationale === 'object' ? item.rationale[field.name] : undefined;
  const words = { empty: t('value.empty'), yes: t('value.yes'), no: t('value.no') };
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="loupe-ai">
      <Heading className="loupe-ai__heading">{t('output.ai')}</Heading>
      {isTextKind(field.kind) ? (
        <p className="loupe-text loupe-ai__text" lang={field.lang} dir={field.dir ?? 'auto'}>
          {typeof value === 'string' ? value : valueText(value, words)}
        </p>
      ) : (
        <p className="loupe-ai__text" lang={field.lang}>
          {valueText(value, words)}
        </p>
      )}
      {typeof confidence === 'number' && <Confidence value={confidence} />}
      {rationale && (
        <div className="loupe-rationale">
          <p className="loupe-label">{t('output.rationale')}</p>
          <p className="loupe-text">{rationale}</p>
        </div>
      )}
    </div>
  );
}

/**
 * One item's AI output beside the editable correction, field by field, with the comment and the reason.
 * It stays mounted from item to item (the page keeps its elements and only their text changes); the
 * editors, keyed by `resetKey`, are mounted afresh for every item (and after undo/redo), so they start from
 * the draft given.
 */
export const ItemView = memo(function ItemView({ schema, item, writer, initialDraft, problems, reasonError, controller, focusRequest, resetKey }: ItemViewProps) {
  const { t } = useReviewT();
  const baseId = useId();
  const multi = schema.fields.length > 1;
  const refs = useRef(new Map<string, HTMLElement>());
  const reasonRef = useRef<HTMLSelectElement>(null);
  const [reason, setReason] = useState(initialDraft.reason ?? '');
  const [reasonKey, setReasonKey] = useState(resetKey);
  if (reasonKey !== resetKey) {
    // Another item (or undo/redo): the reason starts again from the draft, as the editors do.
    setReasonKey(resetKey);
    setReason(initialDraft.reason ?? '');
  }
  const showReason = schema.reasonCodes.length > 0 || schema.requireReasonOnOverride;
  const knownReason = schema.reasonCodes.some((r) => r.code === reason);

  const onEdited = useCallback((field: string) => controller.clearProblem(field), [controller]);
  const onInputProblem = useCallback((field: string, p: FieldProblem | null) => controller.setInputProblem(field, p), [controller]);
  const fieldRef = useCallback((name: string) => (el: HTMLElement | null) => {
    if (el) refs.current.set(name, el);
    else refs.current.delete(name);
  }, []);

  // Opening an item puts the reviewer in its (first) Correction control.
  useEffect(() => {
    const first = schema.fields[0];
    if (first) focusControl(refs.current.get(first.name));
  }, [schema, resetKey]);

  useEffect(() => {
    if (!focusRequest) return;
    const r = focusRequest.request;
    if (r.target === 'reason') focusControl(reasonRef.current);
    else if (r.target === 'field') focusControl(refs.current.get(r.name));
    else if (schema.fields[0]) focusControl(refs.current.get(schema.fields[0].name));
  }, [focusRequest, schema, resetKey]);

  const outputHeading = `${baseId}-output`;
  const rationale = typeof item.rationale === 'string' ? item.rationale : undefined;

  return (
    <>
      <section className="loupe-panel loupe-output" aria-labelledby={outputHeading}>
        <h2 id={outputHeading}>{t('output.heading')}</h2>
        {item.model && <p className="loupe-muted">{t('output.model', { model: item.model })}</p>}
        {rationale && (
          <div className="loupe-rationale">
            <p className="loupe-label">{t('output.rationale')}</p>
            <p className="loupe-text">{rationale}</p>
          </div>
        )}
        {schema.fields.map((f) => {
          const label = fieldLabel(f);
          const headingId = `${baseId}-${f.name}-heading`;
          return (
            <div key={f.name} className="loupe-field" role={multi ? 'group' : undefined} aria-labelledby={multi ? headingId : undefined}>
              {multi && (
                <h3 id={headingId} className="loupe-field__heading">
                  {label}
                </h3>
              )}
              <div className="loupe-field__grid">
                <AiValue field={f} item={item} level={multi ? 4 : 3} />
                <div className="loupe-correction">
                  <FieldEditor
                    key={resetKey}
                    field={f}
                    name={multi ? t('correction.named', { label }) : t('correction.single')}
                    id={`${baseId}-${f.name}`}
                    initial={initialDraft.values[f.name]}
                    ai={item.output[f.name]}
                    writer={writer}
                    problem={problems[f.name]}
                    onEdited={onEdited}
                    onInputProblem={onInputProblem}
                    focusRef={fieldRef(f.name)}
                  />
                </div>
              </div>
            </div>
          );
        })}
      </section>

      <section className="loupe-panel loupe-notes" aria-label={t('notes.heading')}>
        <div className="loupe-notes__comment">
          <label htmlFor={`${baseId}-comment`} className="loupe-label">
            {t('notes.comment')}
          </label>
          <textarea
            key={resetKey}
            id={`${baseId}-comment`}
            className="loupe-input loupe-comment"
            rows={2}
            defaultValue={initialDraft.comment}
            dir="auto"
            onChange={(e) => writer.setComment(e.currentTarget.value)}
          />
        </div>
        {showReason && (
          <div className="loupe-notes__reason">
            <label htmlFor={`${baseId}-reason`} className="loupe-label">
              {t('notes.reason')}
            </label>
            <select
              id={`${baseId}-reason`}
              ref={reasonRef}
              className="loupe-input"
              value={reason}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={[schema.requireReasonOnOverride ? `${baseId}-reason-hint` : '', reasonError ? `${baseId}-reason-error` : ''].filter(Boolean).join(' ') || undefined}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setReason(v);
                writer.setReason(v === '' ? null : v);
                controller.clearReasonError();
              }}
            >
              <option value="">{t('notes.reasonNone')}</option>
              {!knownReason && reason !== '' && <option value={reason}>{reason}</option>}
              {schema.reasonCodes.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </select>
            {schema.requireReasonOnOverride && (
              <p id={`${baseId}-reason-hint`} className="loupe-muted">
                {t('notes.reasonRequired')}
              </p>
            )}
            {reasonError && (
              <p id={`${baseId}-reason-error`} className="loupe-error" role="alert">
                {t('errors.reasonRequired')}
              </p>
            )}
          </div>
        )}
      </section>
    </>
  );
});
