import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { overrideFinding, type QaFinding, type QaOverride, type QaSpan } from '../../shared/qa';
import type { StoredGlossary } from '../storage';
import { Combo, KeyHint } from './keys';
import { excerptOf, type QaCheck } from './qa';
import { ariaKeyShortcuts, shortcutById } from './shortcuts';
import { useReviewT } from './use-review-t';

interface TextSide {
  lang: string | undefined;
  dir: 'ltr' | 'rtl' | 'auto' | undefined;
}

export interface QaPanelProps {
  /** The latest check of the item on screen, or null before any. */
  check: QaCheck | null;
  /** The errors the reviewer overrode on this item so far. */
  overrides: readonly QaOverride[];
  /** The errors that stopped the last confirmation, while they stand. */
  blocked: readonly QaFinding[] | null;
  /** The override form is open for these errors. */
  overriding: readonly QaFinding[] | null;
  glossary: StoredGlossary | null;
  target: TextSide;
  source: TextSide;
  onRun: () => void;
  /** Selects a finding's place in the correction. */
  onSelect: (span: QaSpan, check: QaCheck) => void;
  onConfirmAnyway: () => void;
  onOverride: (overrides: QaOverride[]) => void;
  onCancelOverride: () => void;
}

function Marked({ text, span, side }: { text: string; span: QaSpan; side: TextSide }) {
  const { before, marked, after } = excerptOf(text, span);
  return (
    <span className="loupe-qa__excerpt loupe-text" lang={side.lang} dir={side.dir ?? 'auto'}>
      {before}
      <mark>{marked}</mark>
      {after}
    </span>
  );
}

function Finding({ finding, check, overridden, target, source, onSelect }: { finding: QaFinding; check: QaCheck; overridden: QaOverride | undefined; target: TextSide; source: TextSide; onSelect: QaPanelProps['onSelect'] }) {
  const { t } = useReviewT();
  const where = finding.target[0];
  const from = finding.source[0];
  const level = overridden ? 'overridden' : finding.level;
  return (
    <li className={`loupe-qa__finding is-${level}`}>
      <p>
        <strong>{t(`qa.${level}`)}</strong> {finding.message}
        {overridden && <span className="loupe-muted"> {overridden.reason}</span>}
      </p>
      {where ? (
        <p className="loupe-qa__where">
          <span className="loupe-muted">{t('qa.inTarget')}</span> <Marked text={check.text} span={where} side={target} />{' '}
          <button type="button" className="loupe-button is-quiet" onClick={() => onSelect(where, check)}>
            {t('qa.select')}
          </button>
        </p>
      ) : (
        from && (
          <p className="loupe-qa__where">
            <span className="loupe-muted">{t('qa.inSource')}</span> <Marked text={check.source} span={from} side={source} />
          </p>
        )
      )}
    </li>
  );
}

/**
 * The override form: one reason for each error, keyboard only — Enter confirms, Esc cancels. A dialog in the
 * page rather than over it, so the findings stay readable beside it; the screen's shortcuts leave it alone.
 */
