import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { applyServerIssues, encodeBilingual } from '../../lib/forms';
import { useVault } from '../../stores/vault';
import { PassphraseFields } from './passphrase';

type Values = Record<string, string>;

/**
 * Replaces the data key, the recovery key and the passphrase (vault.rekey), after a confirmation
 * that says what stops working. The new recovery key is then shown once, like after setup.
 */
export function RekeyPanel() {
  const { t } = useTranslation();
  const rekey = useApiMutation('vault.rekey');
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({ mode: 'onTouched', defaultValues: { current: '', next: '', nextRepeat: '' } });
  const { register, handleSubmit, formState, getValues, reset } = form;

  const confirm = async () => {
    const values = getValues();
    setUnmatched([]);
    setError(null);
    try {
      const { recoveryKey } = await rekey.mutateAsync({ current: values.current ?? '', next: values.next ?? '', nextRepeat: values.nextRepeat ?? '' });
      setConfirming(false);
      reset();
      useVault.getState().setRecoveryKey(recoveryKey, { kind: 'rekey' });
    } catch (err) {
      setConfirming(false);
      if (err instanceof ApiError && err.code === 'wrong_passphrase') {
        form.setError('current', { type: 'server', message: encodeBilingual(err.messages) }, { shouldFocus: true });
        return;
      }
      setError(err);
      setUnmatched(applyServerIssues(err, form.setError, ['current', 'next', 'nextRepeat']));
    }
  };

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
          <FormField id="rekey-current" label={t('vault.change.current')} required error={formState.errors.current?.message}>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="current-password"
                spellCheck={false}
                {...register('current', { validate: (v) => v !== '' || 'vault.validation.passphraseRequired' })}
              />
            )}
          </FormField>
          <PassphraseFields
            idPrefix="rekey"
            name="next"
            repeatName="nextRepeat"
            label={t('vault.newPassphrase')}
            register={register}
            watch={form.watch}
            errors={formState.errors}
          />
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
