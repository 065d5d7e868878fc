import { memo, useMemo } from 'react';
import type { FieldValue } from '../../shared/domain';
import { sameValue } from '../../shared/domain';
import { diffParts, elide, type DiffPart } from './diff-parts';
import { useReviewT } from './use-review-t';
import { valueText } from './values';

interface MarkProps {
  kind: 'added' | 'removed';
  text: string;
  language: string;
}

/**
 * An insertion or deletion: <ins>/<del> (underlined / struck through, so the difference does not rest on
 * colour alone) with words for screen readers, which mostly do not announce those elements.
 */
function Mark({ kind, text, language }: MarkProps) {
  const { t } = useReviewT();
  const [start, end] = kind === 'added' ? [t('diff.insertedStart'), t('diff.insertedEnd')] : [t('diff.removedStart'), t('diff.removedEnd')];
  const inner = (
    <>
      <span className="loupe-visually-hidden" lang={language}>
        {start}
      </span>
      {text}
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

function renderParts(parts: DiffPart[], long: boolean, language: string) {
  return parts.map((part, i) => {
    if (part.kind !== 'same') return <Mark key={i} kind={part.kind} text={part.text} language={language} />;
    const cut = long ? elide(part.text, i === 0 ? 'start' : i === parts.length - 1 ? 'end' : 'middle') : null;
    if (!cut) return <span key={i}>{part.text}</span>;
    return (
      <span key={i}>
        {cut.head}
        <Gap />
        {cut.tail}
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
}

/**
 * The live difference between the AI's text and the correction. It is given the deferred text, and it is
 * memoised, so a keystroke never waits for the diff: React computes it when the typing leaves time.
 */
export const TextChanges = memo(function TextChanges({ id, before, after, lang, dir, long }: TextChangesProps) {
  const { t, language } = useReviewT();
  const parts = useMemo(() => diffParts(before, after, lang), [before, after, lang]);
  const changed = parts.some((p) => p.kind !== 'same');
  return (
    <div className="loupe-changes" role="group" aria-labelledby={`${id}-heading`}>
      <p className="loupe-changes__heading" id={`${id}-heading`}>
        {t('diff.heading')}
      </p>
      {changed ? (
        <p className="loupe-text loupe-changes__text" lang={lang} dir={dir}>
          {renderParts(parts, long, language)}
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
            <Mark kind="removed" text={x} language={language} />
          </li>
        ))}
        {added.map((x) => (
          <li key={`+${x}`}>
            <Mark kind="added" text={x} language={language} />
          </li>
        ))}
      </ul>
    );
  } else {
    body = (
      <p className="loupe-changes__text" lang={lang}>
        <Mark kind="removed" text={valueText(before, words)} language={language} />
        <span aria-hidden="true"> → </span>
        <Mark kind="added" text={valueText(after, words)} language={language} />
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
