import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router-dom';
import type { FieldIssue, Unit } from '@contract';
import { UNIT_KINDS } from '@contract/enums';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { applyServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { FormActions, RegistryFormPage } from '../registry/RegistryFormPage';
import { RegistryList } from '../registry/RegistryList';

export const unitKinds = UNIT_KINDS;
type UnitKind = (typeof unitKinds)[number];

export function UnitsPage() {
  return (
    <Routes>
      <Route index element={<UnitList />} />
      <Route path="new" element={<UnitFormRoute mode="create" />} />
      <Route path=":id/edit" element={<UnitFormRoute mode="edit" />} />
    </Routes>
  );
}

function UnitList() {
  const { t } = useTranslation();
  const units = useApiQuery('units.list', { includeArchived: true });
  return (
    <RegistryList
      kind="units"
      items={units.data}
      isPending={units.isPending}
      error={units.error}
      columns={[
        { header: t('units.kind'), cell: (u) => t(`unitKind.${u.kind}`) },
        { header: t('units.groups'), cell: (u) => u.groupCount, className: 'num' },
        { header: t('units.staff'), cell: (u) => u.staffCount, className: 'num' },
      ]}
    />
  );
}

function UnitFormRoute({ mode }: { mode: 'create' | 'edit' }) {
  const { id } = useParams();
  const units = useApiQuery('units.list', { includeArchived: true }, { enabled: mode === 'edit' });
  return (
    <RegistryFormPage kind="units" mode={mode} id={id} items={units.data} isPending={units.isPending} error={units.error}>
      {(unit) => <UnitForm unit={unit} />}
    </RegistryFormPage>
  );
}

interface UnitValues {
  name: string;
  kind: UnitKind;
}

function UnitForm({ unit }: { unit: Unit | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useApiMutation('units.create');
  const update = useApiMutation('units.update');
  const mutation = unit ? update : create;
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<UnitValues>({
    defaultValues: { name: unit?.name ?? '', kind: unit?.kind ?? 'district' },
  });
  const submit = handleSubmit(async (values) => {
    setUnmatched([]);
    try {
      if (unit) await update.mutateAsync({ ...values, id: unit.id });
      else await create.mutateAsync(values);
      showToast(t(unit ? 'common.saved' : 'units.created', { name: values.name }));
      void navigate('/units');
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, ['name', 'kind']));
    }
  });
  return (
    <form className="form form--narrow" noValidate onSubmit={(e) => void submit(e)}>
      <p className="form__required-note">{t('form.requiredNote')}</p>
      <ErrorAlert error={mutation.error} extraIssues={unmatched} />
      <FormField id="unit-name" label={t('registry.name')} required error={formState.errors.name?.message}>
        {(p) => <input {...p} type="text" autoComplete="off" {...register('name', { validate: (v) => v.trim() !== '' || 'validation.nameRequired' })} />}
      </FormField>
      <FormField id="unit-kind" label={t('units.kind')} required error={formState.errors.kind?.message}>
        {(p) => (
          <select {...p} {...register('kind', { required: 'validation.required' })}>
            {unitKinds.map((k) => (
              <option key={k} value={k}>
                {t(`unitKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormActions saving={mutation.isPending} cancelTo="/units" submitLabel={unit ? undefined : t('units.createSubmit')} />
    </form>
  );
}
