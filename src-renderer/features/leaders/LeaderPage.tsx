import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { LeaderGroup, LeaderPage as LeaderPageData, Pathway } from '@contract';
import { useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';
import { FollowUpList } from '../supervision/FollowUpList';
import { CertifyDialog } from './CertifyDialog';
import { Checklist } from './Checklist';
import { FlagList, PathwayBadge, percent, rating, shareAsPercent } from './common';
import { SupervisionHistory } from './SupervisionHistory';
import { TrendChart, type TrendPoint } from './TrendChart';

export function LeaderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const page = useApiQuery('leaders.page', { leaderId: id });
  const [certifying, setCertifying] = useState<string | null>(null);
  const d = page.data;
  const back = <Link to="/leaders">← {t('leaders.backToList')}</Link>;

  if (!d) {
    return (
      <>
        <PageHeader title={t('leaders.leaderTitle')} back={back} />
        {page.isPending && <Loading />}
        <ErrorAlert error={page.error} />
      </>
    );
  }

  const firstUncertified = d.pathways.find((p) => !p.certification)?.programmeId ?? d.pathways[0]?.programmeId ?? '';
  return (
    <>
      <PageHeader
        title={d.leader.name}
        back={back}
        subtitle={
          <>
            {d.pathways.map((p) => (
              <span key={p.programmeId}>
                {p.programmeCode}: <PathwayBadge status={p.status} />
              </span>
            ))}
            {d.leader.unitName && <span>{d.leader.unitName}</span>}
          </>
        }
        actions={
          <>
            <button type="button" className="button button--primary" onClick={() => setCertifying(firstUncertified)}>
              {t('leaders.certify.open')}
            </button>
            <Link to={`/supervision/new?leader=${d.leader.id}`} className="button button--secondary">
              {t('supervision.record')}
            </Link>
          </>
        }
      />

      {d.attention.length > 0 && (
        <section className="panel attention-list__item" aria-labelledby="leader-attention">
          <h2 id="leader-attention" className="panel__title">
            {t('leaders.attention.title')}
          </h2>
          <FlagList flags={d.attention} />
        </section>
      )}

      <section className="panel" aria-labelledby="leader-pathway">
        <h2 id="leader-pathway" className="panel__title">
          {t('leaders.pathway.title')}
        </h2>
        {d.pathways.length === 0 ? (
          <EmptyState title={t('leaders.pathway.empty')}>{t('leaders.pathway.emptyText')}</EmptyState>
        ) : (
          d.pathways.map((p) => <PathwayBlock key={p.programmeId} leaderId={d.leader.id} pathway={p} onCertify={() => setCertifying(p.programmeId)} />)
        )}
      </section>

      <GroupsLed groups={d.groups} />
      <Trends data={d} />
      <CoursesAttended courses={d.courses} />

      <section className="panel" aria-labelledby="leader-supervision">
        <h2 id="leader-supervision" className="panel__title">
          {t('leaders.supervision.title')}
        </h2>
        <SupervisionHistory sessions={d.supervision} leaderId={d.leader.id} scale={d.ratingScale} />
      </section>

      <section className="panel" aria-labelledby="leader-follow-ups">
        <h2 id="leader-follow-ups" className="panel__title" tabIndex={-1}>
          {t('followUps.title')}
        </h2>
        <FollowUpList items={d.followUps.filter((f) => !f.done)} emptyText={t('followUps.empty')} headingId="leader-follow-ups" />
      </section>

      <CertifyDialog
        open={certifying !== null}
        leaderId={d.leader.id}
        leaderName={d.leader.name}
        pathways={d.pathways}
        initialProgrammeId={certifying ?? ''}
        today={d.today}
        onClose={() => setCertifying(null)}
      />
    </>
  );
}

