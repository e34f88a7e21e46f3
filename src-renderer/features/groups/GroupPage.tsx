import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { Detail } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { PendingPage } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { todayIso } from '../../lib/dates';
import { useFormat } from '../../lib/format';
import { showToast } from '../../stores/toasts';
import { GroupOutcomesPanel } from '../outcomes/GroupOutcomesPanel';
import { ParticipationSections } from '../participants/ParticipationSections';
import { nextToRecord, recordRoute } from '../record/nextToRecord';
import { AddExtraSessionForm } from './SessionForms';
import { SessionsTable } from './SessionsTable';
import { CalendarDownload } from './CalendarDownload';
import { programmeLabel } from '../../lib/programme-label';

export function GroupPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const group = useApiQuery('groups.get', { id });
  const remove = useApiMutation('groups.delete');
  const [confirming, setConfirming] = useState(false);
  const g = group.data;
  const back = <Link to="/groups">← {t('groups.backToList')}</Link>;

  if (!g) {
    return <PendingPage title={t('groups.groupTitle')} back={back} query={group} />;
  }

  const toRecord = g.status === 'cancelled' ? null : nextToRecord(g.sessions, todayIso());
  // The sheet a leader prints before a session: the next one not yet held, else the first.
  const today = todayIso();
  const forSheet = g.sessions.find((s) => s.status === 'planned' && s.plannedDate >= today) ?? toRecord ?? g.sessions[0];
  return (
    <>
      <PageHeader
        title={`${g.programmeName} – ${g.unitName}`}
        back={back}
        subtitle={
          <>
            <StatusBadge kind="group" status={g.status} />{' '}
            {t('groups.subtitle', { date: fmt.date(g.startDate), weekday: fmt.weekday(g.weekday), time: g.startTime })}
          </>
        }
        actions={
          <>
            {toRecord && (
              <Link to={recordRoute(g.id, toRecord.id)} className="button button--primary">
                {t('record.title', { number: toRecord.number })}
              </Link>
            )}
            {forSheet && (
              <Link to={`/groups/${id}/sessions/${forSheet.id}/sheet`} className="button button--secondary">
                {t('groups.sheet.link')}
              </Link>
            )}
            <Link to={`/groups/${id}/edit`} className="button button--secondary">
              {t('common.edit')}
            </Link>
            <button type="button" className="button button--danger-outline" onClick={() => setConfirming(true)}>
              {t('groups.delete')}
            </button>
          </>
        }
      />

      <Panel id="group-details" title={t('groups.details')}>
        <dl className="details">
          <Detail label={t('groups.programme')}>{programmeLabel({ name: g.programmeName, code: g.programmeCode })}</Detail>
          <Detail label={t('groups.unit')}>{g.unitName}</Detail>
          <Detail label={t('groups.venue')}>{g.venue || '–'}</Detail>
          <Detail label={t('groups.startDate')}>{fmt.date(g.startDate)}</Detail>
          <Detail
            label={t('groups.when')}
          >{`${fmt.weekday(g.weekday)} ${g.startTime}, ${t('groups.minutes', { count: g.programmeSessionLengthMinutes })}`}</Detail>
          <Detail label={t('groups.leaders')}>{g.leaders.map((l) => l.name).join(', ')}</Detail>
          <Detail label={t('groups.supervisor')}>{g.supervisor?.name ?? t('groups.noSupervisor')}</Detail>
          {g.note && <Detail label={t('groups.note')}>{g.note}</Detail>}
        </dl>
      </Panel>

      <Panel
        id="group-sessions"
        title={t('sessions.title')}
        hint={t('sessions.summary', { held: g.heldCount, cancelled: g.cancelledCount, total: g.sessionCount })}
      >
        <SessionsTable sessions={g.sessions} />
        <AddExtraSessionForm groupId={g.id} />
        <CalendarDownload group={g} />
      </Panel>

      <ParticipationSections groupId={g.id} groupStatus={g.status} startDate={g.startDate} />

      <GroupOutcomesPanel groupId={g.id} />

      {/* A refusal (held sessions) stays in the dialog. */}
      <ConfirmWrite
        open={confirming}
        title={t('groups.deleteTitle')}
        confirmLabel={t('groups.delete')}
        mutation={remove}
        onConfirm={async () => {
          await remove.mutateAsync({ id });
          showToast(t('groups.deleted'));
          void navigate('/groups');
        }}
        onClose={() => setConfirming(false)}
      >
        {t('groups.deleteText')}
      </ConfirmWrite>
    </>
  );
}
