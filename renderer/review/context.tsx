import { createContext, useContext, useEffect, useState, type KeyboardEvent } from 'react';
import { fieldLabel, type ContextField, type FieldValue, type Item, type TaskSchema } from '../../shared/domain';
import { CodedText } from './coded-text';
import type { CodeTable } from './inline-codes';
import { IMAGE_KEYS } from './shortcuts';
import { useReviewT } from './use-review-t';
import { isSafeImageSource, valueText } from './values';
import { codesOf, contextFieldOf, SHOWN_WITH_OUTPUT, type XliffView } from './xliff-item';

const ZOOMS = [0, 1, 2, 4] as const; // 0 = fit the panel

/** Reads an attachment of the open batch (an image a context field names by its path in the batch file). */
export type AttachmentLoader = (path: string) => Promise<Blob | undefined>;
export const AttachmentContext = createContext<AttachmentLoader | null>(null);

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', bmp: 'image/bmp', svg: 'image/svg+xml' };

/** The media type an attachment is shown as, from its name: the batch file records none. */
export function imageType(path: string): string {
  return IMAGE_TYPES[path.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/**
 * What an <img> can load: data: and blob: URLs as they are; an attachment path as a blob: URL of the
 * stored bytes, made while shown and released after (null while loading, 'missing' when not stored).
 */
function useImageUrl(src: string): string | null | 'missing' {
  const load = useContext(AttachmentContext);
  const direct = /^(data|blob):/iu.test(src.trim());
  const [url, setUrl] = useState<string | null | 'missing'>(null);
  useEffect(() => {
    if (direct) return;
    if (!load) {
      setUrl('missing');
      return;
    }
    let live = true;
    let made: string | null = null;
    load(src).then(
      (blob) => {
        if (!live) return;
        made = blob ? URL.createObjectURL(blob) : null;
        setUrl(made ?? 'missing');
      },
      () => live && setUrl('missing'),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [src, load, direct]);
  return direct ? src : url;
}

/**
 * An image of the case, with zoom: click toggles fit / 100 %, and while the image has focus + and − zoom,
 * 0 fits it again. Only images carried by the batch are shown.
 */
export function ImageViewer({ src, label }: { src: string; label: string }) {
  const { t } = useReviewT();
  const [zoom, setZoom] = useState(0);
  const [natural, setNatural] = useState<number | null>(null);
  const url = useImageUrl(src);
  if (!isSafeImageSource(src)) return <p className="loupe-muted">{t('context.imageBlocked')}</p>;
  if (url === 'missing') return <p className="loupe-muted">{t('context.imageMissing', { path: src })}</p>;
  if (url === null) return <p className="loupe-muted">{t('context.imageLoading')}</p>;
  const level = ZOOMS[zoom] ?? 0;
  const zoomIn = () => setZoom((z) => Math.min(z + 1, ZOOMS.length - 1));
  const zoomOut = () => setZoom((z) => Math.max(z - 1, 0));
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if ((IMAGE_KEYS.zoomIn as readonly string[]).includes(e.key)) zoomIn();
    else if ((IMAGE_KEYS.zoomOut as readonly string[]).includes(e.key)) zoomOut();
    else if ((IMAGE_KEYS.fit as readonly string[]).includes(e.key)) setZoom(0);
    else return;
    e.preventDefault();
  };
  const style = level === 0 || natural === null ? undefined : { width: `${natural * level}px`, maxWidth: 'none' };
  return (
    <figure className="loupe-image">
      <div
        className={level === 0 ? 'loupe-image__viewport is-fit' : 'loupe-image__viewport'}
        tabIndex={0}
        role="group"
        aria-label={t('context.imageViewer', { label })}
        aria-keyshortcuts="+ - 0"
        onKeyDown={onKeyDown}
      >
        <img
          src={url}
          alt={t('context.imageAlt', { label })}
          style={style}
          onLoad={(e) => setNatural(e.currentTarget.naturalWidth || null)}
          onClick={() => setZoom((z) => (z === 0 ? 1 : 0))}
        />
      </div>
      <figcaption className="loupe-image__controls">
        <button type="button" onClick={zoomOut} disabled={zoom === 0} aria-keyshortcuts="-">
          {t('context.zoomOut')} <kbd aria-hidden="true">−</kbd>
        </button>
        <button type="button" onClick={() => setZoom(0)} aria-pressed={zoom === 0} aria-keyshortcuts="0">
          {t('context.fit')} <kbd aria-hidden="true">0</kbd>
        </button>
        <button type="button" onClick={() => setZoom(1)} aria-pressed={zoom === 1}>
          {t('context.actualSize')}
        </button>
        <button type="button" onClick={zoomIn} disabled={zoom === ZOOMS.length - 1} aria-keyshortcuts="+">
          {t('context.zoomIn')} <kbd aria-hidden="true">+</kbd>
        </button>
        <span className="loupe-muted">{level === 0 ? t('context.zoomFit') : t('context.zoomLevel', { percent: level * 100 })}</span>
      </figcaption>
    </figure>
  );
}

function ContextValue({ field, value, codes }: { field: ContextField; value: FieldValue | undefined; codes: CodeTable | null }) {
  const { t } = useReviewT();
  const words = { empty: t('value.empty'), yes: t('value.yes'), no: t('value.no') };
  if (field.kind === 'image') {
    return typeof value === 'string' && value ? <ImageViewer src={value} label={fieldLabel(field)} /> : <p className="loupe-muted">{words.empty}</p>;
  }
  if (field.kind === 'labels' && Array.isArray(value) && value.length > 0) {
    return (
      <ul className="loupe-labels" lang={field.lang} dir={field.dir ?? 'auto'}>
        {value.map((v) => (
          <li key={v}>{v}</li>
        ))}
      </ul>
    );
  }
  return (
    <p className="loupe-text" lang={field.lang} dir={field.dir ?? 'auto'}>
      {codes && typeof value === 'string' && value !== '' ? <CodedText text={value} codes={codes} /> : valueText(value, words)}
    </p>
  );
}

/**
 * The item's read-only context: source text, case notes, images. Always shown as text, never as markup. For an
 * XLIFF segment, the source shows its inline codes in its own language, and what is shown with the AI output
 * and the editor (origin, match quality, length limit) is not repeated here.
 */
export function ContextPanel({ schema, item, headingId, view }: { schema: TaskSchema; item: Item; headingId: string; view: XliffView | null }) {
  const { t } = useReviewT();
  const declared = new Set(schema.context.map((f) => f.name));
  const fields: ContextField[] = [
    ...schema.context,
    ...Object.keys(item.context)
      .filter((name) => !declared.has(name))
      .map((name): ContextField => ({ name, kind: 'longtext' })),
  ]
    .filter((f) => !view || !SHOWN_WITH_OUTPUT.has(f.name))
    .map((f) => contextFieldOf(f, view));
  if (fields.length === 0) return null;
  return (
    <section className="loupe-panel loupe-context" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('context.heading')}</h2>
      {fields.map((f) => (
        <div key={f.name} className="loupe-context__field">
          {fields.length > 1 || fieldLabel(f) !== 'text' ? <h3>{fieldLabel(f)}</h3> : null}
          <ContextValue field={f} value={item.context[f.name]} codes={codesOf(f.name, 'context', view)} />
        </div>
      ))}
    </section>
  );
}
