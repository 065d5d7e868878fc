import { Fragment, memo } from 'react';
import { OPEN, pieces, type CodeTable, type InlineCode } from './inline-codes';
import { useReviewT } from './use-review-t';

/**
 * One inline code as a token. Its text is the placeholder the editor shows (so copying the source and pasting
 * it into the correction brings the code along); `dir="ltr"` isolates it, so right-to-left text around it keeps
 * its order; the file's label is its accessible name and tooltip.
 */
export function CodeToken({ text, code }: { text: string; code: InlineCode }) {
  const { t } = useReviewT();
  const name = t(`codes.${code.role}`, { n: code.n, label: code.label });
  return (
    <span className={`loupe-code is-${code.role}`} dir="ltr" role="img" aria-label={name} title={name}>
      {text}
    </span>
  );
}

/** A segment's text with its codes shown as tokens; everything else stays text, never markup. */
export const CodedText = memo(function CodedText({ text, codes }: { text: string; codes: CodeTable }) {
  return (
    <>
      {pieces(text, codes).map((p, i) =>
        p.kind === 'code' ? <CodeToken key={i} text={p.text} code={p.code} /> : <Fragment key={i}>{p.kind === 'escape' ? OPEN : p.text}</Fragment>,
      )}
    </>
  );
});
