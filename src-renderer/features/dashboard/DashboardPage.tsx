import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionWithGroup } from '@contract';
import { useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MoreHint } from '../../components/MoreHint';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { ParticipationPanels } from '../participants/DashboardPanels';
import { FollowUpsPanel } from '../supervision/FollowUpList';

export function DashboardPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const dashboard = useApiQuery('dashboard.get', {});
  const d = dashboard.data;

  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={d ? t('dashboard.today', { date: fmt.date(d.today) }) : undefined} />
      {dashboard.isPending && <Loading />}
      <ErrorAlert error={dashboard.error} />
      {d && (
        <>
          <section aria-labelledby="key-figures">
            <h2 id="key-figures" className="visually-hidden">
              {t('dashboard.keyFigures')}
            </h2>
            <dl className="stat-grid">
              <Stat label={t('dashboard.activeGroups')} value={fmt.number(d.activeGroups)} />
              <Stat label={t('dashboard.plannedGroups')} value={fmt.number(d.plannedGroups)} />
              <Stat label={t('dashboard.sessionsHeld')} value={fmt.number(d.sessionsHeldThisYear)} />
              <Stat label={t('dashboard.participants')} value={fmt.number(d.participantCountThisYear)} />
            </dl>
          </section>
          <div className="dashboard-columns">
            <section className="panel" aria-labelledby="this-week">
              <h2 id="this-week" className="panel__title">
                {t('dashboard.thisWeek')}
              </h2>
              {d.upcomingThisWeek.length === 0 ? (
                <EmptyState title={t('dashboard.thisWeekEmpty')} />
              ) : (
                <>
                  <SessionList sessions={d.upcomingThisWeek} />
                  <MoreHint shown={d.upcomingThisWeek.length} total={d.upcomingTotal} />
                </>
              )}
            </section>
            <section className="panel" aria-labelledby="overdue">
              <h2 id="overdue" className="panel__title">
                {t('dashboard.overdue')}
                {d.overdueTotal > 0 && <span className="count-pill">{fmt.number(d.overdueTotal)}</span>}
              </h2>
              {d.overdue.length === 0 ? (
                <EmptyState title={t('dashboard.overdueEmpty')} />
              ) : (
                <>
                  <p className="panel__hint">{t('dashboard.overdueHint')}</p>
                  <SessionList sessions={d.overdue} />
                  <MoreHint shown={d.overdue.length} total={d.overdueTotal} />
                </>
              )}
            </section>
          </div>
          <ParticipationPanels />
          <div className="dashboard-follow-ups">
            <FollowUpsPanel />
          </div>
        </>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
    </div>
  );
}

function SessionList({ sessions }: { sessions: SessionWithGroup[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <ul className="session-list">
      {sessions.map((s) => (
        <li key={s.id} className="session-list__item">
          <span className="session-list__date">
            {fmt.date(s.plannedDate)}
            <span className="muted small session-list__time">{s.startTime}</span>
          </span>
          <Link to={`/groups/${s.groupId}`} className="session-list__link">
            {t('dashboard.sessionLink', { number: s.number, programme: s.programmeCode, unit: s.unitName })}
          </Link>
          {s.groupVenue && <span className="muted session-list__venue">{s.groupVenue}</span>}
        </li>
      ))}
    </ul>
  );
}
