import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '@contract';
import { call } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { applyServerIssues, encodeBilingual } from '../../lib/forms';
import { useVault, type VaultStatus } from '../../stores/vault';
import { GateFrame } from './GateFrame';
import { PassphraseFields } from './passphrase';
import { textLimits } from '@contract/limits';

/** Seconds left of main's wait after repeated wrong passphrases; main enforces it, this only shows it. */
function useCountdown(status: VaultStatus): number {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const start = Date.now();
    setNow(start);
    setUntil(status.retryAfterMs ? start + status.retryAfterMs : 0);
  }, [status]);
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

export function LockScreen({ status }: { status: VaultStatus }) {
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  return mode === 'passphrase' ? (
    <PassphraseUnlock status={status} onForgot={() => setMode('recovery')} />
  ) : (
    <RecoveryUnlock onBack={() => setMode('passphrase')} />
  );
}

function PassphraseUnlock({ status, onForgot }: { status: VaultStatus; onForgot(): void }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [waited, setWaited] = useState(false);
  const seconds = useCountdown(status);
  const waitId = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  // Tell screen readers once that trying again is possible; the ticking number itself is not announced.
  useEffect(() => {
    if (seconds > 0) setWaited(true);
  }, [seconds]);

  const submit = async () => {
    if (busy || seconds > 0) return;
    if (passphrase === '') {
      setFieldError('vault.validation.passphraseRequired');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      const next = await call('vault.unlock', { passphrase });
      useVault.getState().apply(next);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wrong_passphrase') {
        setFieldError(encodeBilingual(err.messages));
        setPassphrase('');
      } else {
        setError(err);
      }
      // The wait after repeated failures is only known to main.
      await useVault.getState().refresh();
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  return (
    <GateFrame title={t('vault.lock.title')} focusHeading={false}>
      <p className="gate__lead">{status.userName ? t('vault.lock.introNamed', { name: status.userName }) : t('vault.lock.intro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ErrorAlert error={error} />
        <FormField id="unlock-passphrase" label={t('vault.passphrase')} required error={fieldError}>
          {(p) => (
            <input
              {...p}
              ref={inputRef}
              type="password"
              autoComplete="current-password"
              spellCheck={false}
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              aria-describedby={[p['aria-describedby'], seconds > 0 ? waitId : undefined].filter(Boolean).join(' ') || undefined}
            />
          )}
        </FormField>
        {seconds > 0 && (
          <p id={waitId} className="alert alert--warning">
            {t('vault.lock.wait', { count: seconds })}
          </p>
        )}
        <p role="status" className="visually-hidden">
          {waited && seconds === 0 ? t('vault.lock.tryAgain') : ''}
        </p>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || seconds > 0}>
            {busy ? t('vault.lock.unlocking') : t('vault.lock.submit')}
          </button>
          <button type="button" className="button button--link" onClick={onForgot}>
            {t('vault.lock.forgot')}
          </button>
        </div>
      </form>
    </GateFrame>
  );
}

type RecoveryValues = Record<string, string>;

/** A forgotten passphrase: the recovery key unlocks and a new passphrase replaces the old one. */
function RecoveryUnlock({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const form = useForm<RecoveryValues>({ mode: 'onTouched', defaultValues: { recoveryKey: '', newPassphrase: '', newPassphraseRepeat: '' } });
  const { register, handleSubmit, formState } = form;

  const submit = handleSubmit(async (values) => {
    setError(null);
    setUnmatched([]);
    try {
      const next = await call('vault.unlockWithRecoveryKey', {
        recoveryKey: values.recoveryKey ?? '',
        newPassphrase: values.newPassphrase ?? '',
        newPassphraseRepeat: values.newPassphraseRepeat ?? '',
      });
      useVault.getState().apply(next);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'wrong_passphrase') {
        form.setError('recoveryKey', { type: 'server', message: encodeBilingual(err.messages) }, { shouldFocus: true });
        return;
      }
      setError(err);
      setUnmatched(applyServerIssues(err, form.setError, ['recoveryKey', 'newPassphrase', 'newPassphraseRepeat']));
    }
  });

  return (
    <GateFrame title={t('vault.recoveryUnlock.title')}>
      <p className="gate__lead">{t('vault.recoveryUnlock.intro')}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="form__required-note">{t('form.requiredNote')}</p>
        <ErrorAlert error={error} extraIssues={unmatched} />
        <FormField
          id="recovery-recoveryKey"
          label={t('vault.recovery.keyLabel')}
          hint={t('vault.recoveryUnlock.keyHint')}
          required
          error={formState.errors.recoveryKey?.message}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              autoComplete="off"
              autoCapitalize="characters"
              maxLength={textLimits.recoveryKey}
              spellCheck={false}
              {...register('recoveryKey', { validate: (v) => v.trim() !== '' || 'vault.validation.recoveryKeyRequired' })}
            />
          )}
        </FormField>
        <PassphraseFields
          idPrefix="recovery"
          name="newPassphrase"
          repeatName="newPassphraseRepeat"
          label={t('vault.newPassphrase')}
          register={register}
          watch={form.watch}
          errors={formState.errors}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('vault.lock.unlocking') : t('vault.recoveryUnlock.submit')}
          </button>
          <button type="button" className="button button--link" onClick={onBack}>
            {t('vault.recoveryUnlock.back')}
          </button>
        </div>
      </form>
    </GateFrame>
  );
}
