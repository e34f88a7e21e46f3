import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVault, type RecoveryNotice } from '../../stores/vault';
import { GateFrame } from './GateFrame';

/** Clipboard API first; the old selection copy where a shell refuses clipboard permission. */
async function copyText(text: string, fallbackNode: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackNode) return false;
    const range = document.createRange();
    range.selectNodeContents(fallbackNode);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * The recovery key, shown once. Printing shows only the key and what to do with it (see the
 * print rules in vault.css); continuing needs the user to say it is stored safely.
 */
export function RecoveryKeyScreen({ recoveryKey, userName, notice }: { recoveryKey: string; userName?: string | undefined; notice?: RecoveryNotice | null }) {
  const { t } = useTranslation();
  const rekey = notice?.kind === 'rekey';
  const keyRef = useRef<HTMLParagraphElement>(null);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const [stored, setStored] = useState(false);
  const [showError, setShowError] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

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
        <p ref={keyRef} className="recovery-key" data-testid="recovery-key">
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
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void copyText(recoveryKey, keyRef.current).then((ok) => setCopied(ok ? 'yes' : 'no'))}
          >
            {t('vault.recovery.copy')}
          </button>
        </div>
        <p role="status" className="muted">
          {copied === 'yes' ? t('vault.recovery.copied') : copied === 'no' ? t('vault.recovery.copyFailed') : ''}
        </p>
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
