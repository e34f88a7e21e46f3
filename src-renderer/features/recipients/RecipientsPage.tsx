import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProcedureOutput } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { encodeBilingual } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import '../export/export.css';
import { useExportFormat } from '../export/format';

type Recipient = ProcedureOutput<'recipients.list'>[number];
type Errors = Partial<Record<'name' | 'publicKey', string>>;

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
          if (!(err instanceof ApiError)) return;
          const fieldErrors: Errors = {};
          for (const issue of err.issues) {
            const head = issue.path.split('.')[0];
            if (head === 'name' || head === 'publicKey') fieldErrors[head] = encodeBilingual(issue.message);
          }
          if (Object.keys(fieldErrors).length > 0) {
            setErrors(fieldErrors);
            focusInvalid();
          }
        },
      },
    );
  };

  const hasFieldIssues = create.error instanceof ApiError && create.error.issues.some((i) => ['name', 'publicKey'].includes(i.path.split('.')[0] ?? ''));

  return (
    <>
      <PageHeader title={t('recipients.title')} subtitle={t('recipients.subtitle')} back={<Link to="/settings">← {t('settings.title')}</Link>} />

      <section className="panel" aria-labelledby="recipients-list-title">
        <h2 id="recipients-list-title" className="panel__title">
          {t('recipients.saved')}
        </h2>
        {list.isPending && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.length === 0 && <EmptyState title={t('recipients.empty')}>{t('recipients.emptyText')}</EmptyState>}
        {list.data && list.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('recipients.saved')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('recipients.name')}</th>
                  <th scope="col">{t('recipients.fingerprint')}</th>
                  <th scope="col">{t('recipients.created')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('recipients.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td className="mono nowrap">{r.fingerprint}</td>
                    <td className="nowrap">{fmt.dateTime(r.createdAt)}</td>
                    <td className="actions-cell">
                      <button
                        type="button"
                        className="button button--link button--danger-text button--small"
                        aria-label={t('recipients.deleteLabel', { name: r.name })}
                        onClick={() => setDeleting(r)}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="recipients-add-title">
        <h2 id="recipients-add-title" className="panel__title">
          {t('recipients.add')}
        </h2>
        <p className="panel__hint">{t('recipients.addIntro')}</p>
        <form ref={formRef} noValidate onSubmit={submit} className="export-narrow">
          <FormField id="recipient-name" label={t('recipients.name')} error={errors.name} required>
            {(control) => <input type="text" autoComplete="off" {...control} value={name} onChange={(e) => setName(e.target.value)} />}
          </FormField>
          <FormField id="recipient-key" label={t('recipients.publicKey')} hint={t('recipients.publicKeyHint')} error={errors.publicKey} required>
            {(control) => (
              <input type="text" className="mono" spellCheck={false} autoComplete="off" {...control} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} />
            )}
          </FormField>
          {!hasFieldIssues && <ErrorAlert error={create.error} />}
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('recipients.submit')}
          </button>
        </form>
      </section>

      <ConfirmDialog
        open={deleting !== null}
        title={t('recipients.deleteTitle')}
        confirmLabel={t('recipients.deleteConfirm')}
        destructive
        busy={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!deleting) return;
          const removed = deleting;
          remove.mutate(
            { id: removed.id },
            {
              onSuccess: () => {
                setDeleting(null);
                showToast(t('recipients.deleted', { name: removed.name }));
              },
            },
          );
        }}
      >
        <p>{deleting ? t('recipients.deleteText', { name: deleting.name, fingerprint: deleting.fingerprint }) : ''}</p>
      </ConfirmDialog>
    </>
  );
}
