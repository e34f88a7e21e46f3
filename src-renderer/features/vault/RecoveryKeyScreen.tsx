import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVault, type RecoveryNotice } from '../../stores/vault';
import { GateFrame } from './GateFrame';

/**
 * The recovery key, shown once. It belongs on paper only, so it is printed or written down and
 * never copied: a clipboard is read by other programs and may be synced to the cloud. Printing
 * shows only the key and what to do with it (see the print rules in vault.css); continuing needs
 * the user to say it is stored safely.
 */
export function RecoveryKeyScreen({ recoveryKey, userName, notice }: { recoveryKey: string; userName?: string | undefined; notice?: RecoveryNotice | null }) {
  const { t } = useTranslation();
  const rekey = notice?.kind === 'rekey';
  const checkboxRef = useRef<HTMLInputElement>(null);
  const [stored, setStored] = useState(false);
  const [showError, setShowError] = useState(false);

  const proceed = () => {
    if (!stored) {
      setShowError(true);
      checkboxRef.current?.focus();
      return;
    }
    useVault.getState().setRecoveryKey(null);
  };

  return (
    <GateFrame title={t(rekey ? 'vault.recovery.rekeyTitle' : 'vault.recovery.title')}>
      <div className="recovery-print">
        <p className="print-only recovery-print__heading">{t('vault.recovery.printHeading')}</p>
        <p className="gate__lead">{t(rekey ? 'vault.recovery.rekeyIntro' : 'vault.recovery.intro')}</p>
        {(notice?.backupsEncrypted || notice?.backupsRemoved) && (
          <div className="alert alert--info no-print" role="status">
            {notice.backupsEncrypted ? <p>{t('vault.recovery.backupsEncrypted', { count: notice.backupsEncrypted })}</p> : null}
            {notice.backupsRemoved ? <p>{t('vault.recovery.backupsRemoved', { count: notice.backupsRemoved })}</p> : null}
          </div>
        )}
        <p className="recovery-key__label" id="recovery-key-label">
          {t('vault.recovery.keyLabel')}
        </p>
        <p className="recovery-key" data-testid="recovery-key">
          {recoveryKey}
        </p>
        <ul className="recovery-print__steps">
          <li>{t('vault.recovery.step1')}</li>
          <li>{t('vault.recovery.step2')}</li>
          <li>{t('vault.recovery.step3')}</li>
        </ul>
        <p className="print-only small">{t('vault.recovery.printFooter', { name: userName ?? '', date: new Date().toLocaleDateString(t('vault.locale')) })}</p>
      </div>
      <div className="no-print">
        <div className="recovery-actions">
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('vault.recovery.print')}
          </button>
        </div>
        <div className={`field${showError && !stored ? ' field--invalid' : ''}`}>
          <label className="checkbox">
            <input
              ref={checkboxRef}
              type="checkbox"
              checked={stored}
              required
              aria-invalid={showError && !stored ? true : undefined}
              aria-describedby={showError && !stored ? 'recovery-stored-error' : undefined}
              onChange={(e) => setStored(e.target.checked)}
            />
            <span>{t('vault.recovery.stored')}</span>
          </label>
          {showError && !stored && (
            <p id="recovery-stored-error" className="field__error">
              {t('vault.recovery.storedRequired')}
            </p>
          )}
        </div>
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={proceed}>
            {t('vault.recovery.continue')}
          </button>
        </div>
      </div>
    </GateFrame>
  );
}
