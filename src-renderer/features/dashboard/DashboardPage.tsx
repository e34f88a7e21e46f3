import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionWithGroup } from '@contract';
import { prefetchTogether, queryPart, useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { MoreHint } from '../../components/MoreHint';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { Stat, StatGrid } from '../../components/Stat';
import { useFormat } from '../../lib/format';
import { DashboardWorklistPanel, worklistSummaryInput } from '../outcomes/DashboardWorklistPanel';
import { ParticipationPanels } from '../participants/DashboardPanels';
import { nextToRecord, recordRoute } from '../record/nextToRecord';
import { FollowUpsPanel, openFollowUpsInput } from '../supervision/FollowUpList';
import { SessionList, type SessionListItem } from './SessionList';

/** The panels' reads, in the order the panels ask for them, in one call. */
export function prefetchDashboard(): void {
  prefetchTogether('dashboard.screen', { dashboard: {}, participation: {}, worklistSummary: worklistSummaryInput, followUps: openFollowUpsInput }, [
    queryPart('dashboard.get', {}, (screen) => screen.dashboard),
    queryPart('dashboard.participation', {}, (screen) => screen.participation),
    queryPart('outcomes.worklistSummary', worklistSummaryInput, (screen) => screen.worklistSummary),
    queryPart('followUps.open', openFollowUpsInput, (screen) => screen.followUps),
  ]);
}

/**
 * Every panel reads its own data and is asked for as the screen opens, not once another has
 * answered; each re-renders alone when its answer comes. Main answers one call at a time, in the
 * order asked: effects run in tree order, so the header's and key figures' read goes first.
 */
export function DashboardPage() {
  return (
    <>
      <DashboardHeader />
      <KeyFigures />
      <ParticipationPanels />
      <DashboardWorklistPanel />
      <div className="dashboard-follow-ups">
        <FollowUpsPanel />
      </div>
    </>
  );
}

function DashboardHeader() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const dashboard = useApiQuery('dashboard.get', {});
  const today = dashboard.data?.today;
  // The session just run (overdue or today) is the one most likely to be recorded next.
  const due =
    dashboard.data && today
      ? nextToRecord(
          [...dashboard.data.overdue, ...dashboard.data.upcomingThisWeek].filter((s) => s.plannedDate <= today),
          today,
        )
      : null;
  return (
    <PageHeader
      title={t('dashboard.title')}
      subtitle={today ? t('dashboard.today', { date: fmt.date(today) }) : undefined}
      actions={
        due && (
          <Link to={recordRoute(due.groupId, due.id)} className="button button--primary">
            {t('record.actionFor', { number: due.number, group: `${due.programmeCode} ${due.unitName}` })}
          </Link>
        )
      }
    />
  );
}

/** The key figures, this week's sessions and those overdue (the same read as the header's). */
function KeyFigures() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const dashboard = useApiQuery('dashboard.get', {});
  return (
    <QueryState query={dashboard}>
      {(d) => (
        <>
          <StatGrid id="key-figures" title={t('dashboard.keyFigures')} note={t('dashboard.peopleNote')}>
            <Stat label={t('dashboard.activeGroups')} value={fmt.number(d.activeGroups)} />
            <Stat label={t('dashboard.plannedGroups')} value={fmt.number(d.plannedGroups)} />
            <Stat label={t('dashboard.sessionsHeld')} value={fmt.number(d.sessionsHeldThisYear)} />
            <Stat label={t('dashboard.people')} value={fmt.number(d.peopleThisYear)} />
            <Stat label={t('dashboard.visits')} value={fmt.number(d.participantCountThisYear)} />
          </StatGrid>
          <div className="dashboard-columns">
            <Panel id="this-week" title={t('dashboard.thisWeek')}>
              {d.upcomingThisWeek.length === 0 ? (
                <EmptyState title={t('dashboard.thisWeekEmpty')} />
              ) : (
                <>
                  <SessionList sessions={byStart(d.upcomingThisWeek)} />
                  <MoreHint shown={d.upcomingThisWeek.length} total={d.upcomingTotal} />
                </>
              )}
            </Panel>
            <Panel id="overdue" title={t('dashboard.overdue')} count={d.overdueTotal > 0 && fmt.number(d.overdueTotal)}>
              {d.overdue.length === 0 ? (
                <EmptyState title={t('dashboard.overdueEmpty')} />
              ) : (
                <>
                  <p className="panel__hint">{t('dashboard.overdueHint')}</p>
                  <SessionList sessions={byStart(d.overdue)} />
                  <MoreHint shown={d.overdue.length} total={d.overdueTotal} />
                </>
              )}
            </Panel>
          </div>
        </>
      )}
    </QueryState>
  );
}

/** Upcoming sessions say when they start as well. */
const byStart = (sessions: SessionWithGroup[]): SessionListItem[] => sessions.map((s) => ({ ...s, key: s.id, date: s.plannedDate, time: s.startTime }));
