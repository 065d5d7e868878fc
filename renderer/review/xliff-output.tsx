import { useId, useMemo } from 'react';
import type { Item, OutputField } from '../../shared/domain';
import type { LengthLimit, XliffItemMeta } from '../../shared/xliff';
import { CodedText } from './coded-text';
import { plainText, type CodeTable } from './inline-codes';
import { KeyHint } from './keys';
import { ariaKeyShortcuts, shortcutById } from './shortcuts';
import { useReviewT } from './use-review-t';
import type { XliffView } from './xliff-item';

type Candidate = XliffItemMeta['candidates'][number];

/** What kind of proposal a candidate is; 1.2 proposals that are not machine translation come from memories. */
function kindOf(c: Candidate): 'machine' | 'memory' | 'exact' | 'terms' | 'assembled' | 'idiom' | 'other' {
  if (c.machine) return 'machine';
  switch (c.type) {
    case 'ice':
      return 'exact';
    case 'tb':
      return 'terms';
    case 'am':
      return 'assembled';
    case 'idiom':
      return 'idiom';
    case 'other':
      return 'other';
    default:
      return 'memory';
  }
}

function useNumber(): (n: number) => string {
  const { language } = useReviewT();
  return useMemo(() => {
    const format = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    return (n: number) => format.format(n);
  }, [language]);
}

/**
 * A candidate's kind, origin and (unless shown elsewhere) quality, the origin (a name from the file) isolated
 * from the words around it.
 */
function Details({ c, withQuality }: { c: Candidate; withQuality: boolean }) {
  const { t } = useReviewT();
  const number = useNumber();
  const quality = !withQuality
    ? null
    : c.matchQuality !== null
      ? t('xliff.quality', { value: number(c.matchQuality) })
      : c.similarity !== null
        ? t('xliff.similarity', { value: number(c.similarity) })
        : null;
  return (
    <>
      {t(`xliff.kind.${kindOf(c)}`)}
      {c.origin && (
        <>
          {' · '}
          <bdi>{c.origin}</bdi>
        </>
      )}
      {quality && ` · ${quality}`}
    </>
  );
}

/**
 * Where the AI output of a segment came from: the file's target, or which match, of which kind and origin (its
 * quality is the confidence shown under it).
 */
export function OutputOrigin({ view, item }: { view: XliffView; item: Item }) {
  const { t } = useReviewT();
  const { from, candidate } = view.meta.output;
  const match = candidate === null ? undefined : view.meta.candidates[candidate];
  if (from === 'none') return <p className="loupe-muted">{t('xliff.fromNone')}</p>;
  const head = match === undefined ? t('xliff.fromTarget') : from === 'target' ? t('xliff.fromTargetMatch', { n: (candidate ?? 0) + 1 }) : t('xliff.fromMatch', { n: (candidate ?? 0) + 1 });
  return (
    <p className="loupe-muted loupe-origin">
      {head}
      {match ? (
        <>
          {' · '}
          <Details c={match} withQuality={false} />
        </>
      ) : (
        item.model && (
          <>
            {` · ${t('xliff.kind.machine')} · `}
            <bdi>{item.model}</bdi>
          </>
        )
      )}
    </p>
  );
}

export interface CandidatesProps {
  view: XliffView;
  /** The target field, with the segment's language and direction. */
  field: OutputField;
  /** The source as the item's context holds it: a match's own source is shown only when it differs. */
  source: string | null;
  level: 3 | 4;
  onUse: (index: number) => void;
}

/** Every translation the file proposes, each with a button (and Ctrl+1…9) that takes it into the correction. */
export function Candidates({ view, field, source, level, onUse }: CandidatesProps) {
  const { t } = useReviewT();
  const headingId = useId();
  const candidate = shortcutById('candidate');
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <section className="loupe-candidates" aria-labelledby={headingId}>
      <Heading id={headingId} className="loupe-label">
        {t('xliff.matches')}
      </Heading>
      <ol className="loupe-candidates__list">
        {view.meta.candidates.map((c, i) => {
          const numbered = i < candidate.combos.length;
          return (
            <li key={i} className="loupe-candidate">
              <p className="loupe-candidate__about">
                <strong>{t('xliff.matchNumber', { n: i + 1 })}</strong> · <Details c={c} withQuality />
                {view.meta.output.candidate === i && ` · ${t('xliff.isOutput')}`}
              </p>
              <p className="loupe-text" lang={field.lang} dir={field.dir ?? 'auto'}>
                <CodedText text={c.text} codes={view.codes} />
              </p>
              {c.source !== null && c.source !== source && (
                <p className="loupe-muted">
                  {t('xliff.matchSource')}{' '}
                  <span className="loupe-text" lang={view.source.lang} dir={view.source.dir}>
                    <CodedText text={c.source} codes={view.codes} />
                  </span>
                </p>
              )}
              <button
                type="button"
                className="loupe-button"
                aria-keyshortcuts={numbered ? ariaKeyShortcuts(candidate, i) : undefined}
                onClick={() => onUse(i)}
              >
                {t('xliff.use', { n: i + 1 })}
                {numbered && <KeyHint id="candidate" index={i} />}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** How long a text is in the unit of a limit: code points, or bytes in the limit's encoding (UTF-8 unless UTF-16). */
export function measure(text: string, limit: LengthLimit): number {
  if (limit.unit === 'bytes' && /^utf-?16/iu.test(limit.encoding ?? '')) return text.length * 2;
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += limit.unit === 'codepoints' ? 1 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * The correction's length against the file's limit, as the reviewer types (it follows the deferred text, like
 * the diff). Codes are not counted: the limit is on the text. Crossing the limit is said once, not every key.
 */
export function LengthCount({ id, text, codes, limit }: { id: string; text: string; codes: CodeTable; limit: LengthLimit }) {
  const { t } = useReviewT();
  const count = useMemo(() => measure(plainText(text, codes), limit), [text, codes, limit]);
  const over = count - limit.max;
  const under = limit.min === undefined ? 0 : limit.min - count;
  const bytes = limit.unit === 'bytes';
  const encoding = limit.encoding ?? 'UTF-8';
  const { max, min } = limit;
  const counted =
    min === undefined
      ? t(bytes ? 'xliff.lengthBytes' : 'xliff.length', { count, max, encoding })
      : t(bytes ? 'xliff.lengthBytesRange' : 'xliff.lengthRange', { count, max, min, encoding });
  return (
    <p id={id} className={over > 0 || under > 0 ? 'loupe-length is-off' : 'loupe-length'}>
      {counted}
      {over > 0 && ` — ${t('xliff.over', { count: over })}`}
      {under > 0 && ` — ${t('xliff.under', { count: under })}`}
      {codes.size > 0 && <span className="loupe-muted"> {t('xliff.codesNotCounted')}</span>}
      <span className="loupe-visually-hidden" role="status">
        {over > 0 ? t('xliff.overNow') : ''}
      </span>
    </p>
  );
}
