import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type ChangeEvent, type ReactNode, type Ref } from 'react';
import type { FieldValue, OutputField } from '../../shared/domain';
import type { LengthLimit } from '../../shared/xliff';
import { SearchableSelect } from './combobox';
import { TextChanges, ValueChanges } from './changes';
import { guardCodes } from './code-guard';
import type { FieldProblem } from './controller';
import type { DraftWriter } from './draft-writer';
import type { CodeTable } from './inline-codes';
import { SEARCH_RESULT_LIMIT, SEARCHABLE_OPTION_THRESHOLD } from './timing';
import { useReviewT } from './use-review-t';
import { asText } from './values';
import { LengthCount } from './xliff-output';

export interface FieldEditorProps {
  field: OutputField;
  /** The accessible name: "Correction", or "Correction: <label>" when the schema has several fields. */
  name: string;
  id: string;
  initial: FieldValue | undefined;
  ai: FieldValue | undefined;
  writer: DraftWriter;
  problem: FieldProblem | undefined;
  onEdited: (field: string) => void;
  onInputProblem: (field: string, problem: FieldProblem | null) => void;
  focusRef?: Ref<HTMLElement> | undefined;
  /** The inline codes the text holds (an XLIFF target): kept whole while typing, shown as codes in the diff. */
  codes?: CodeTable | null;
  /** The file's length limit on the text, counted live. */
  lengthLimit?: LengthLimit | null;
  /** Buttons that act on this text (restore the AI output, insert codes), shown under it. */
  tools?: ReactNode;
}

function useProblemText(problem: FieldProblem | undefined): string | undefined {
  const { t } = useReviewT();
  if (!problem) return undefined;
  switch (problem.kind) {
    case 'below-min':
      return t('errors.belowMin', { min: problem.min });
    case 'above-max':
      return t('errors.aboveMax', { max: problem.max });
    case 'not-a-number':
      return t('errors.notANumber');
  }
}

function ProblemText({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="loupe-error" role="alert">
      {text}
    </p>
  );
}

export function FieldEditor(props: FieldEditorProps) {
  switch (props.field.kind) {
    case 'text':
    case 'longtext':
      return <TextEditor {...props} />;
    case 'label':
      return <LabelEditor {...props} />;
    case 'labels':
      return <LabelsEditor {...props} />;
    case 'number':
      return <NumberEditor {...props} />;
    case 'boolean':
      return <BooleanEditor {...props} />;
  }
}

const fieldSizingSupported = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

/**
 * Text and documents. The control is uncontrolled: a keystroke writes the draft (a field of a plain object)
 * and sets this component's text, nothing else re-renders; the diff follows the deferred text.
 */
