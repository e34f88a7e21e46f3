import { useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '@contract';
import { ApiError } from '../../api/errors';
import { FormField } from '../../components/FormField';
import { applyServerIssues, encodeBilingual } from '../../lib/forms';
import { PassphraseFields } from './passphrase';

export type PassphraseChangeValues = Record<string, string>;

/**
 * The form shared by changing the passphrase and replacing the keys: both prove the current
 * passphrase and choose a new one, and both answer a wrong passphrase on its own field.
 */
export function usePassphraseChange() {
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<PassphraseChangeValues>({ mode: 'onTouched', defaultValues: { current: '', next: '', nextRepeat: '' } });

  /** Runs one attempt; a failure lands on its field, or above the form. */
  const attempt = async (run: (values: PassphraseChangeValues) => Promise<void>) => {
    setUnmatched([]);
    setError(null);
    try {
      await run(form.getValues());
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wrong_passphrase') {
        form.setError('current', { type: 'server', message: encodeBilingual(err.messages) }, { shouldFocus: true });
        return;
      }
      setError(err);
      setUnmatched(applyServerIssues(err, form.setError, ['current', 'next', 'nextRepeat']));
    }
  };
  return { form, unmatched, error, attempt };
}

/** The current passphrase, then the new one twice with its strength. */
export function PassphraseChangeFields({ idPrefix, form }: { idPrefix: string; form: UseFormReturn<PassphraseChangeValues> }) {
  const { t } = useTranslation();
  const { register, formState } = form;
  return (
    <>
      <FormField id={`${idPrefix}-current`} label={t('vault.change.current')} required error={formState.errors.current?.message}>
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
        idPrefix={idPrefix}
        name="next"
        repeatName="nextRepeat"
        label={t('vault.newPassphrase')}
        register={register}
        watch={form.watch}
        errors={formState.errors}
      />
    </>
  );
}
