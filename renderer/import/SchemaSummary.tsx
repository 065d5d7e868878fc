import { useTranslation } from 'react-i18next';
import { fieldLabel, type ContextKind, type TaskSchema } from '../../shared/domain';

/**
 * A batch's schema at a glance: its fields and context on one line, the details (options, labels,
 * instructions, reason codes) one click further. An inferred schema says so, so a coordinator checks it.
 */
export function SchemaSummary({ schema, inferred = false, open = false }: { schema: TaskSchema; inferred?: boolean; open?: boolean }) {
  const { t } = useTranslation('import');
  const describe = (f: { name: string; label?: string | undefined; kind: ContextKind }) => t('schema.fieldKind', { name: fieldLabel(f), kind: t(`kinds.${f.kind}`) });
  const fields = schema.fields.map(describe).join(', ');
  const context = schema.context.map(describe).join(', ');
  return (
    <details className="schema-summary" open={open}>
      <summary>
        <span className="schema-title">{inferred ? t('schema.inferredTitle') : t('schema.title', { name: schema.name })}</span>{' '}
        <span>{t('schema.fields', { list: fields })}</span>
        {context && <span> · {t('schema.context', { list: context })}</span>}
      </summary>
      <table className="schema-table">
        <caption className="visually-hidden">{t('schema.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('schema.name')}</th>
            <th scope="col">{t('schema.role')}</th>
            <th scope="col">{t('schema.kind')}</th>
            <th scope="col">{t('schema.options')}</th>
          </tr>
        </thead>
        <tbody>
          {schema.fields.map((f) => (
            <tr key={`f:${f.name}`}>
              <th scope="row">{fieldLabel(f)}</th>
              <td>{t('schema.output')}</td>
              <td>{t(`kinds.${f.kind}`)}</td>
              <td>{f.options?.join(', ') ?? ''}</td>
            </tr>
          ))}
          {schema.context.map((f) => (
            <tr key={`c:${f.name}`}>
              <th scope="row">{fieldLabel(f)}</th>
              <td>{t('schema.contextRole')}</td>
              <td>{t(`kinds.${f.kind}`)}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {schema.instructions && (
        <>
          <h3>{t('schema.instructions')}</h3>
          <p className="instructions">{schema.instructions}</p>
        </>
      )}
      {schema.reasonCodes.length > 0 && (
        <>
          <h3>{t('schema.reasonCodes')}</h3>
          <ul>
            {schema.reasonCodes.map((r) => (
              <li key={r.code}>
                <code>{r.code}</code> {r.label}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
