import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '@contract';
import { DataTable } from '../../components/DataTable';
import { summaryTables, useBackupFormat } from './format';

export type BackupEntry = ProcedureOutput<'backups.list'>[number];

interface BackupTableProps {
  caption: string;
  entries: BackupEntry[];
  onRestore(entry: BackupEntry): void;
  disabled?: boolean;
}

/** Backups newest first: when, how big, what they hold, and whether they were verified. */
export function BackupTable({ caption, entries, onRestore, disabled }: BackupTableProps) {
  const { t } = useTranslation();
  const fmt = useBackupFormat();
  return (
    <DataTable
      caption={caption}
      rows={entries}
      rowKey={(entry) => entry.name}
      columns={[
        {
          key: 'date',
          header: t('backups.date'),
          rowHeader: true,
          cellClassName: 'nowrap',
          cell: (entry) => (
            <>
              {fmt.dateTime(entry.date)}
              {entry.beforeRestore && <div className="muted small">{t('backups.beforeRestore')}</div>}
            </>
          ),
        },
        {
          key: 'contents',
          header: t('backups.contents'),
          cell: (entry) => (entry.ok ? summaryTables.map((name) => `${fmt.table(name)} ${fmt.number(entry.counts[name] ?? 0)}`).join(' · ') : '–'),
        },
        { key: 'size', header: t('backups.size'), className: 'num', cellClassName: 'nowrap', cell: (entry) => fmt.size(entry.size) },
        {
          key: 'verified',
          header: t('backups.verified'),
          cell: (entry) =>
            entry.ok ? (
              <span className="badge badge--verified">{t('backups.ok')}</span>
            ) : (
              <span className="badge badge--failed">{t(`backups.problem.${entry.problem ?? 'damaged'}`)}</span>
            ),
        },
        {
          key: 'actions',
          header: t('backups.actions'),
          hiddenHeader: true,
          cellClassName: 'row-actions',
          cell: (entry) =>
            entry.ok && (
              // A label rather than hidden text: Chromium puts a space before a hidden span's comma.
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={`${t('backups.restore')}, ${fmt.dateTime(entry.date)}`}
                disabled={disabled}
                onClick={() => onRestore(entry)}
              >
                {t('backups.restore')}
              </button>
            ),
        },
      ]}
    />
  );
}
