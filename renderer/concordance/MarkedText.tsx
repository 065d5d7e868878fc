import { Fragment, memo } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPieces, type Range } from '../../shared/search';

export interface MarkedTextProps {
  text: string;
  /** The text holds inline codes (a segment made from XLIFF): each is shown as a token. */
  coded: boolean;
  /** What each code stands for, by number: the token's accessible name. */
  labels: Readonly<Record<number, string>>;
  /** Ranges of `text` to mark: what a search found. */
  ranges: readonly Range[];
}

/**
 * A segment's text with the stretches a search found marked, as text and spans only: AI output is never
 * markup. An inline code is a framed token whose accessible name says what it stands for.
 */
export const MarkedText = memo(function MarkedText({ text, coded, labels, ranges }: MarkedTextProps) {
  const { t } = useTranslation('concordance');
  return (
    <>
      {displayPieces(text, coded, ranges).map((p, i) => {
        if (p.kind === 'text') return p.marked ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>;
        const label = labels[p.n];
        const name = label === undefined ? t('codes.unknown', { n: p.n }) : t(`codes.${p.role}`, { n: p.n, label });
        const token = (
          <span className={`marked-code is-${p.role}`} dir="ltr" role="img" aria-label={name} title={name}>
            {p.text}
          </span>
        );
        return p.marked ? <mark key={i}>{token}</mark> : <Fragment key={i}>{token}</Fragment>;
      })}
    </>
  );
});
