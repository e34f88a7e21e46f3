import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { setApiData, useApiMutation, useApiQuery } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { showToast } from '../../stores/toasts';
import { GroupForm, valuesFromGroup, type GroupFormValues } from './GroupForm';

const toInput = (v: GroupFormValues) => ({
  programmeId: v.programmeId,
  unitId: v.unitId,
  venue: v.venue,
  startDate: v.startDate,
  startTime: v.startTime,
  note: v.note,
  leaderIds: v.leaderIds,
  supervisorId: v.supervisorId || null,
});

export function GroupCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useApiMutation('groups.create');
  return (
    <>
      <PageHeader title={t('groups.createTitle')} back={<Link to="/groups">← {t('groups.backToList')}</Link>} />
      <GroupForm
        mode="create"
        saving={create.isPending}
        submitError={create.error}
        cancelTo="/groups"
        onSubmit={async (values) => {
          const group = await create.mutateAsync({ ...toInput(values), skipHolidays: values.skipHolidays });
          setApiData('groups.get', { id: group.id }, group);
          showToast(t('groups.created', { count: group.sessionCount }));
          void navigate(`/groups/${group.id}`);
        }}
      />
    </>
  );
}

export function GroupEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const group = useApiQuery('groups.get', { id });
  const update = useApiMutation('groups.update');
  return (
    <>
      <PageHeader title={t('groups.editTitle')} back={<Link to={`/groups/${id}`}>← {t('groups.backToGroup')}</Link>} />
      <QueryState query={group}>
        {(data) => (
          <GroupForm
            mode="edit"
            initial={valuesFromGroup(data)}
            saving={update.isPending}
            submitError={update.error}
            cancelTo={`/groups/${id}`}
            onSubmit={async (values) => {
              setApiData(
                'groups.get',
                { id },
                await update.mutateAsync({ ...toInput(values), id, status: values.status, movePlannedSessions: values.movePlannedSessions }),
              );
              showToast(t('common.saved'));
              void navigate(`/groups/${id}`);
            }}
          />
        )}
      </QueryState>
    </>
  );
}
