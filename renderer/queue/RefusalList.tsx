import { useTranslation } from 'react-i18next';
import type { SegmentRow } from '../storage';
import type { Refusal } from './replacements';

/** Refusals listed in full up to here; a long list says how many more there are. */
const LISTED = 50;

/** Why a segment's target was not changed, in words. */
export function useRefusalText(): (refusal: Refusal) => string {
  const { t } = useTranslation('queue');
  return (refusal) => {
    switch (refusal.kind) {
      case 'cuts-code':
        return refusal.code === null ? t('replace.refusal.copiesCode', { match: refusal.match }) : t('replace.refusal.cutsCode', { match: refusal.match, code: refusal.code });
      case 'unsaved':
        return t('replace.refusal.unsaved');
      case 'qa':
        return t('replace.refusal.qa', { message: refusal.message });
      case 'reason-required':
        return t('replace.refusal.reasonRequired');
      case 'changed':
        return t('replace.refusal.changed');
    }
  };
}

/** The segments a replacement left out, each with its id and why. */
export function RefusalList({ refused }: { refused: readonly { row: SegmentRow; refusal: Refusal }[] }) {
  const { t } = useTranslation('queue');
  const text = useRefusalText();
  return (
    <ul className="refusal-list">
      {refused.slice(0, LISTED).map(({ row, refusal }) => (
        <li key={row.id}>
          <bdi className="item-id">{row.id}</bdi> — {text(refusal)}
        </li>
      ))}
      {refused.length > LISTED && <li>{t('replace.refusalMore', { count: refused.length - LISTED })}</li>}
    </ul>
  );
}
