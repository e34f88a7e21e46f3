import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '@contract';
import { textLimits } from '@contract/limits';
import { ApiError } from '../../api/errors';
import { useApiMutation } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InputField } from '../../components/InputField';
import { applyServerIssues, pathHead } from '../../lib/forms';
import { showToast } from '../../stores/toasts';

export type Recipient = ProcedureOutput<'recipients.list'>[number];
const fields = ['name', 'publicKey'] as const;
type Field = (typeof fields)[number];
type Errors = Partial<Record<Field, string>>;

/** The same shape the server checks (bech32 "age1" + 58 characters); the server also checks the checksum. */
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

interface AddRecipientFormProps {
  /** Keeps the field ids unique where the form appears (settings page, export wizard). */
  idPrefix: string;
  onAdded?(recipient: Recipient): void;
}

/**
 * Saves an evaluator's public key. A form of its own, so the export wizard can offer it beside its
 * step (never inside the step's form) and the first recipient is added without leaving the wizard.
 */
export function AddRecipientForm({ idPrefix, onAdded }: AddRecipientFormProps) {
  const { t } = useTranslation();
  const create = useApiMutation('recipients.create');
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const focusInvalid = () => window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    if (!name.trim()) next.name = 'validation.nameRequired';
    const key = publicKey.trim();
    if (!key) next.publicKey = 'export.validation.keyRequired';
    else if (key.startsWith('AGE-SECRET-KEY-')) next.publicKey = 'export.validation.keyIsSecret';
    else if (!AGE_RECIPIENT.test(key)) next.publicKey = 'export.validation.keyMalformed';
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusInvalid();
      return;
    }
    create.mutate(
      { name: name.trim(), publicKey: key },
      {
        onSuccess: (r) => {
          showToast(t('recipients.added', { name: r.name }));
          setName('');
          setPublicKey('');
          create.reset();
          onAdded?.(r);
        },
        onError: (err) => {
          const fieldErrors: Errors = {};
          applyServerIssues<Required<Errors>>(
            err,
            (field, e) => {
              if (field === 'name' || field === 'publicKey') fieldErrors[field] = e.message;
            },
            fields,
          );
          if (Object.keys(fieldErrors).length > 0) {
            setErrors(fieldErrors);
            focusInvalid();
          }
        },
      },
    );
  };

  const hasFieldIssues = create.error instanceof ApiError && create.error.issues.some((i) => fields.includes(pathHead(i.path) as Field));

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="export-narrow" aria-label={t('recipients.add')}>
      <InputField
        id={`${idPrefix}-name`}
        label={t('recipients.name')}
        error={errors.name}
        required
        type="text"
        autoComplete="off"
        maxLength={textLimits.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <InputField
        id={`${idPrefix}-key`}
        label={t('recipients.publicKey')}
        hint={t('recipients.publicKeyHint')}
        error={errors.publicKey}
        required
        type="text"
        inputClassName="mono"
        spellCheck={false}
        autoComplete="off"
        maxLength={textLimits.publicKey}
        value={publicKey}
        onChange={(e) => setPublicKey(e.target.value)}
      />
      {!hasFieldIssues && <ErrorAlert error={create.error} />}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? t('common.saving') : t('recipients.submit')}
      </button>
    </form>
  );
}
