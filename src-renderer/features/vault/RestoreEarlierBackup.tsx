import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { encodeBilingual } from '../../lib/forms';
import { useVault } from '../../stores/vault';
import { useBackupFormat } from '../backups/format';

export interface EarlierBackup {
  name: string;
  date: string;
}

type Values = { name: string; secret: string };

/**
 * Backups found where no database is: they cannot be checked without their passphrase, so the
 * user picks one by date and gives the passphrase or recovery key that was current when it was
 * made; its own key file then becomes the installation's.
 */
export function RestoreEarlierBackup({ backups }: { backups: EarlierBackup[] }) {
  const { t } = useTranslation();
  const fmt = useBackupFormat();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({ mode: 'onTouched', defaultValues: { name: backups[0]?.name ?? '', secret: '' } });
  const { register, handleSubmit, formState } = form;

  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      const next = await call('vault.restoreFromBackup', { name: values.name, secret: values.secret });
      useVault.getState().apply(next);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wrong_passphrase') {
        form.setError('secret', { type: 'server', message: encodeBilingual(err.messages) }, { shouldFocus: true });
        return;
      }
      setError(err);
    }
  });

  return (
    <section className="panel" aria-labelledby="earlier-backups">
      <h2 id="earlier-backups" className="panel__title">
        {t('vault.setup.earlier.title')}
      </h2>
      <p>{t('vault.setup.earlier.intro', { count: backups.length, date: fmt.dateTime(backups[0]!.date) })}</p>
      <p className="muted">{t('vault.setup.earlier.kept')}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-busy={formState.isSubmitting}>
        <ErrorAlert error={error} />
        <FormField id="earlier-name" label={t('vault.setup.earlier.backup')} required>
          {(p) => (
            <select {...p} {...register('name')}>
              {backups.map((b) => (
                <option key={b.name} value={b.name}>
                  {fmt.dateTime(b.date)} ({b.name})
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="earlier-secret" label={t('vault.setup.earlier.secret')} required error={formState.errors.secret?.message}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="off"
              spellCheck={false}
              {...register('secret', { validate: (v) => v !== '' || 'vault.setup.earlier.secretRequired' })}
            />
          )}
        </FormField>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('vault.setup.earlier.restoring') : t('vault.setup.earlier.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
