import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedReport } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { RowButton } from '../../components/RowButton';
import { useFormat } from '../../lib/format';
import { showToast } from '../../stores/toasts';

interface SavedReportsPanelProps {
  openId: string | null;
  onOpen(report: SavedReport): void;
  onRename(report: SavedReport): void;
  onDeleted(id: string): void;
}

export const savedReportsInput = {};

/** The saved reports: open one (its settings, budget and texts), rename it, or delete it after asking. */
export function SavedReportsPanel({ openId, onOpen, onRename, onDeleted }: SavedReportsPanelProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useApiQuery('savedReports.list', savedReportsInput);
  const remove = useApiMutation('savedReports.delete');
  const [deleting, setDeleting] = useState<SavedReport | null>(null);
  return (
    <Panel id="saved-reports-title" title={t('reports.saved.listTitle')} focusableHeading>
      <QueryState query={list}>
        {(rows) => (
          <DataTable
            caption={t('reports.saved.listTitle')}
            rows={rows}
            rowKey={(r) => r.id}
            empty={<EmptyState title={t('reports.saved.empty')} />}
            columns={[
              {
                key: 'title',
                header: t('reports.saved.title'),
                rowHeader: true,
                cell: (r) => (r.id === openId ? t('reports.saved.isOpen', { title: r.title }) : r.title),
              },
              { key: 'period', header: t('reports.saved.period'), cellClassName: 'nowrap', cell: (r) => `${fmt.shortDate(r.from)} – ${fmt.shortDate(r.to)}` },
              {
                key: 'actions',
                header: t('reports.saved.actions'),
                hiddenHeader: true,
                cellClassName: 'actions-cell',
                cell: (r) => (
                  <>
                    <RowButton label={t('reports.saved.open')} target={r.title} onClick={() => onOpen(r)} />
                    <RowButton label={t('reports.saved.rename')} target={r.title} variant="link" onClick={() => onRename(r)} />
                    <RowButton label={t('common.delete')} target={r.title} variant="danger" onClick={() => setDeleting(r)} />
                  </>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <ConfirmWrite
        open={deleting !== null}
        title={t('reports.saved.deleteTitle', { title: deleting?.title ?? '' })}
        mutation={remove}
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          showToast(t('reports.saved.deleted', { title: deleting.title }));
          onDeleted(deleting.id);
        }}
        onClose={() => setDeleting(null)}
      >
        {t('reports.saved.deleteText')}
      </ConfirmWrite>
    </Panel>
  );
}
