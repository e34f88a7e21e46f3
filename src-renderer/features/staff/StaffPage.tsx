import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router-dom';
import type { FieldIssue, StaffMember } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fieldset, FormField } from '../../components/FormField';
import { applyServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { FormActions, RegistryFormPage } from '../registry/RegistryFormPage';
import { RegistryList } from '../registry/RegistryList';

export function StaffPage() {
  return (
    <Routes>
      <Route index element={<StaffList />} />
      <Route path="new" element={<StaffFormRoute mode="create" />} />
      <Route path=":id/edit" element={<StaffFormRoute mode="edit" />} />
    </Routes>
  );
}

function useRoles() {
  const { t } = useTranslation();
  return (s: StaffMember) =>
    [s.isLeader ? t('staff.leader') : null, s.isSupervisor ? t('staff.supervisor') : null].filter(Boolean).join(', ');
}

function StaffList() {
  const { t } = useTranslation();
  const roles = useRoles();
  const staff = useApiQuery('staff.list', { includeArchived: true });
  return (
    <RegistryList
      kind="staff"
      items={staff.data}
      isPending={staff.isPending}
      error={staff.error}
      columns={[
        { header: t('staff.roles'), cell: roles },
        { header: t('staff.unit'), cell: (s) => s.unitName ?? '–' },
        { header: t('staff.contact'), cell: (s) => [s.email, s.phone].filter(Boolean).join(' · ') || '–' },
        { header: t('staff.groups'), cell: (s) => s.groupCount, className: 'num' },
      ]}
    />
  );
}

function StaffFormRoute({ mode }: { mode: 'create' | 'edit' }) {
  const { id } = useParams();
  const list = useApiQuery('staff.list', { includeArchived: true }, { enabled: mode === 'edit' });
  return (
    <RegistryFormPage kind="staff" mode={mode} id={id} items={list.data} isPending={list.isPending} error={list.error}>
      {(member) => <StaffForm member={member} />}
    </RegistryFormPage>
  );
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
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, handleSubmit, setError, formState, getValues } = useForm<StaffValues>({
    defaultValues: {
      name: member?.name ?? '',
      unitId: member?.unitId ?? '',
      email: member?.email ?? '',
      phone: member?.phone ?? '',
      isLeader: member?.isLeader ?? true,
      isSupervisor: member?.isSupervisor ?? false,
    },
  });
  const errors = formState.errors;
  const unitChoices = (units.data ?? []).filter((u) => u.active || u.id === member?.unitId);
  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    const input = { ...v, unitId: v.unitId || null, email: v.email || null, phone: v.phone || null };
    try {
      if (member) await update.mutateAsync({ ...input, id: member.id });
      else await create.mutateAsync(input);
      showToast(t(member ? 'common.saved' : 'staff.created', { name: v.name }));
      void navigate('/staff');
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, fields, { isSupervisor: 'isLeader' }));
    }
  });
  const oneRole = () => getValues('isLeader') || getValues('isSupervisor') || 'validation.roleRequired';
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="form__required-note">{t('form.requiredNote')}</p>
      <ErrorAlert error={mutation.error} extraIssues={unmatched} />
      <div className="form__grid">
        <FormField id="staff-name" label={t('registry.name')} required error={errors.name?.message} className="form__wide">
          {(p) => <input {...p} type="text" autoComplete="off" {...register('name', { validate: (x) => x.trim() !== '' || 'validation.nameRequired' })} />}
        </FormField>
        <FormField id="staff-unit" label={t('staff.unit')} error={errors.unitId?.message}>
          {(p) => (
            <select {...p} {...register('unitId')}>
              <option value="">{t('staff.noUnit')}</option>
              {unitChoices.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div />
        <FormField id="staff-email" label={t('staff.email')} error={errors.email?.message}>
          {(p) => <input {...p} type="email" autoComplete="off" {...register('email')} />}
        </FormField>
        <FormField id="staff-phone" label={t('staff.phone')} error={errors.phone?.message}>
          {(p) => <input {...p} type="tel" autoComplete="off" {...register('phone')} />}
        </FormField>
      </div>
      <Fieldset id="staff-roles" legend={t('staff.roles')} required error={errors.isLeader?.message}>
        <label className="checkbox">
          <input type="checkbox" {...register('isLeader', { validate: oneRole, deps: ['isSupervisor'] })} />
          <span>{t('staff.leader')}</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('isSupervisor', { deps: ['isLeader'] })} />
          <span>{t('staff.supervisor')}</span>
        </label>
      </Fieldset>
      <FormActions saving={mutation.isPending} cancelTo="/staff" submitLabel={member ? undefined : t('staff.createSubmit')} />
    </form>
  );
}
