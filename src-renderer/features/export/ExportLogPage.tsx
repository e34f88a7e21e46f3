import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import './export.css';
import { useExportFormat } from './format';

/** Every export ever made from this database: when, by whom, what and for whom — never the data. */
export function ExportLogPage() {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const log = useApiQuery('export.log', { limit: 200 });

  return (
    <>
      <PageHeader title={t('export.log.title')} subtitle={t('export.log.subtitle')} back={<Link to="/export">← {t('export.title')}</Link>} />
      <QueryState query={log}>
        {(entries) => (
          <DataTable
            caption={t('export.log.title')}
            rows={entries}
            empty={
              <EmptyState
                title={t('export.log.empty')}
                action={
                  <Link to="/export" className="button button--primary">
                    {t('export.title')}
                  </Link>
                }
              >
                {t('export.log.emptyText')}
              </EmptyState>
            }
            columns={[
              {
                key: 'when',
                header: t('export.log.when'),
                rowHeader: true,
                cellClassName: 'nowrap',
                cell: (entry) => (
                  <>
                    {fmt.dateTime(entry.createdAt)}
                    <div className="muted small mono export-break">{entry.fileName}</div>
                  </>
                ),
              },
              {
                key: 'by',
                header: t('export.log.by'),
                cell: (entry) => (
                  <>
                    {entry.actor}
                    <div className="muted small">{t(`export.log.shell.${entry.shell}`, { defaultValue: entry.shell })}</div>
                  </>
                ),
              },
              {
                key: 'scope',
                header: t('export.log.scope'),
                cell: (entry) => (
                  <>
                    <div>{fmt.period(entry.scope.from, entry.scope.to)}</div>
                    <div className="small">{fmt.list(entry.scope.programmeCodes, 'export.format.allProgrammes')}</div>
                    <div className="small">{fmt.list(entry.scope.unitNames, 'export.format.allUnits')}</div>
                    <div className="small muted">{fmt.coarsening(entry.coarsening)}</div>
                    {entry.belowKReason !== null ? (
                      <div className="small export-break">{t('export.log.belowK', { k: entry.disclosure?.k ?? '–', reason: entry.belowKReason })}</div>
                    ) : (
                      entry.disclosure && (
                        <div className="small">
                          {t('export.log.protection', {
                            k: entry.disclosure.k,
                            reached: fmt.number(entry.disclosure.reached ?? 0),
                            hidden: fmt.number(entry.disclosure.hiddenValues),
                            withheld: fmt.number(entry.disclosure.rowsWithheld),
                          })}
                        </div>
                      )
                    )}
                  </>
                ),
              },
              {
                key: 'recipients',
                header: t('export.log.recipients'),
                cell: (entry) =>
                  entry.passphrase ? (
                    t('export.run.passphrase')
                  ) : (
                    <ul className="export-plain-list">
                      {entry.fingerprints.map((f) => (
                        <li key={f} className="mono small">
                          {f}
                        </li>
                      ))}
                    </ul>
                  ),
              },
              {
                key: 'rows',
                header: t('export.log.rows'),
                cell: (entry) =>
                  entry.rowCounts.length === 0 ? (
                    '–'
                  ) : (
                    <ul className="export-plain-list small">
                      {entry.rowCounts.map((r) => (
                        <li key={r.file}>
                          {r.file}: {fmt.number(r.rows)}
                        </li>
                      ))}
                    </ul>
                  ),
              },
              {
                key: 'status',
                header: t('export.log.status'),
                cell: (entry) => (
                  <>
                    <span className={`badge export-status--${entry.status}`}>{t(`export.log.statuses.${entry.status}`)}</span>
                    {entry.bytes !== null && <div className="muted small">{fmt.bytes(entry.bytes)}</div>}
                  </>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
