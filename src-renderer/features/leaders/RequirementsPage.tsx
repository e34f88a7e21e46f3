import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { FieldIssue, PathwayRequirements } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { applyServerIssues, toNumberOrNull } from '../../lib/forms';
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
      {requirements.isPending && <Loading />}
      <ErrorAlert error={requirements.error} />
      {/* Keyed so a refetch after saving starts the form from what was stored. */}
      {requirements.data && <RequirementsForm key={JSON.stringify(requirements.data)} current={requirements.data} />}
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
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: {
      minCourseDays: String(current.minCourseDays),
      requireSupervisedGroup: current.requireSupervisedGroup,
      supervisedGroupMinHeldPercent: String(current.supervisedGroupMinHeldPercent),
      minSupervisionSessions: String(current.minSupervisionSessions),
    },
  });
  const errors = formState.errors;
  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    try {
      await update.mutateAsync({
        programmeId: current.programmeId,
        minCourseDays: toNumberOrNull(v.minCourseDays) ?? Number.NaN,
        requireSupervisedGroup: v.requireSupervisedGroup,
        supervisedGroupMinHeldPercent: toNumberOrNull(v.supervisedGroupMinHeldPercent) ?? Number.NaN,
        minSupervisionSessions: toNumberOrNull(v.minSupervisionSessions) ?? Number.NaN,
      });
      showToast(t('requirements.saved'));
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, fields));
    }
  });
  const required = { required: 'validation.required' };
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="form__required-note">{current.isDefault ? t('requirements.isDefault') : t('form.requiredNote')}</p>
      <ErrorAlert error={update.error} extraIssues={unmatched} />
      <div className="form__grid">
        <FormField id="req-course-days" label={t('requirements.courseDays')} hint={t('requirements.courseDaysHint')} required error={errors.minCourseDays?.message}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={30} {...register('minCourseDays', required)} />}
        </FormField>
        <FormField id="req-supervision" label={t('requirements.supervisionSessions')} hint={t('requirements.supervisionHint')} required error={errors.minSupervisionSessions?.message}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={50} {...register('minSupervisionSessions', required)} />}
        </FormField>
        <div className="field form__wide">
          <label className="checkbox">
            <input type="checkbox" {...register('requireSupervisedGroup')} />
            <span>{t('requirements.supervisedGroup')}</span>
          </label>
        </div>
        <FormField id="req-held-percent" label={t('requirements.heldPercent')} hint={t('requirements.heldPercentHint')} required error={errors.supervisedGroupMinHeldPercent?.message}>
          {(p) => (
            <input {...p} type="number" inputMode="numeric" min={1} max={100} {...register('supervisedGroupMinHeldPercent', required)} />
          )}
        </FormField>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
        <Link to="/programmes" className="button button--secondary">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
