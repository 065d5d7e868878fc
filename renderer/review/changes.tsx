import { memo, useMemo, type ReactNode } from 'react';
import type { FieldValue } from '../../shared/domain';
import { sameValue } from '../../shared/domain';
import { CodedText } from './coded-text';
import { diffParts, elide, type DiffPart } from './diff-parts';
import type { CodeTable } from './inline-codes';
import { useReviewT } from './use-review-t';
import { valueText } from './values';

interface MarkProps {
  kind: 'added' | 'removed';
  children: ReactNode;
  language: string;
}

/**
 * An insertion or deletion: <ins>/<del> (underlined / struck through, so the difference does not rest on
 * colour alone) with words for screen readers, which mostly do not announce those elements. Its text is a
 * bidi isolate: in right-to-left text a deletion and the insertion after it keep their order, even when both
 * are numbers or codes, which would otherwise run together left to right.
 */
function Mark({ kind, children, language }: MarkProps) {
  const { t } = useReviewT();
  const [start, end] = kind === 'added' ? [t('diff.insertedStart'), t('diff.insertedEnd')] : [t('diff.removedStart'), t('diff.removedEnd')];
  const inner = (
    <>
      <span className="loupe-visually-hidden" lang={language}>
        {start}
      </span>
      <bdi>{children}</bdi>
      <span className="loupe-visually-hidden" lang={language}>
        {end}
      </span>
    </>
  );
  return kind === 'added' ? <ins className="loupe-ins">{inner}</ins> : <del className="loupe-del">{inner}</del>;
}

function Gap() {
  const { t } = useReviewT();
  return (
    <span className="loupe-diff__gap" role="img" aria-label={t('diff.gapLabel')}>
      {t('diff.gap')}
    </span>
  );
}

function renderParts(parts: DiffPart[], long: boolean, language: string, codes: CodeTable | null) {
  const show = (text: string) => (codes ? <CodedText text={text} codes={codes} /> : text);
  return parts.map((part, i) => {
    if (part.kind !== 'same') {
      return (
        <Mark key={i} kind={part.kind} language={language}>
          {show(part.text)}
        </Mark>
      );
    }
    const cut = long ? elide(part.text, i === 0 ? 'start' : i === parts.length - 1 ? 'end' : 'middle') : null;
    if (!cut) return <span key={i}>{show(part.text)}</span>;
    return (
      <span key={i}>
        {show(cut.head)}
        <Gap />
        {show(cut.tail)}
      </span>
    );
  });
}

export interface TextChangesProps {
  id: string;
  before: string;
  after: string;
  lang?: string | undefined;
  dir: 'ltr' | 'rtl' | 'auto';
  /** A document: long unchanged stretches are cut to the context around the changes. */
  long: boolean;
  /** The inline codes of an XLIFF text: shown as codes, never split. */
  codes: CodeTable | null;
}

/**
 * The live difference between the AI's text and the correction. It is given the deferred text, and it is
 * memoised, so a keystroke never waits for the diff: React computes it when the typing leaves time.
 */
export const TextChanges = memo(function TextChanges({ id, before, after, lang, dir, long, codes }: TextChangesProps) {
  const { t, language } = useReviewT();
  const parts = useMemo(() => diffParts(before, after, lang, codes), [before, after, lang, codes]);
  const changed = parts.some((p) => p.kind !== 'same');
  return (
    <div className="loupe-changes" role="group" aria-labelledby={`${id}-heading`}>
      <p className="loupe-changes__heading" id={`${id}-heading`}>
        {t('diff.heading')}
      </p>
      {changed ? (
        <p className="loupe-text loupe-changes__text" lang={lang} dir={dir}>
          {renderParts(parts, long, language, codes)}
        </p>
      ) : (
        <p className="loupe-muted">{t('diff.none')}</p>
      )}
    </div>
  );
});

export interface ValueChangesProps {
  id: string;
  before: FieldValue | undefined;
  after: FieldValue | undefined;
  lang?: string | undefined;
}

/** The change of a label, a set of labels, a number or a yes/no: what went, and what came. */
export const ValueChanges = memo(function ValueChanges({ id, before, after, lang }: ValueChangesProps) {
  const { t, language } = useReviewT();
  const words = { empty: t('value.empty'), yes: t('value.yes'), no: t('value.no') };
  let body;
  if (sameValue(before, after)) {
    body = <p className="loupe-muted">{t('diff.none')}</p>;
  } else if (Array.isArray(before) || Array.isArray(after)) {
    const a = Array.isArray(before) ? before : [];
    const b = Array.isArray(after) ? after : [];
    const removed = a.filter((x) => !b.includes(x));
    const added = b.filter((x) => !a.includes(x));
    body = (
      <ul className="loupe-changes__list" lang={lang}>
        {removed.map((x) => (
          <li key={`-${x}`}>
            <Mark kind="removed" language={language}>
              {x}
            </Mark>
          </li>
        ))}
        {added.map((x) => (
          <li key={`+${x}`}>
            <Mark kind="added" language={language}>
              {x}
            </Mark>
          </li>
        ))}
      </ul>
    );
  } else {
    body = (
      <p className="loupe-changes__text" lang={lang}>
        <Mark kind="removed" language={language}>
          {valueText(before, words)}
        </Mark>
        <span aria-hidden="true"> → </span>
        <Mark kind="added" language={language}>
          {valueText(after, words)}
        </Mark>
      </p>
    );
  }
  return (
    <div className="loupe-changes" role="group" aria-labelledby={`${id}-heading`}>
      <p className="loupe-changes__heading" id={`${id}-heading`}>
        {t('diff.heading')}
      </p>
      {body}
    </div>
  );
});
