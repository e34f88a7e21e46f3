import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { PathwayRequirements } from '@contract';
import { setApiData, useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { toNumberOrNull, useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';

export function RequirementsPage() {
  const { t } = useTranslation();
  const { programmeId = '' } = useParams();
  const programmes = useApiQuery('programmes.list', { includeArchived: true });
  const requirements = useApiQuery('pathwayRequirements.get', { programmeId });
  const programme = programmes.data?.find((p) => p.id === programmeId);
  return (
    <>
      <PageHeader
        title={t('requirements.title', { programme: programme?.name ?? '' })}
        subtitle={t('requirements.intro')}
        back={<Link to="/programmes">← {t('requirements.back')}</Link>}
      />
      {/* Keyed so a refetch after saving starts the form from what was stored. */}
      <QueryState query={requirements}>{(current) => <RequirementsForm key={JSON.stringify(current)} current={current} />}</QueryState>
    </>
  );
}

interface Values {
  minCourseDays: string;
  requireSupervisedGroup: boolean;
  supervisedGroupMinHeldPercent: string;
  minSupervisionSessions: string;
}

const fields = ['minCourseDays', 'requireSupervisedGroup', 'supervisedGroupMinHeldPercent', 'minSupervisionSessions'] as const;

function RequirementsForm({ current }: { current: PathwayRequirements }) {
  const { t } = useTranslation();
  const update = useApiMutation('pathwayRequirements.update');
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: {
      minCourseDays: String(current.minCourseDays),
      requireSupervisedGroup: current.requireSupervisedGroup,
      supervisedGroupMinHeldPercent: String(current.supervisedGroupMinHeldPercent),
      minSupervisionSessions: String(current.minSupervisionSessions),
    },
  });
  const errors = formState.errors;
  const issues = useServerIssues(setError, fields);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const saved = await update.mutateAsync({
        programmeId: current.programmeId,
        minCourseDays: toNumberOrNull(v.minCourseDays) ?? Number.NaN,
        requireSupervisedGroup: v.requireSupervisedGroup,
        supervisedGroupMinHeldPercent: toNumberOrNull(v.supervisedGroupMinHeldPercent) ?? Number.NaN,
        minSupervisionSessions: toNumberOrNull(v.minSupervisionSessions) ?? Number.NaN,
      });
      setApiData('pathwayRequirements.get', { programmeId: current.programmeId }, saved);
      showToast(t('requirements.saved'));
    }),
  );
  const required = { required: 'validation.required' };
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="form__required-note">{current.isDefault ? t('requirements.isDefault') : t('form.requiredNote')}</p>
      <ErrorAlert error={update.error} extraIssues={issues.unmatched} />
      <div className="form__grid">
        <InputField
          id="req-course-days"
          label={t('requirements.courseDays')}
          hint={t('requirements.courseDaysHint')}
          required
          error={errors.minCourseDays?.message}
          type="number"
          inputMode="numeric"
          min={0}
          max={30}
          {...register('minCourseDays', required)}
        />
        <InputField
          id="req-supervision"
          label={t('requirements.supervisionSessions')}
          hint={t('requirements.supervisionHint')}
          required
          error={errors.minSupervisionSessions?.message}
          type="number"
          inputMode="numeric"
          min={0}
          max={50}
          {...register('minSupervisionSessions', required)}
        />
        <div className="field form__wide">
          <Checkbox label={t('requirements.supervisedGroup')} {...register('requireSupervisedGroup')} />
        </div>
        <InputField
          id="req-held-percent"
          label={t('requirements.heldPercent')}
          hint={t('requirements.heldPercentHint')}
          required
          error={errors.supervisedGroupMinHeldPercent?.message}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          {...register('supervisedGroupMinHeldPercent', required)}
        />
      </div>
      <FormActions saving={update.isPending} cancel="/programmes" />
    </form>
  );
}
