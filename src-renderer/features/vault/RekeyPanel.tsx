import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useVault } from '../../stores/vault';
import { PassphraseChangeFields, usePassphraseChange } from './passphrase-change';

/**
 * Replaces the data key, the recovery key and the passphrase (vault.rekey), after a confirmation
 * that says what stops working. The new recovery key is then shown once, like after setup.
 */
export function RekeyPanel() {
  const { t } = useTranslation();
  const rekey = useApiMutation('vault.rekey');
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { form, unmatched, error, attempt } = usePassphraseChange();
  const { handleSubmit, reset } = form;

  const confirm = () =>
    attempt(async (values) => {
      try {
        const { recoveryKey } = await rekey.mutateAsync({ current: values.current ?? '', next: values.next ?? '', nextRepeat: values.nextRepeat ?? '' });
        reset();
        useVault.getState().setRecoveryKey(recoveryKey, { kind: 'rekey' });
      } finally {
        setConfirming(false);
      }
    });

  return (
    <section className="panel" aria-labelledby="settings-rekey">
      <h2 id="settings-rekey" className="panel__title">
        {t('vault.rekey.title')}
      </h2>
      <p className="panel__hint">{t('vault.rekey.intro')}</p>
      {!open && (
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('vault.rekey.submit')}
        </button>
      )}
      {open && (
        <form id="rekey-form" className="form form--narrow" noValidate onSubmit={(e) => void handleSubmit(() => setConfirming(true))(e)}>
          <ErrorAlert error={error} extraIssues={unmatched} />
          <PassphraseChangeFields idPrefix="rekey" form={form} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={rekey.isPending}>
              {rekey.isPending ? t('vault.rekey.working') : t('vault.rekey.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => (reset(), setOpen(false))}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('vault.rekey.confirmTitle')}
        confirmLabel={t('vault.rekey.confirm')}
        destructive
        busy={rekey.isPending}
        onConfirm={() => void confirm()}
        onClose={() => setConfirming(false)}
      >
        <p>{t('vault.rekey.confirmText')}</p>
      </ConfirmDialog>
    </section>
  );
}
