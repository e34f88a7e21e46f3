import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { StaffMember } from '@contract';
import { prefetchApiQuery, useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { Fieldset } from '../../components/FormField';
import { InputField } from '../../components/InputField';
import { openingView, type RegistryView } from '../../components/RegistryList';
import { RegistryRoutes } from '../../components/RegistryRoutes';
import { namedChoices, SelectField } from '../../components/SelectField';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { textLimits } from '@contract/limits';
import { draftOr, useKeepDraft } from '../../stores/drafts';

/** The register's first page, read as the list opens. */
export const prefetchStaff = () => void prefetchApiQuery('staff.page', openingView('staff'));

export function StaffPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  return (
    <RegistryRoutes
      kind="staff"
      usePage={useStaffPage}
      useItem={useStaffMember}
      columns={[
        { key: 'roles', header: t('staff.roles'), cell: roles },
        { key: 'unit', header: t('staff.unit'), cell: (s) => s.unitName ?? '–' },
        { key: 'contact', header: t('staff.contact'), cell: (s) => [s.email, s.phone].filter(Boolean).join(' · ') || '–' },
        { key: 'groups', header: t('staff.groups'), cell: (s) => s.groupCount, className: 'num' },
      ]}
      form={(member) => <StaffForm member={member} />}
    />
  );
}

/** A city has thousands of staff: the server sends one page, sorted and searched there. */
function useStaffPage(view: RegistryView) {
  return useApiQuery('staff.page', view, { placeholderData: (previous) => previous });
}

function useStaffMember(id: string) {
  return useApiQuery('staff.get', { id });
}

function useRoles() {
  const { t } = useTranslation();
  const leader = t('staff.leader');
  const supervisor = t('staff.supervisor');
  return (s: StaffMember) => [s.isLeader ? leader : null, s.isSupervisor ? supervisor : null].filter(Boolean).join(', ');
}

interface StaffValues {
  name: string;
  unitId: string;
  email: string;
  phone: string;
  isLeader: boolean;
  isSupervisor: boolean;
}

const fields = ['name', 'unitId', 'email', 'phone', 'isLeader'] as const;

function StaffForm({ member }: { member: StaffMember | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useApiQuery('units.list', { includeArchived: true });
  const create = useApiMutation('staff.create');
  const update = useApiMutation('staff.update');
  const mutation = member ? update : create;
  const draftKey = `staff-form:${member?.id ?? 'new'}`;
  const { register, handleSubmit, setError, formState, getValues, watch } = useForm<StaffValues>({
    defaultValues: draftOr<StaffValues>(draftKey, {
      name: member?.name ?? '',
      unitId: member?.unitId ?? '',
      email: member?.email ?? '',
      phone: member?.phone ?? '',
      isLeader: member?.isLeader ?? true,
      isSupervisor: member?.isSupervisor ?? false,
    }),
  });
  useKeepDraft(draftKey, watch);
  const errors = formState.errors;
  const unitChoices = (units.data ?? []).filter((u) => u.active || u.id === member?.unitId);
  const issues = useServerIssues(setError, fields, { isSupervisor: 'isLeader' });
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const input = { ...v, unitId: v.unitId || null, email: v.email || null, phone: v.phone || null };
      if (member) await update.mutateAsync({ ...input, id: member.id });
      else await create.mutateAsync(input);
      showToast(t(member ? 'common.saved' : 'staff.created', { name: v.name }));
      void navigate('/staff');
    }),
  );
  const oneRole = () => getValues('isLeader') || getValues('isSupervisor') || 'validation.roleRequired';
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="form__required-note">{t('form.requiredNote')}</p>
      <ErrorAlert error={mutation.error} extraIssues={issues.unmatched} />
      <div className="form__grid">
        <InputField
          id="staff-name"
          label={t('registry.name')}
          required
          error={errors.name?.message}
          className="form__wide"
          type="text"
          autoComplete="off"
          maxLength={textLimits.name}
          {...register('name', { validate: (x) => x.trim() !== '' || 'validation.nameRequired' })}
        />
        <SelectField
          id="staff-unit"
          label={t('staff.unit')}
          error={errors.unitId?.message}
          placeholder={t('staff.noUnit')}
          options={namedChoices(unitChoices)}
          {...register('unitId')}
        />
        <div />
        <InputField
          id="staff-email"
          label={t('staff.email')}
          error={errors.email?.message}
          type="email"
          autoComplete="off"
          maxLength={textLimits.email}
          {...register('email')}
        />
        <InputField
          id="staff-phone"
          label={t('staff.phone')}
          error={errors.phone?.message}
          type="tel"
          autoComplete="off"
          maxLength={textLimits.phone}
          {...register('phone')}
        />
      </div>
      <Fieldset id="staff-roles" legend={t('staff.roles')} required error={errors.isLeader?.message}>
        <Checkbox label={t('staff.leader')} {...register('isLeader', { validate: oneRole, deps: ['isSupervisor'] })} />
        <Checkbox label={t('staff.supervisor')} {...register('isSupervisor', { deps: ['isLeader'] })} />
      </Fieldset>
      <FormActions saving={mutation.isPending} cancel="/staff" submitLabel={member ? undefined : t('staff.createSubmit')} />
    </form>
  );
}
