import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { encodeBilingual } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { PassphraseChangeFields, usePassphraseChange } from './passphrase-change';
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

function ChangePassphrase() {
  const { t } = useTranslation();
  const change = useApiMutation('vault.changePassphrase');
  const { form, unmatched, error, attempt } = usePassphraseChange();
  const { handleSubmit, formState, reset } = form;

  const submit = handleSubmit(() =>
    attempt(async (values) => {
      await change.mutateAsync({ current: values.current ?? '', next: values.next ?? '', nextRepeat: values.nextRepeat ?? '' });
      reset();
      showToast(t('vault.change.done'));
    }),
  );

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
        <PassphraseChangeFields idPrefix="change" form={form} />
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
