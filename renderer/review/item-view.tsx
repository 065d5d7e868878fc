import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { fieldLabel, isTextKind, type Item, type OutputField, type TaskSchema } from '../../shared/domain';
import type { DraftState, Review } from '../../shared/review';
import { TARGET_FIELD } from '../../shared/xliff';
import { CodedText } from './coded-text';
import type { FieldProblem, ReviewController } from './controller';
import type { DraftWriter } from './draft-writer';
import { FieldEditor } from './fields';
import { KeyHint } from './keys';
import { ariaKeyShortcuts, shortcutById } from './shortcuts';
import { useReviewT } from './use-review-t';
import { valueText } from './values';
import { codesOf, outputFieldOf, SOURCE_FIELD, type XliffView } from './xliff-item';
import { Candidates, OutputOrigin } from './xliff-output';

export type FocusRequest = { target: 'reason' } | { target: 'field'; name: string } | { target: 'first' };

/** What the buttons beside a correction do; the screen does the same for their shortcuts. */
export interface EditCommands {
  restore(field: string): void;
  insertCodes(): void;
  useCandidate(index: number): void;
}

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
  /** The item's XLIFF side, or null. */
  view: XliffView | null;
  /** The editors' controls by field name, kept up to date here, read by the screen's commands. */
  fieldElements: Map<string, HTMLElement>;
  commands: EditCommands;
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

function Confidence({ value, label }: { value: number; label: string }) {
  const percent = Math.round(value * 100);
  return (
    <p className="loupe-confidence">
      <span>{label}</span>
      <span className={percent < 50 ? 'loupe-bar is-low' : 'loupe-bar'} aria-hidden="true">
        <span className="loupe-bar__fill" style={{ inlineSize: `${percent}%` }} />
      </span>
    </p>
  );
}

function AiValue({ field, item, level, view }: { field: OutputField; item: Item; level: 3 | 4; view: XliffView | null }) {
  const { t, language } = useReviewT();
  const value = item.output[field.name];
  const confidence = item.confidence?.[field.name];
  const rationale = typeof item.rationale === 'object' ? item.rationale[field.name] : undefined;
  const words = { empty: t('value.empty'), yes: t('value.yes'), no: t('value.no') };
  const Heading = level === 3 ? 'h3' : 'h4';
  const codes = codesOf(field.name, 'output', view);
  const segment = view && field.name === TARGET_FIELD ? view : null;
  // A segment's confidence is its match quality, given exactly rather than rounded to a percent.
  const quality = item.context.matchQuality;
  const confidenceLabel =
    segment && typeof quality === 'number'
      ? t('xliff.quality', { value: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(quality) })
      : t('output.confidence', { percent: Math.round((confidence ?? 0) * 100) });
  return (
    <div className="loupe-ai">
      <Heading className="loupe-ai__heading">{t('output.ai')}</Heading>
      {isTextKind(field.kind) ? (
        <p className="loupe-text loupe-ai__text" lang={field.lang} dir={field.dir ?? 'auto'}>
          {typeof value !== 'string' ? valueText(value, words) : codes ? <CodedText text={value} codes={codes} /> : value}
        </p>
      ) : (
        <p className="loupe-ai__text" lang={field.lang}>
          {valueText(value, words)}
        </p>
      )}
      {segment && <OutputOrigin view={segment} item={item} />}
      {typeof confidence === 'number' && <Confidence value={confidence} label={confidenceLabel} />}
      {rationale && (
        <div className="loupe-rationale">
          <p className="loupe-label">{t('output.rationale')}</p>
          <p className="loupe-text" dir="auto">
            {rationale}
          </p>
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
export const ItemView = memo(function ItemView({
  schema,
  item,
  writer,
  initialDraft,
  problems,
  reasonError,
  controller,
  focusRequest,
  resetKey,
  view,
  fieldElements,
  commands,
}: ItemViewProps) {
  const { t } = useReviewT();
  const baseId = useId();
  const multi = schema.fields.length > 1;
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
  const fieldRef = useCallback(
    (name: string) => (el: HTMLElement | null) => {
      if (el) fieldElements.set(name, el);
      else fieldElements.delete(name);
    },
    [fieldElements],
  );

  // Opening an item puts the reviewer in its (first) Correction control.
  useEffect(() => {
    const first = schema.fields[0];
    if (first) focusControl(fieldElements.get(first.name));
  }, [schema, resetKey, fieldElements]);

  useEffect(() => {
    if (!focusRequest) return;
    const r = focusRequest.request;
    if (r.target === 'reason') focusControl(reasonRef.current);
    else if (r.target === 'field') focusControl(fieldElements.get(r.name));
    else if (schema.fields[0]) focusControl(fieldElements.get(schema.fields[0].name));
  }, [focusRequest, schema, resetKey, fieldElements]);

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
            <p className="loupe-text" dir="auto">
              {rationale}
            </p>
          </div>
        )}
        {schema.fields.map((declared) => {
          const f = outputFieldOf(declared, view);
          const label = fieldLabel(f);
          const headingId = `${baseId}-${f.name}-heading`;
          const segment = view && f.name === TARGET_FIELD ? view : null;
          const tools = isTextKind(f.kind) && (
            <>
              <button type="button" className="loupe-button" aria-keyshortcuts={ariaKeyShortcuts(shortcutById('restore'))} onClick={() => commands.restore(f.name)}>
                {multi ? t('correction.restoreNamed', { label }) : t('correction.restore')}
                <KeyHint id="restore" />
              </button>
              {segment && segment.codes.size > 0 && (
                <button type="button" className="loupe-button" aria-keyshortcuts={ariaKeyShortcuts(shortcutById('codes'))} onClick={commands.insertCodes}>
                  {t('correction.insertCodes')}
                  <KeyHint id="codes" />
                </button>
              )}
            </>
          );
          return (
            <div key={f.name} className="loupe-field" role={multi ? 'group' : undefined} aria-labelledby={multi ? headingId : undefined}>
              {multi && (
                <h3 id={headingId} className="loupe-field__heading">
                  {label}
                </h3>
              )}
              <div className="loupe-field__grid">
                <AiValue field={f} item={item} level={multi ? 4 : 3} view={view} />
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
                    codes={codesOf(f.name, 'output', view)}
                    lengthLimit={segment?.meta.lengthLimit ?? null}
                    tools={tools || undefined}
                  />
                </div>
              </div>
              {segment && segment.meta.candidates.length > 0 && (
                <Candidates
                  view={segment}
                  field={f}
                  source={typeof item.context[SOURCE_FIELD] === 'string' ? item.context[SOURCE_FIELD] : null}
                  level={multi ? 4 : 3}
                  onUse={commands.useCandidate}
                />
              )}
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
