import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fieldset, FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { AddRecipientForm } from '../recipients/AddRecipientForm';
import { StepHeading } from './StepIndicator';
import { charCount, focusFirstInvalid, MIN_PASSPHRASE, type EncryptionDraft } from './wizard-state';

interface RecipientsStepProps {
  value: EncryptionDraft;
  onBack(): void;
  onNext(value: EncryptionDraft): void;
}

type Errors = Partial<Record<'recipients' | 'passphrase' | 'repeat', string>>;

/** Step 2: who can open the package — saved evaluator keys, or a passphrase given to them separately. */
export function RecipientsStep({ value, onBack, onNext }: RecipientsStepProps) {
  const { t } = useTranslation();
  const recipients = useApiQuery('recipients.list', {});
  const [mode, setMode] = useState(value.mode);
  const [chosen, setChosen] = useState(value.mode === 'recipients' ? value.recipientIds : []);
  const [passphrase, setPassphrase] = useState(value.mode === 'passphrase' ? value.passphrase : '');
  const [repeat, setRepeat] = useState(value.mode === 'passphrase' ? value.passphrase : '');
  const [errors, setErrors] = useState<Errors>({});

  // A recipient deleted meanwhile (another window) must not stay chosen invisibly.
  useEffect(() => {
    if (recipients.data) setChosen((ids) => ids.filter((id) => recipients.data.some((r) => r.id === id)));
  }, [recipients.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    if (mode === 'recipients' && chosen.length === 0) next.recipients = 'export.validation.recipientRequired';
    if (mode === 'passphrase') {
      if (charCount(passphrase) < MIN_PASSPHRASE) next.passphrase = 'export.validation.passphraseShort';
      else if (repeat !== passphrase) next.repeat = 'export.validation.passphraseMismatch';
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    onNext(mode === 'recipients' ? { mode, recipientIds: chosen } : { mode, passphrase });
  };

  return (
    // The step's own form ends before the add-recipient form (forms cannot nest); its buttons below
    // belong to it through the form attribute, so the order on screen stays choice, add, next.
    <div className="form export-step">
      <form id="export-recipients-form" aria-labelledby="export-step-recipients" noValidate onSubmit={submit}>
        <StepHeading step="recipients" id="export-step-recipients" />
        <p className="panel__hint">{t('export.recipients.intro')}</p>

        <Fieldset id="export-encryption" legend={t('export.recipients.how')}>
          <div className="radio-group">
            {(['recipients', 'passphrase'] as const).map((m) => (
              <label key={m} className="radio">
                <input
                  type="radio"
                  name="export-encryption"
                  value={m}
                  checked={mode === m}
                  onChange={() => {
                    setMode(m);
                    setErrors({});
                  }}
                />
                <span>{t(`export.recipients.mode.${m}`)}</span>
              </label>
            ))}
          </div>
        </Fieldset>

        {mode === 'recipients' && (
          <>
            {recipients.isPending && <Loading />}
            <ErrorAlert error={recipients.error} />
            {recipients.data && recipients.data.length === 0 && (
              <div className="alert alert--info export-alert">
                <p className="alert__title">{t('export.recipients.none')}</p>
              </div>
            )}
            {recipients.data && recipients.data.length > 0 && (
              <Fieldset id="export-recipient-list" legend={t('export.recipients.saved')} error={errors.recipients} required>
                <ul className="export-recipient-list">
                  {recipients.data.map((r) => (
                    <li key={r.id}>
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={chosen.includes(r.id)}
                          aria-invalid={errors.recipients ? true : undefined}
                          onChange={(e) => setChosen(e.target.checked ? [...chosen, r.id] : chosen.filter((id) => id !== r.id))}
                        />
                        <span>
                          {r.name}
                          <span className="muted small export-fingerprint">
                            {' '}
                            · {t('export.recipients.fingerprint')} <span className="mono">{r.fingerprint}</span>
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
                <p className="small">
                  <Link to="/settings/recipients">{t('export.recipients.manage')}</Link>
                </p>
              </Fieldset>
            )}
          </>
        )}

        {mode === 'passphrase' && (
          <div className="form--narrow">
            <FormField
              id="export-passphrase"
              label={t('export.recipients.passphrase')}
              hint={t('export.recipients.passphraseHint')}
              error={errors.passphrase}
              required
            >
              {(control) => (
                <input type="password" autoComplete="new-password" {...control} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              )}
            </FormField>
            <FormField id="export-passphrase-repeat" label={t('export.recipients.repeat')} error={errors.repeat} required>
              {(control) => <input type="password" autoComplete="new-password" {...control} value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
            </FormField>
          </div>
        )}
      </form>

      {mode === 'recipients' && recipients.data && (
        <section className="export-add-recipient" aria-labelledby="export-add-recipient-title">
          <h3 id="export-add-recipient-title">{t('export.recipients.addHere')}</h3>
          <p className="panel__hint">{t('export.recipients.addHereHint')}</p>
          <AddRecipientForm idPrefix="export-recipient" onAdded={(r) => setChosen((ids) => [...ids, r.id])} />
        </section>
      )}

      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('export.back')}
        </button>
        <button type="submit" form="export-recipients-form" className="button button--primary">
          {t('export.next')}
        </button>
      </div>
    </div>
  );
}
