import { useTranslation } from 'react-i18next';

/** The review namespace's `t` and the language it speaks. */
export function useReviewT() {
  const { t, i18n } = useTranslation('review');
  return { t, language: i18n.language };
}

export type ReviewT = ReturnType<typeof useReviewT>['t'];