function TextEditor({ field, name, id, initial, ai, writer, problem, onEdited, focusRef, codes, lengthLimit, tools }: FieldEditorProps) {
  const aiText = asText(ai);
  const start = asText(initial);
  const [text, setText] = useState(start);
  const deferred = useDeferredValue(text);
  // A textarea reports line breaks as \n; keep the document's own \r\n so an untouched line is unchanged.
  const crlf = useMemo(() => start.includes('\r\n') || aiText.includes('\r\n'), [start, aiText]);
  const problemText = useProblemText(problem);
  const grow = useRef<HTMLTextAreaElement | null>(null);
  const control = useRef<HTMLTextAreaElement | HTMLInputElement | null>(null);
  const frame = useRef(0);
  const dir = field.dir ?? 'auto';
  const long = field.kind === 'longtext';
  const rows = useMemo(() => Math.min(24, Math.max(4, start.split('\n').length + 1)), [start]);

  const fit = () => {
    const el = grow.current;
    if (!el || fieldSizingSupported) return;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      el.style.height = 'auto';
      el.style.height = `${el.scrollHeight + 2}px`;
    });
  };
  useLayoutEffect(fit, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  useEffect(() => (codes && control.current ? guardCodes(control.current, codes) : undefined), [codes]);
  const setRef = useCallback(
    (el: HTMLInputElement | HTMLTextAreaElement | null) => {
      grow.current = el instanceof HTMLTextAreaElement ? el : null;
      control.current = el;
      assignRef(focusRef, el);
    },
    [focusRef],
  );

  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    let v = e.currentTarget.value;
    if (crlf) v = v.replace(/\r?\n/gu, '\r\n');
    writer.setValue(field.name, v === '' && (ai === null || ai === undefined) ? null : v);
    onEdited(field.name);
    setText(v);
    if (long) fit();
  };

  const describedBy = [problemText ? `${id}-problem` : '', lengthLimit && codes ? `${id}-length` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    lang: field.lang,
    dir,
    defaultValue: start,
    onChange,
    spellCheck: true,
    'aria-invalid': problemText ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;

  return (
    <div className="loupe-editor">
      <label htmlFor={id} className="loupe-label">
        {name}
      </label>
      {long ? (
        <textarea
          {...common}
          ref={setRef}
          className="loupe-input loupe-textarea"
          rows={rows}
        />
      ) : (
        <input {...common} ref={setRef} type="text" className="loupe-input" autoComplete="off" />
      )}
      {tools && <div className="loupe-editor__tools">{tools}</div>}
      <ProblemText id={`${id}-problem`} text={problemText} />
      {lengthLimit && codes && <LengthCount id={`${id}-length`} text={deferred} codes={codes} limit={lengthLimit} />}
      <TextChanges id={`${id}-changes`} before={aiText} after={deferred} lang={field.lang} dir={dir} long={long} codes={codes ?? null} />
    </div>
  );
}

function assignRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (!ref) return;
  if (typeof ref === 'function') ref(value);
  else (ref as { current: T | null }).current = value;
}

