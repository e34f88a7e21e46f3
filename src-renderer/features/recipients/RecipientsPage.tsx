import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { showToast } from '../../stores/toasts';
import '../export/export.css';
import { AddRecipientForm, type Recipient } from './AddRecipientForm';
import { useExportFormat } from '../export/format';

/** Inställningar → Mottagare: evaluators' public keys, saved once and picked in the export wizard. */
export function RecipientsPage() {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const list = useApiQuery('recipients.list', {});
  const remove = useApiMutation('recipients.delete');
  const [deleting, setDeleting] = useState<Recipient | null>(null);

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
        <AddRecipientForm idPrefix="recipient" />
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
