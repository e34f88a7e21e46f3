import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { applyServerIssues, encodeBilingual } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { PassphraseFields } from './passphrase';
import { RekeyPanel } from './RekeyPanel';

/** Settings page panels: change the passphrase, replace the keys, and how soon Komet locks itself. */
export function SecuritySettings() {
  return (
    <>
      <ChangePassphrase />
      <RekeyPanel />
      <AutoLock />
    </>
  );
}

type PassphraseValues = Record<string, string>;

function ChangePassphrase() {
  const { t } = useTranslation();
  const change = useApiMutation('vault.changePassphrase');
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<PassphraseValues>({ mode: 'onTouched', defaultValues: { current: '', next: '', nextRepeat: '' } });
  const { register, handleSubmit, formState, reset } = form;

  const submit = handleSubmit(async (values) => {
    setUnmatched([]);
    setError(null);
    try {
      await change.mutateAsync({ current: values.current ?? '', next: values.next ?? '', nextRepeat: values.nextRepeat ?? '' });
      reset();
      showToast(t('vault.change.done'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wrong_passphrase') {
        form.setError('current', { type: 'server', message: encodeBilingual(err.messages) }, { shouldFocus: true });
        return;
      }
      setError(err);
      setUnmatched(applyServerIssues(err, form.setError, ['current', 'next', 'nextRepeat']));
    }
  });

  return (
    <section className="panel" aria-labelledby="settings-passphrase">
      <h2 id="settings-passphrase" className="panel__title">
        {t('vault.change.title')}
      </h2>
      <p className="panel__hint">
        {t('vault.change.intro')} {t('vault.change.passphraseNote')}
      </p>
      <form className="form form--narrow" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={error} extraIssues={unmatched} />
        <FormField id="change-current" label={t('vault.change.current')} required error={formState.errors.current?.message}>
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
          idPrefix="change"
          name="next"
          repeatName="nextRepeat"
          label={t('vault.newPassphrase')}
          register={register}
          watch={form.watch}
          errors={formState.errors}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('common.saving') : t('vault.change.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function AutoLock() {
  const { t } = useTranslation();
  const status = useApiQuery('vault.status', {});
  const save = useApiMutation('vault.setAutoLock');
  const [minutes, setMinutes] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const stored = status.data?.autoLockMinutes;

  useEffect(() => {
    if (stored !== undefined) setMinutes(String(stored));
  }, [stored]);

  const submit = async () => {
    const n = Number(minutes);
    if (minutes.trim() === '' || !Number.isInteger(n) || n < 1 || n > 240) {
      setFieldError('vault.validation.autoLock');
      return;
    }
    setFieldError(undefined);
    try {
      await save.mutateAsync({ minutes: n });
      showToast(t('vault.autoLock.saved', { count: n }));
    } catch (err) {
      const issue = err instanceof ApiError ? err.issues.find((i) => i.path.startsWith('minutes')) : undefined;
      if (issue) setFieldError(encodeBilingual(issue.message));
    }
  };

  return (
    <section className="panel" aria-labelledby="settings-autolock">
      <h2 id="settings-autolock" className="panel__title">
        {t('vault.autoLock.title')}
      </h2>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FormField id="autolock-minutes" label={t('vault.autoLock.minutes')} hint={t('vault.autoLock.hint')} error={fieldError} className="field--narrow">
          {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={240} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
        </FormField>
        <div className="inline-form__actions">
          <button type="submit" className="button button--secondary" disabled={save.isPending || status.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
      <ErrorAlert error={status.error ?? (fieldError ? null : save.error)} />
    </section>
  );
}
