import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ProgrammeRules } from '@contract';
import { setApiData, useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { toNumberOrNull, useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';

/** Completion share and the absence runs that flag "at risk" and mark dropout, per programme. */
export function RulesEditor() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const programmes = useApiQuery('programmes.list', { includeArchived: true });
  const rules = useApiQuery('programmeRules.get', { programmeId: id });
  const programme = programmes.data?.find((p) => p.id === id);
  const back = <Link to="/programmes">← {t('programmes.backToList')}</Link>;
  return (
    <>
      <PageHeader
        title={t('rules.title', { name: programme?.name ?? '' })}
        back={back}
        subtitle={t('rules.intro')}
        actions={
          <Link to={`/programmes/${id}/plan`} className="button button--secondary">
            {t('plan.link')}
          </Link>
        }
      />
      <QueryState query={rules}>{(r) => <RulesForm key={`${r.completionPercent}:${r.dropoutAfter}:${r.atRiskAfter}`} rules={r} />}</QueryState>
    </>
  );
}

type Values = Record<'completionPercent' | 'dropoutAfter' | 'atRiskAfter', string>;

function RulesForm({ rules }: { rules: ProgrammeRules }) {
  const { t } = useTranslation();
  const update = useApiMutation('programmeRules.update');
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: { completionPercent: String(rules.completionPercent), dropoutAfter: String(rules.dropoutAfter), atRiskAfter: String(rules.atRiskAfter) },
  });
  const issues = useServerIssues(setError, ['completionPercent', 'dropoutAfter', 'atRiskAfter']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const saved = await update.mutateAsync({
        programmeId: rules.programmeId,
        completionPercent: toNumberOrNull(v.completionPercent) ?? Number.NaN,
        dropoutAfter: toNumberOrNull(v.dropoutAfter) ?? Number.NaN,
        atRiskAfter: toNumberOrNull(v.atRiskAfter) ?? Number.NaN,
      });
      setApiData('programmeRules.get', { programmeId: rules.programmeId }, saved);
      showToast(t('rules.saved'));
    }),
  );
  const errors = formState.errors;
  const required = { required: 'validation.required' };
  return (
    <form className="form form--narrow panel" noValidate onSubmit={(e) => void submit(e)} aria-label={t('rules.formLabel')}>
      {rules.isDefault && <p className="panel__hint">{t('rules.defaultHint')}</p>}
      <ErrorAlert error={update.error} extraIssues={issues.unmatched} quietOnFieldErrors />
      <InputField
        id="rules-completion"
        label={t('rules.completionPercent')}
        hint={t('rules.completionHint')}
        required
        error={errors.completionPercent?.message}
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        {...register('completionPercent', required)}
      />
      <InputField
        id="rules-at-risk"
        label={t('rules.atRiskAfter')}
        hint={t('rules.atRiskHint')}
        required
        error={errors.atRiskAfter?.message}
        type="number"
        inputMode="numeric"
        min={1}
        max={20}
        {...register('atRiskAfter', required)}
      />
      <InputField
        id="rules-dropout"
        label={t('rules.dropoutAfter')}
        hint={t('rules.dropoutHint')}
        required
        error={errors.dropoutAfter?.message}
        type="number"
        inputMode="numeric"
        min={1}
        max={20}
        {...register('dropoutAfter', required)}
      />
      <FormActions saving={update.isPending} />
    </form>
  );
}