function OverrideForm({ errors, onSubmit, onCancel }: { errors: readonly QaFinding[]; onSubmit: (o: QaOverride[]) => void; onCancel: () => void }) {
  const { t } = useReviewT();
  const id = useId();
  const [reasons, setReasons] = useState<string[]>(() => errors.map(() => ''));
  const [problems, setProblems] = useState<Array<string | null>>(() => errors.map(() => null));
  const inputs = useRef<Array<HTMLInputElement | null>>([]);

  useEffect(() => inputs.current[0]?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const results = errors.map((f, i) => overrideFinding(f, reasons[i] ?? ''));
    const found = results.map((r) => (r.ok ? null : r.message));
    setProblems(found);
    const first = found.findIndex((p) => p !== null);
    if (first >= 0) {
      inputs.current[first]?.focus();
      return;
    }
    onSubmit(results.flatMap((r) => (r.ok ? [r.override] : [])));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onCancel();
  };

  return (
    <div className="loupe-qa__override" role="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-about`} onKeyDown={onKeyDown}>
      <h3 id={`${id}-title`}>{t('qa.overrideTitle')}</h3>
      <p id={`${id}-about`} className="loupe-muted">
        {t('qa.overrideAbout')}
      </p>
      <form onSubmit={submit} noValidate>
        {errors.map((f, i) => (
          <div key={`${f.rule} ${f.key}`} className="loupe-qa__reason">
            <label htmlFor={`${id}-${i}`} className="loupe-label">
              {t('qa.reasonFor', { message: f.message })}
            </label>
            <input
              id={`${id}-${i}`}
              ref={(el) => {
                inputs.current[i] = el;
              }}
              type="text"
              className="loupe-input"
              dir="auto"
              value={reasons[i] ?? ''}
              aria-invalid={problems[i] ? true : undefined}
              aria-describedby={problems[i] ? `${id}-${i}-problem` : undefined}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setReasons((r) => r.map((x, j) => (j === i ? value : x)));
              }}
            />
            {problems[i] && (
              <p id={`${id}-${i}-problem`} className="loupe-error">
                {problems[i]}
              </p>
            )}
          </div>
        ))}
        <p className="loupe-qa__buttons">
          <button type="submit" className="loupe-button is-primary">
            {t('qa.overrideSubmit')}
            <span className="loupe-hint" aria-hidden="true">
              <Combo combo={{ key: 'Enter', scope: 'anywhere' }} />
            </span>
          </button>
          <button type="button" className="loupe-button" onClick={onCancel}>
            {t('qa.cancel')}
            <span className="loupe-hint" aria-hidden="true">
              <Combo combo={{ key: 'Escape', scope: 'anywhere' }} />
            </span>
          </button>
        </p>
      </form>
    </div>
  );
}

/**
 * The QA checks of the item on screen (docs/qa.md, "In the app"): run on demand (F4) and when the reviewer
 * confirms, each finding with its message and its place, marked in an excerpt of the text and selectable in
 * the correction. Everything is rendered as text. Errors that stop a confirmation offer the override form.
 */
export function QaPanel(props: QaPanelProps) {
  const { check, overrides, blocked, overriding, glossary } = props;
  const { t } = useReviewT();
  const id = useId();
  const overrideOf = (f: QaFinding) => (f.level === 'error' ? overrides.find((o) => o.rule === f.rule && o.key === f.key) : undefined);
  const errors = check ? check.findings.filter((f) => f.level === 'error' && !overrideOf(f)).length : 0;
  const warnings = check ? check.findings.filter((f) => f.level === 'warning').length : 0;

  return (
    <section className="loupe-panel loupe-qa" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('qa.heading')}</h2>
      <p className="loupe-qa__status">
        <button type="button" className="loupe-button" aria-keyshortcuts={ariaKeyShortcuts(shortcutById('qa'))} onClick={props.onRun}>
          {t('qa.run')}
          <KeyHint id="qa" />
        </button>{' '}
        <span>
          {!check
            ? t('qa.notRun')
            : check.findings.length === 0
              ? t('qa.none')
              : t('qa.summary', { errors: t('qa.errors', { count: errors }), warnings: t('qa.warnings', { count: warnings }) })}
        </span>
      </p>
      {glossary &&
        (glossary.read.ok ? (
          <p className="loupe-muted">{t('qa.glossary', { name: glossary.fileName, count: glossary.read.glossary.entries.length })}</p>
        ) : (
          <div className="loupe-error">
            <p>{t('qa.glossaryBroken', { name: glossary.fileName })}</p>
            <ul>
              {glossary.read.errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          </div>
        ))}
      {check && check.findings.length > 0 && (
        <ul className="loupe-qa__findings" aria-label={t('qa.findings')}>
          {check.findings.map((f, i) => (
            <Finding key={i} finding={f} check={check} overridden={overrideOf(f)} target={props.target} source={props.source} onSelect={props.onSelect} />
          ))}
        </ul>
      )}
      {blocked && !overriding && (
        <p className="loupe-qa__blocked">
          {t('qa.blocked', { count: blocked.length })}{' '}
          <button type="button" className="loupe-button" aria-haspopup="dialog" aria-keyshortcuts={ariaKeyShortcuts(shortcutById('accept'))} onClick={props.onConfirmAnyway}>
            {t('qa.confirmAnyway')}
            <KeyHint id="accept" />
          </button>
        </p>
      )}
      {overriding && <OverrideForm errors={overriding} onSubmit={props.onOverride} onCancel={props.onCancelOverride} />}
    </section>
  );
}
