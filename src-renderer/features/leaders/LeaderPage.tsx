import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { LeaderGroup, LeaderPage as LeaderPageData, Pathway } from '@contract';
import { call } from '../../api/client';
import { asApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { PendingPage } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { useBilingual } from '../../i18n/useBilingual';
import { useFormat } from '../../lib/format';
import { showToast } from '../../stores/toasts';
import { percent, rating, shareAsPercent } from '../../lib/percent';
import { FollowUpList } from '../supervision/FollowUpList';
import { CertifyDialog } from './CertifyDialog';
import { Checklist } from './Checklist';
import { FlagList } from './FlagList';
import { SupervisionHistory } from './SupervisionHistory';
import { TrendChart, type TrendPoint } from './TrendChart';
import { programmeLabel } from '../../lib/programme-label';

export function LeaderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const page = useApiQuery('leaders.page', { leaderId: id });
  const [certifying, setCertifying] = useState<string | null>(null);
  const d = page.data;
  const back = <Link to="/leaders">← {t('leaders.backToList')}</Link>;

  if (!d) {
    return <PendingPage title={t('leaders.leaderTitle')} back={back} query={page} />;
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
                {p.programmeCode}: <StatusBadge kind="pathway" status={p.status} />
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
        <Panel id="leader-attention" title={t('leaders.attention.title')} className="attention-list__item">
          <FlagList flags={d.attention} leaderId={d.leader.id} />
        </Panel>
      )}

      <Panel id="leader-pathway" title={t('leaders.pathway.title')}>
        {d.pathways.length === 0 ? (
          <EmptyState title={t('leaders.pathway.empty')}>{t('leaders.pathway.emptyText')}</EmptyState>
        ) : (
          d.pathways.map((p) => (
            <PathwayBlock key={p.programmeId} leaderId={d.leader.id} leaderName={d.leader.name} pathway={p} onCertify={() => setCertifying(p.programmeId)} />
          ))
        )}
      </Panel>

      <GroupsLed groups={d.groups} />
      <Trends data={d} />
      <CoursesAttended courses={d.courses} />

      <Panel id="leader-supervision" title={t('leaders.supervision.title')}>
        <SupervisionHistory sessions={d.supervision} leaderId={d.leader.id} scale={d.ratingScale} />
      </Panel>

      <Panel id="leader-follow-ups" title={t('followUps.title')} focusableHeading>
        <FollowUpList items={d.followUps.filter((f) => !f.done)} emptyText={t('followUps.empty')} headingId="leader-follow-ups" />
      </Panel>

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

function PathwayBlock({ leaderId, leaderName, pathway: p, onCertify }: { leaderId: string; leaderName: string; pathway: Pathway; onCertify(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  const [revoking, setRevoking] = useState(false);
  const revoke = useApiMutation('certifications.delete');
  const code = p.programmeCode;

  // Undo certifies again with what was recorded, the override's reason included; should the
  // requirements no longer hold and no reason was given, the refusal says so in the toast.
  const restore = async (c: NonNullable<Pathway['certification']>) => {
    try {
      await call('certifications.certify', {
        leaderId: c.leaderId,
        programmeId: c.programmeId,
        date: c.date,
        supervisorId: c.supervisorId,
        overrideReason: c.overrideReason ?? '',
        note: c.note,
      });
      showToast(t('leaders.certify.restored', { code }));
    } catch (err) {
      showToast(pick(asApiError(err).messages));
    }
  };
  const confirmRevoke = async () => {
    const c = p.certification!;
    await revoke.mutateAsync({ id: c.id });
    showToast(t('leaders.certify.revoked', { code }), { label: t('supervision.undo'), run: () => void restore(c) });
  };
  const headingId = `pathway-${p.programmeId}`;
  return (
    <div className="pathway" aria-labelledby={headingId} role="group">
      <h3 id={headingId} className="add-session__title">
        {programmeLabel({ name: p.programmeName, code: p.programmeCode })} <StatusBadge kind="pathway" status={p.status} />
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
        {p.certification && (
          <button type="button" className="button button--small button--link button--danger-text" onClick={() => setRevoking(true)}>
            {t('leaders.certify.revoke', { code })}
          </button>
        )}
      </div>
      {p.certification && (
        <ConfirmWrite
          open={revoking}
          title={t('leaders.certify.revokeTitle', { code })}
          confirmLabel={t('leaders.certify.revokeConfirm')}
          mutation={revoke}
          onConfirm={confirmRevoke}
          onClose={() => setRevoking(false)}
        >
          <p>{t('leaders.certify.revokeBody', { name: leaderName, date: fmt.date(p.certification.date), supervisor: p.certification.supervisorName })}</p>
          {p.certification.overrideReason && <p>{t('leaders.certify.revokeOverride', { reason: p.certification.overrideReason })}</p>}
        </ConfirmWrite>
      )}
    </div>
  );
}

function GroupsLed({ groups }: { groups: LeaderGroup[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Panel id="leader-groups" title={t('leaders.groups.title')}>
      <DataTable
        caption={t('leaders.groups.title')}
        rows={groups}
        rowKey={(g) => g.groupId}
        empty={<EmptyState title={t('leaders.groups.empty')} />}
        columns={[
          {
            key: 'group',
            header: t('leaders.groups.group'),
            rowHeader: true,
            cell: (g) => (
              <>
                <Link to={`/groups/${g.groupId}`}>
                  {g.programmeCode} · {g.unitName}
                </Link>
                <div className="muted small">{fmt.shortDate(g.startDate)}</div>
              </>
            ),
          },
          { key: 'status', header: t('leaders.groups.status'), cell: (g) => <StatusBadge kind="group" status={g.status} /> },
          {
            key: 'sessions',
            header: t('leaders.groups.sessions'),
            className: 'num',
            cell: (g) => t('groups.heldOf', { held: g.heldCount, total: g.sessionCount }),
          },
          { key: 'participants', header: t('leaders.groups.participants'), className: 'num', cell: (g) => fmt.number(g.participants) },
          { key: 'completion', header: t('leaders.groups.completion'), className: 'num', cell: (g) => shareAsPercent(g.completionRate) },
          { key: 'attendance', header: t('leaders.col.attendance'), className: 'num', cell: (g) => shareAsPercent(g.meanAttendance) },
          { key: 'fidelity', header: t('leaders.col.fidelity'), className: 'num', cell: (g) => percent(g.meanFidelity) },
          { key: 'supervisor', header: t('leaders.groups.supervisor'), cell: (g) => g.supervisorName ?? t('groups.noSupervisor') },
        ]}
      />
    </Panel>
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
    <Panel id="leader-trends" title={t('leaders.trend.title')}>
      <div className="trend-grid">
        <TrendChart
          title={t('leaders.trend.attendance')}
          valueLabel={t('leaders.col.attendance')}
          points={attendance}
          emptyText={t('leaders.trend.noAttendance')}
        />
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
    </Panel>
  );
}

function CoursesAttended({ courses }: { courses: LeaderPageData['courses'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Panel id="leader-courses" title={t('leaders.courses.title')}>
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
    </Panel>
  );
}