function PathwayBlock({ leaderId, pathway: p, onCertify }: { leaderId: string; pathway: Pathway; onCertify(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = `pathway-${p.programmeId}`;
  return (
    <div className="pathway" aria-labelledby={headingId} role="group">
      <h3 id={headingId} className="add-session__title">
        {p.programmeName} ({p.programmeCode}) <PathwayBadge status={p.status} />
      </h3>
      <Checklist pathway={p} />
      {p.certification ? (
        <p className="panel__hint">
          {t('leaders.pathway.certifiedOn', { date: fmt.date(p.certification.date), supervisor: p.certification.supervisorName })}
          {!p.certification.requirementsMet && ` ${t('leaders.pathway.withOverride')}`}
        </p>
      ) : null}
      {p.inactiveFrom && p.status !== 'inactive' && p.certification && (
        <p className="panel__hint">{t('leaders.pathway.inactiveFrom', { date: fmt.date(p.inactiveFrom) })}</p>
      )}
      <div className="page-header__actions">
        {!p.certification && (
          <button type="button" className="button button--secondary button--small" onClick={onCertify}>
            {t('leaders.certify.forProgramme', { code: p.programmeCode })}
          </button>
        )}
        <Link to={`/leaders/${leaderId}/print/${p.programmeId}`} className="button button--link button--small">
          {t('leaders.print.open', { code: p.programmeCode })}
        </Link>
      </div>
    </div>
  );
}

function GroupsLed({ groups }: { groups: LeaderGroup[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="panel" aria-labelledby="leader-groups">
      <h2 id="leader-groups" className="panel__title">
        {t('leaders.groups.title')}
      </h2>
      {groups.length === 0 ? (
        <EmptyState title={t('leaders.groups.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('leaders.groups.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('leaders.groups.group')}</th>
                <th scope="col">{t('leaders.groups.status')}</th>
                <th scope="col" className="num">{t('leaders.groups.sessions')}</th>
                <th scope="col" className="num">{t('leaders.groups.participants')}</th>
                <th scope="col" className="num">{t('leaders.groups.completion')}</th>
                <th scope="col" className="num">{t('leaders.col.attendance')}</th>
                <th scope="col" className="num">{t('leaders.col.fidelity')}</th>
                <th scope="col">{t('leaders.groups.supervisor')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.groupId}>
                  <th scope="row">
                    <Link to={`/groups/${g.groupId}`}>
                      {g.programmeCode} · {g.unitName}
                    </Link>
                    <div className="muted small">{fmt.shortDate(g.startDate)}</div>
                  </th>
                  <td>
                    <StatusBadge kind="group" status={g.status} />
                  </td>
                  <td className="num">{t('groups.heldOf', { held: g.heldCount, total: g.sessionCount })}</td>
                  <td className="num">{fmt.number(g.participants)}</td>
                  <td className="num">{shareAsPercent(g.completionRate)}</td>
                  <td className="num">{shareAsPercent(g.meanAttendance)}</td>
                  <td className="num">{percent(g.meanFidelity)}</td>
                  <td>{g.supervisorName ?? t('groups.noSupervisor')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Trends({ data }: { data: LeaderPageData }) {
  const { t } = useTranslation();
  const label = (groupId: string | null) => {
    const g = data.groups.find((x) => x.groupId === groupId);
    return g ? `${g.programmeCode} · ${g.unitName}` : undefined;
  };
  const attendance: TrendPoint[] = data.trends.attendance.map((p) => ({ date: p.date, value: p.value * 100, label: label(p.groupId) }));
  const fidelity: TrendPoint[] = data.trends.fidelity.map((p) => ({ date: p.date, value: p.value, label: label(p.groupId) }));
  return (
    <section className="panel" aria-labelledby="leader-trends">
      <h2 id="leader-trends" className="panel__title">
        {t('leaders.trend.title')}
      </h2>
      <div className="trend-grid">
        <TrendChart title={t('leaders.trend.attendance')} valueLabel={t('leaders.col.attendance')} points={attendance} emptyText={t('leaders.trend.noAttendance')} />
        <TrendChart title={t('leaders.trend.fidelity')} valueLabel={t('leaders.col.fidelity')} points={fidelity} emptyText={t('leaders.trend.noFidelity')} />
      </div>
      {data.trends.rating.length > 0 && (
        <p className="panel__hint">
          {t('leaders.trend.ratingMean', {
            mean: rating(data.trends.rating.reduce((sum, p) => sum + p.value, 0) / data.trends.rating.length),
            count: data.trends.rating.length,
          })}
        </p>
      )}
    </section>
  );
}

function CoursesAttended({ courses }: { courses: LeaderPageData['courses'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="panel" aria-labelledby="leader-courses">
      <h2 id="leader-courses" className="panel__title">
        {t('leaders.courses.title')}
      </h2>
      {courses.length === 0 ? (
        <EmptyState title={t('leaders.courses.empty')} />
      ) : (
        <ul className="follow-ups">
          {courses.map((c) => (
            <li key={c.courseId} className="follow-ups__item">
              <span>{c.programmeCode}</span>
              <Link to={`/courses/${c.courseId}`}>{c.title}</Link>
              <span className="muted">
                {t('leaders.courses.days', { done: c.daysAttended.length, total: c.totalDays })}
                {c.daysAttended.length > 0 && ` (${c.daysAttended.map((x) => fmt.shortDate(x)).join(', ')})`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
