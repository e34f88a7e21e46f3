import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Unit } from '@contract';
import { UNIT_KINDS } from '@contract/enums';
import { prefetchApiQuery, useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { wholeList } from '../../components/RegistryList';
import { RegistryRoutes } from '../../components/RegistryRoutes';
import { SelectField } from '../../components/SelectField';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { SchoolBreaks } from './SchoolBreaks';
import { textLimits } from '@contract/limits';
import { draftOr, useKeepDraft } from '../../stores/drafts';

export const unitKinds = UNIT_KINDS;
type UnitKind = (typeof unitKinds)[number];

/** The whole register, archived ones too: the list filters it on the page. */
const unitsInput = { includeArchived: true } as const;
export const prefetchUnits = () => void prefetchApiQuery('units.list', unitsInput);

export function UnitsPage() {
  const { t } = useTranslation();
  const units = useApiQuery('units.list', unitsInput);
  return (
    <RegistryRoutes
      kind="units"
      {...wholeList(units)}
      columns={[
        { key: 'kind', header: t('units.kind'), cell: (u) => t(`unitKind.${u.kind}`) },
        { key: 'groups', header: t('units.groups'), cell: (u) => u.groupCount, className: 'num' },
        { key: 'staff', header: t('units.staff'), cell: (u) => u.staffCount, className: 'num' },
      ]}
      form={(unit) => (
        <>
          <UnitForm unit={unit} />
          {unit && <SchoolBreaks unit={unit} />}
        </>
      )}
    />
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
  const draftKey = `unit-form:${unit?.id ?? 'new'}`;
  const { register, handleSubmit, setError, formState, watch } = useForm<UnitValues>({
    defaultValues: draftOr<UnitValues>(draftKey, { name: unit?.name ?? '', kind: unit?.kind ?? 'district' }),
  });
  useKeepDraft(draftKey, watch);
  const issues = useServerIssues(setError, ['name', 'kind']);
  const submit = handleSubmit((values) =>
    issues.run(async () => {
      if (unit) await update.mutateAsync({ ...values, id: unit.id });
      else await create.mutateAsync(values);
      showToast(t(unit ? 'common.saved' : 'units.created', { name: values.name }));
      void navigate('/units');
    }),
  );
  return (
    <form className="form form--narrow" noValidate onSubmit={(e) => void submit(e)}>
      <p className="form__required-note">{t('form.requiredNote')}</p>
      <ErrorAlert error={mutation.error} extraIssues={issues.unmatched} />
      <InputField
        id="unit-name"
        label={t('registry.name')}
        required
        error={formState.errors.name?.message}
        type="text"
        autoComplete="off"
        maxLength={textLimits.name}
        {...register('name', { validate: (v) => v.trim() !== '' || 'validation.nameRequired' })}
      />
      <SelectField
        id="unit-kind"
        label={t('units.kind')}
        required
        error={formState.errors.kind?.message}
        options={unitKinds.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))}
        {...register('kind', { required: 'validation.required' })}
      />
      <FormActions saving={mutation.isPending} cancel="/units" submitLabel={unit ? undefined : t('units.createSubmit')} />
    </form>
  );
}
