import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '@contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { applyServerIssues } from '../../lib/forms';
import { useVault } from '../../stores/vault';
import { GateFrame } from './GateFrame';
import { PassphraseFields } from './passphrase';
import { RestoreEarlierBackup, type EarlierBackup } from './RestoreEarlierBackup';
import { textLimits } from '@contract/limits';

type SetupValues = Record<string, string>;

/**
 * First start: who the user is and the passphrase; an unencrypted database is encrypted now. When
 * the folder already holds backups (an earlier installation), restoring one comes first.
 */
export function SetupScreen({ legacy, earlierBackups }: { legacy: boolean; earlierBackups: EarlierBackup[] }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const form = useForm<SetupValues>({ mode: 'onTouched', defaultValues: { userName: '', passphrase: '', passphraseRepeat: '' } });
  const { register, handleSubmit, formState } = form;

  const submit = handleSubmit(async (values) => {
    setError(null);
    setUnmatched([]);
    try {
      const { recoveryKey, backupsEncrypted, backupsRemoved } = await call('vault.setup', {
        userName: values.userName ?? '',
        passphrase: values.passphrase ?? '',
        passphraseRepeat: values.passphraseRepeat ?? '',
      });
      // The key first, so the gate shows it before the app even though the vault is now unlocked.
      useVault
        .getState()
        .setRecoveryKey(recoveryKey, { kind: 'setup', ...(backupsEncrypted ? { backupsEncrypted } : {}), ...(backupsRemoved ? { backupsRemoved } : {}) });
      await useVault.getState().refresh();
    } catch (err) {
      setError(err);
      setUnmatched(applyServerIssues(err, form.setError, ['userName', 'passphrase', 'passphraseRepeat']));
    }
  });

  return (
    <GateFrame title={t('vault.setup.title')}>
      {earlierBackups.length > 0 && <RestoreEarlierBackup backups={earlierBackups} />}
      {earlierBackups.length > 0 && <h2 className="panel__title">{t('vault.setup.earlier.anew')}</h2>}
      <p className="gate__lead">{t(legacy ? 'vault.setup.introLegacy' : 'vault.setup.intro')}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-busy={formState.isSubmitting}>
        <p className="form__required-note">{t('form.requiredNote')}</p>
        <ErrorAlert error={error} extraIssues={unmatched} />
        <FormField
          id="setup-userName"
          label={t('vault.setup.userName')}
          hint={t('vault.setup.userNameHint')}
          required
          error={formState.errors.userName?.message}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="name"
              maxLength={textLimits.userName}
              {...register('userName', {
                validate: (v) => (v.trim() === '' || v.trim().length > textLimits.userName ? 'vault.validation.userName' : true),
              })}
            />
          )}
        </FormField>
        <PassphraseFields
          idPrefix="setup"
          name="passphrase"
          repeatName="passphraseRepeat"
          label={t('vault.passphrase')}
          register={register}
          watch={form.watch}
          errors={formState.errors}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t(legacy ? 'vault.setup.encrypting' : 'vault.setup.creating') : t('vault.setup.submit')}
          </button>
        </div>
        {formState.isSubmitting && (
          <p className="muted" role="status">
            {t(legacy ? 'vault.setup.encrypting' : 'vault.setup.creating')}
          </p>
        )}
      </form>
    </GateFrame>
  );
}
