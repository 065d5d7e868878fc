import { useId } from 'react';
import { fieldLabel, isTextKind, sameValue, type Item, type TaskSchema } from '../../shared/domain';
import type { ReviewStale } from '../../shared/review';
import { TextChanges, ValueChanges } from './changes';
import { useReviewT } from './use-review-t';
import { codesOf, outputFieldOf, type XliffView } from './xliff-item';

/**
 * A newer revision of the batch changed this item's AI output (or context) after the reviewer worked on
 * it: said plainly, with what changed shown by the same difference view as corrections. It stays until
 * the reviewer gives a verdict again, so an old verdict is never taken as a look at the new output.
 */
export function StaleNotice({ stale, item, schema, view }: { stale: ReviewStale; item: Item; schema: TaskSchema; view: XliffView | null }) {
  const { t } = useReviewT();
  const id = useId();
  const changed = schema.fields.filter((f) => !sameValue(stale.previousOutput[f.name], item.output[f.name])).map((f) => outputFieldOf(f, view));
  const contextChanged = stale.previousContext !== undefined;
  return (
    <section className="loupe-stale" role="region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="loupe-stale__title">
        {t('stale.title', { revision: stale.sinceRevision })}
      </h2>
      <p>{t('stale.what')}</p>
      {changed.map((f) => (
        <div key={f.name} className="loupe-stale__field">
          <p className="loupe-label">{t('stale.field', { label: fieldLabel(f) })}</p>
          {isTextKind(f.kind) ? (
            <TextChanges
              id={`${id}-${f.name}`}
              before={String(stale.previousOutput[f.name] ?? '')}
              after={String(item.output[f.name] ?? '')}
              lang={f.lang}
              dir={f.dir ?? 'auto'}
              long={f.kind === 'longtext'}
              codes={codesOf(f.name, 'output', view)}
            />
          ) : (
            <ValueChanges id={`${id}-${f.name}`} before={stale.previousOutput[f.name]} after={item.output[f.name]} lang={f.lang} />
          )}
        </div>
      ))}
      {contextChanged && <p>{t('stale.context')}</p>}
    </section>
  );
}

/** An item a newer revision of the batch left out: the reviewer's work on it is kept. */
export function WithdrawnNotice({ revision }: { revision: number }) {
  const { t } = useReviewT();
  return <p className="loupe-note">{t('withdrawn', { revision })}</p>;
}
