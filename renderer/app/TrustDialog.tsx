import { useTranslation } from 'react-i18next';
import type { TrustAnswer, TrustQuestion } from '../import';
import { Dialog } from './Dialog';

/**
 * Asked before a batch opens that no trusted key vouches for: who signed it (the key's fingerprint, to
 * compare with the one the coordinator gave) or that nobody did, and what that means. Cancel comes first
 * and has the focus, and Escape means Cancel, so the careful answer is the easy one.
 */
export function TrustDialog({ question, onAnswer }: { question: TrustQuestion; onAnswer: (answer: TrustAnswer) => void }) {
  const { t } = useTranslation('app');
  const unknown = question.trust === 'unknown-signer';
  return (
    <Dialog title={unknown ? t('trust.unknownTitle') : t('trust.unsignedTitle')} onClose={() => onAnswer('cancel')}>
      <div className="trust-explain">
        <p>{t('trust.file', { file: question.fileName, name: question.batchName, revision: question.revision })}</p>
        {unknown && question.signer ? (
          <>
            <p>{t('trust.signedBy')}</p>
            <p className="fingerprint">
              <code>{question.signer.fingerprint}</code>
            </p>
            <p>{t('trust.unknownMeaning')}</p>
          </>
        ) : (
          <p>{t('trust.unsignedMeaning')}</p>
        )}
        <p>{t('trust.advice')}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => onAnswer('cancel')}>
          {t('trust.cancel')}
        </button>
        <button type="button" onClick={() => onAnswer('open')}>
          {t('trust.openAnyway')}
        </button>
        {unknown && question.signer && (
          <button type="button" className="primary" onClick={() => onAnswer('trust')}>
            {t('trust.trustAndOpen')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
