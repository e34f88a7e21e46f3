import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import './export.css';
import { useExportFormat } from './format';

/** Every export ever made from this database: when, by whom, what and for whom — never the data. */
export function ExportLogPage() {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const log = useApiQuery('export.log', { limit: 200 });

  return (
    <>
      <PageHeader
        title={t('export.log.title')}
        subtitle={t('export.log.subtitle')}
        back={<Link to="/export">← {t('export.title')}</Link>}
      />
      {log.isPending && <Loading />}
      <ErrorAlert error={log.error} />
      {log.data && log.data.length === 0 && (
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
      )}
      {log.data && log.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('export.log.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('export.log.when')}</th>
                <th scope="col">{t('export.log.by')}</th>
                <th scope="col">{t('export.log.scope')}</th>
                <th scope="col">{t('export.log.recipients')}</th>
                <th scope="col">{t('export.log.rows')}</th>
                <th scope="col">{t('export.log.status')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row" className="nowrap">
                    {fmt.dateTime(entry.createdAt)}
                    <div className="muted small mono export-break">{entry.fileName}</div>
                  </th>
                  <td>
                    {entry.actor}
                    <div className="muted small">{t(`export.log.shell.${entry.shell}`, { defaultValue: entry.shell })}</div>
                  </td>
                  <td>
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
                  </td>
                  <td>
                    {entry.passphrase ? (
                      t('export.run.passphrase')
                    ) : (
                      <ul className="export-plain-list">
                        {entry.fingerprints.map((f) => (
                          <li key={f} className="mono small">
                            {f}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {entry.rowCounts.length === 0 ? (
                      '–'
                    ) : (
                      <ul className="export-plain-list small">
                        {entry.rowCounts.map((r) => (
                          <li key={r.file}>
                            {r.file}: {fmt.number(r.rows)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <span className={`badge export-status--${entry.status}`}>{t(`export.log.statuses.${entry.status}`)}</span>
                    {entry.bytes !== null && <div className="muted small">{fmt.bytes(entry.bytes)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
