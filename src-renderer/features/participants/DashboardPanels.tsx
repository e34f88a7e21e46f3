import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ParticipationDashboard } from '@contract';
import { useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MoreHint } from '../../components/MoreHint';
import { useFormat } from '../../lib/format';
import { percent } from './labels';

type SessionRow = ParticipationDashboard['heldWithoutAttendance'][number];

/** The dashboard's participation panels: who is at risk, what is missing, completion this year. */
export function ParticipationPanels() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const dashboard = useApiQuery('dashboard.participation', {});
  const d = dashboard.data;
  if (!d) return <ErrorAlert error={dashboard.error} />;
  return (
    <>
      <section aria-labelledby="participation-figures">
        <h2 id="participation-figures" className="visually-hidden">
          {t('participationDashboard.figures')}
        </h2>
        <dl className="stat-grid">
          <div className="stat">
            <dt className="stat__label">{t('participationDashboard.completionRate')}</dt>
            <dd className="stat__value">{percent(d.completionRateThisYear)}</dd>
          </div>
          <div className="stat">
            <dt className="stat__label">{t('participationDashboard.atRiskCount')}</dt>
            <dd className="stat__value">{fmt.number(d.atRiskTotal)}</dd>
          </div>
        </dl>
      </section>
      <div className="dashboard-columns">
        <section className="panel" aria-labelledby="at-risk">
          <h2 id="at-risk" className="panel__title">
            {t('participationDashboard.atRisk')}
            {d.atRiskTotal > 0 && <span className="count-pill">{fmt.number(d.atRiskTotal)}</span>}
          </h2>
          {d.atRisk.length === 0 ? (
            <EmptyState title={t('participationDashboard.atRiskEmpty')} />
          ) : (
            <>
              <p className="panel__hint">{t('participationDashboard.atRiskHint')}</p>
              <ul className="session-list">
                {d.atRisk.map((p) => (
                  <li key={p.participantId} className="session-list__item">
                    <span className="session-list__date">{p.displayName}</span>
                    <Link to={`/groups/${p.groupId}`} className="session-list__link">
                      {t('participationDashboard.groupLink', { programme: p.programmeCode, venue: p.groupVenue || '' }).trim()}
                    </Link>
                    <span className="muted session-list__venue">{t('participationDashboard.streak', { count: p.absentStreak })}</span>
                  </li>
                ))}
              </ul>
              <MoreHint shown={d.atRisk.length} total={d.atRiskTotal} />
            </>
          )}
        </section>
        <MissingPanel id="without-attendance" title={t('participationDashboard.withoutAttendance')} empty={t('participationDashboard.withoutAttendanceEmpty')}
          rows={d.heldWithoutAttendance} total={d.heldWithoutAttendanceTotal} />
        <MissingPanel id="without-fidelity" title={t('participationDashboard.withoutFidelity')} empty={t('participationDashboard.withoutFidelityEmpty')}
          rows={d.heldWithoutFidelity} total={d.heldWithoutFidelityTotal} />
      </div>
    </>
  );
}

function MissingPanel({ id, title, empty, rows, total }: { id: string; title: string; empty: string; rows: SessionRow[]; total: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id} className="panel__title">
        {title}
        {total > 0 && <span className="count-pill">{fmt.number(total)}</span>}
      </h2>
      {rows.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <>
          <ul className="session-list">
            {rows.map((s) => (
              <li key={s.sessionId} className="session-list__item">
                <span className="session-list__date">{fmt.date(s.date)}</span>
                <Link to={`/groups/${s.groupId}`} className="session-list__link">
                  {t('dashboard.sessionLink', { number: s.number, programme: s.programmeCode, unit: s.unitName })}
                </Link>
                {s.groupVenue && <span className="muted session-list__venue">{s.groupVenue}</span>}
              </li>
            ))}
          </ul>
          <MoreHint shown={rows.length} total={total} />
        </>
      )}
    </section>
  );
}
