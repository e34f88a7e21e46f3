import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProcedureOutput } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InputField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { applyServerIssues, pathHead } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import '../export/export.css';
import { useExportFormat } from '../export/format';
import { textLimits } from '@contract/limits';

type Recipient = ProcedureOutput<'recipients.list'>[number];
const fields = ['name', 'publicKey'] as const;
type Field = (typeof fields)[number];
type Errors = Partial<Record<Field, string>>;

/** The same shape the server checks (bech32 "age1" + 58 characters); the server also checks the checksum. */
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** Inställningar → Mottagare: evaluators' public keys, saved once and picked in the export wizard. */
export function RecipientsPage() {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const list = useApiQuery('recipients.list', {});
  const create = useApiMutation('recipients.create');
  const remove = useApiMutation('recipients.delete');
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [deleting, setDeleting] = useState<Recipient | null>(null);
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
    <>
      <PageHeader title={t('recipients.title')} subtitle={t('recipients.subtitle')} back={<Link to="/settings">← {t('settings.title')}</Link>} />

      <Panel id="recipients-list-title" title={t('recipients.saved')}>
        <QueryState query={list}>
          {(recipients) => (
            <DataTable
              caption={t('recipients.saved')}
              rows={recipients}
              empty={<EmptyState title={t('recipients.empty')}>{t('recipients.emptyText')}</EmptyState>}
              columns={[
                { key: 'name', header: t('recipients.name'), rowHeader: true, cell: (r) => r.name },
                { key: 'fingerprint', header: t('recipients.fingerprint'), cellClassName: 'mono nowrap', cell: (r) => r.fingerprint },
                { key: 'created', header: t('recipients.created'), cellClassName: 'nowrap', cell: (r) => fmt.dateTime(r.createdAt) },
                {
                  key: 'actions',
                  header: t('recipients.actions'),
                  hiddenHeader: true,
                  cellClassName: 'actions-cell',
                  cell: (r) => (
                    <button
                      type="button"
                      className="button button--link button--danger-text button--small"
                      aria-label={t('recipients.deleteLabel', { name: r.name })}
                      onClick={() => setDeleting(r)}
                    >
                      {t('common.delete')}
                    </button>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Panel>

      <Panel id="recipients-add-title" title={t('recipients.add')}>
        <p className="panel__hint">{t('recipients.addIntro')}</p>
        <form ref={formRef} noValidate onSubmit={submit} className="export-narrow">
          <InputField
            id="recipient-name"
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
            id="recipient-key"
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
      </Panel>

      <ConfirmWrite
        open={deleting !== null}
        title={t('recipients.deleteTitle')}
        confirmLabel={t('recipients.deleteConfirm')}
        mutation={remove}
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          showToast(t('recipients.deleted', { name: deleting.name }));
        }}
        onClose={() => setDeleting(null)}
      >
        <p>{deleting ? t('recipients.deleteText', { name: deleting.name, fingerprint: deleting.fingerprint }) : ''}</p>
      </ConfirmWrite>
    </>
  );
}