function LabelEditor({ field, name, id, initial, ai, writer, problem, onEdited, focusRef }: FieldEditorProps) {
  const { t } = useReviewT();
  const [value, setValue] = useState<string | null>(typeof initial === 'string' ? initial : null);
  const options = field.options ?? [];
  const problemText = useProblemText(problem);
  // The AI may answer outside the list; its answer is kept choosable so "as it stands" stays true.
  const outside = [typeof ai === 'string' ? ai : null, value].filter((v, i, a): v is string => v !== null && !options.includes(v) && a.indexOf(v) === i);
  const change = (v: string | null) => {
    setValue(v);
    writer.setValue(field.name, v);
    onEdited(field.name);
  };
  const describedBy = problemText ? `${id}-problem` : undefined;
  return (
    <div className="loupe-editor">
      <label htmlFor={id} className="loupe-label">
        {name}
      </label>
      {options.length > SEARCHABLE_OPTION_THRESHOLD ? (
        <SearchableSelect
          id={id}
          options={[...outside, ...options]}
          value={value}
          onChange={change}
          lang={field.lang}
          dir={field.dir}
          invalid={Boolean(problemText)}
          describedBy={describedBy}
          inputRef={(el) => assignRef(focusRef, el)}
        />
      ) : (
        <select
          id={id}
          ref={(el) => assignRef(focusRef, el)}
          className="loupe-input"
          lang={field.lang}
          value={value ?? ''}
          aria-invalid={problemText ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => change(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        >
          <option value="">{t('correction.none')}</option>
          {outside.map((o) => (
            <option key={`outside-${o}`} value={o}>
              {t('correction.notInList', { value: o })}
            </option>
          ))}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
      <ProblemText id={`${id}-problem`} text={problemText} />
      <ValueChanges id={`${id}-changes`} before={ai} after={value} lang={field.lang} />
    </div>
  );
}

function LabelsEditor({ field, name, id, initial, ai, writer, onEdited, focusRef }: FieldEditorProps) {
  const { t } = useReviewT();
  const [value, setValue] = useState<string[]>(Array.isArray(initial) ? initial : []);
  const [filter, setFilter] = useState('');
  const options = field.options ?? [];
  const many = options.length > SEARCHABLE_OPTION_THRESHOLD;
  const outside = value.filter((v) => !options.includes(v));
  const shown = useMemo(() => {
    if (!many) return options;
    const q = filter.trim().toLowerCase();
    const found = (q ? options.filter((o) => o.toLowerCase().includes(q)) : options).slice(0, SEARCH_RESULT_LIMIT);
    // What is chosen stays in view, whatever the filter.
    const chosen = options.filter((o) => value.includes(o) && !found.includes(o));
    return [...chosen, ...found];
  }, [many, options, filter, value]);

  const toggle = (option: string, on: boolean) => {
    const set = new Set(value);
    if (on) set.add(option);
    else set.delete(option);
    const next = [...options.filter((o) => set.has(o)), ...outside.filter((o) => set.has(o))];
    setValue(next);
    writer.setValue(field.name, next);
    onEdited(field.name);
  };

  let first = true;
  const box = (option: string, label: string) => {
    const isFirst = first;
    first = false;
    return (
      <label key={option} className="loupe-check" lang={field.lang} dir={field.dir ?? 'auto'}>
        <input type="checkbox" checked={value.includes(option)} onChange={(e) => toggle(option, e.currentTarget.checked)} ref={isFirst && !many ? (el) => assignRef(focusRef, el) : undefined} />{' '}
        {label}
      </label>
    );
  };

  return (
    <div className="loupe-editor">
      <fieldset className="loupe-fieldset" id={id}>
        <legend className="loupe-label">{name}</legend>
        {many && (
          <input
            type="search"
            className="loupe-input loupe-filter"
            aria-label={t('correction.filter')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            ref={(el) => assignRef(focusRef, el)}
          />
        )}
        <div className="loupe-checks">
          {outside.map((o) => box(o, t('correction.notInList', { value: o })))}
          {shown.map((o) => box(o, o))}
        </div>
      </fieldset>
      <ValueChanges id={`${id}-changes`} before={ai} after={value} lang={field.lang} />
    </div>
  );
}

function NumberEditor({ field, name, id, initial, ai, writer, problem, onEdited, onInputProblem, focusRef }: FieldEditorProps) {
  const [raw, setRaw] = useState(typeof initial === 'number' ? String(initial) : '');
  const [value, setValue] = useState<FieldValue>(typeof initial === 'number' ? initial : null);
  const problemText = useProblemText(problem);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    setRaw(el.value);
    let next: FieldValue = null;
    if (el.value === '') {
      onInputProblem(field.name, el.validity?.badInput ? { kind: 'not-a-number' } : null);
    } else {
      const n = Number(el.value);
      if (Number.isFinite(n)) {
        next = n;
        onInputProblem(field.name, null);
      } else {
        onInputProblem(field.name, { kind: 'not-a-number' });
      }
    }
    setValue(next);
    writer.setValue(field.name, next);
    onEdited(field.name);
  };
  return (
    <div className="loupe-editor">
      <label htmlFor={id} className="loupe-label">
        {name}
      </label>
      <input
        id={id}
        ref={(el) => assignRef(focusRef, el)}
        type="number"
        inputMode="decimal"
        step="any"
        className="loupe-input loupe-number"
        min={field.min}
        max={field.max}
        value={raw}
        aria-invalid={problemText ? true : undefined}
        aria-describedby={problemText ? `${id}-problem` : undefined}
        onChange={onChange}
      />
      <ProblemText id={`${id}-problem`} text={problemText} />
      <ValueChanges id={`${id}-changes`} before={ai} after={value} lang={field.lang} />
    </div>
  );
}

function BooleanEditor({ field, name, id, initial, ai, writer, onEdited, focusRef }: FieldEditorProps) {
  const [value, setValue] = useState<boolean | null>(typeof initial === 'boolean' ? initial : null);
  return (
    <div className="loupe-editor">
      <div className="loupe-check">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          ref={(el) => {
            if (el) el.indeterminate = value === null;
            assignRef(focusRef, el);
          }}
          onChange={(e) => {
            const v = e.currentTarget.checked;
            setValue(v);
            writer.setValue(field.name, v);
            onEdited(field.name);
          }}
        />{' '}
        <label htmlFor={id} className="loupe-label">
          {name}
        </label>
      </div>
      <ValueChanges id={`${id}-changes`} before={ai} after={value} lang={field.lang} />
    </div>
  );
}
