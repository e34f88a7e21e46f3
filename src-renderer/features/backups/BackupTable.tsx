import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '@contract';
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
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('backups.date')}</th>
            <th scope="col">{t('backups.contents')}</th>
            <th scope="col" className="num">
              {t('backups.size')}
            </th>
            <th scope="col">{t('backups.verified')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('backups.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const when = fmt.dateTime(entry.date);
            return (
              <tr key={entry.name}>
                <th scope="row" className="nowrap">
                  {when}
                  {entry.beforeRestore && <div className="muted small">{t('backups.beforeRestore')}</div>}
                </th>
                <td>
                  {entry.ok
                    ? summaryTables.map((name) => `${fmt.table(name)} ${fmt.number(entry.counts[name] ?? 0)}`).join(' · ')
                    : '–'}
                </td>
                <td className="num nowrap">{fmt.size(entry.size)}</td>
                <td>
                  {entry.ok ? (
                    <span className="badge badge--verified">{t('backups.ok')}</span>
                  ) : (
                    <span className="badge badge--failed">{t(`backups.problem.${entry.problem ?? 'damaged'}`)}</span>
                  )}
                </td>
                <td className="row-actions">
                  {entry.ok && (
                    // A label rather than hidden text: Chromium puts a space before a hidden span's comma.
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`${t('backups.restore')}, ${when}`}
                      disabled={disabled}
                      onClick={() => onRestore(entry)}
                    >
                      {t('backups.restore')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
