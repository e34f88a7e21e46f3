import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { FieldIssue, ProgrammeRules } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { applyServerIssues, toNumberOrNull } from '../../lib/forms';
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
      <PageHeader title={t('rules.title', { name: programme?.name ?? '' })} back={back} subtitle={t('rules.intro')}
        actions={<Link to={`/programmes/${id}/plan`} className="button button--secondary">{t('plan.link')}</Link>} />
      {rules.isPending && <Loading />}
      <ErrorAlert error={rules.error} />
      {rules.data && <RulesForm key={`${rules.data.completionPercent}:${rules.data.dropoutAfter}:${rules.data.atRiskAfter}`} rules={rules.data} />}
    </>
  );
}

type Values = Record<'completionPercent' | 'dropoutAfter' | 'atRiskAfter', string>;

function RulesForm({ rules }: { rules: ProgrammeRules }) {
  const { t } = useTranslation();
  const update = useApiMutation('programmeRules.update');
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: { completionPercent: String(rules.completionPercent), dropoutAfter: String(rules.dropoutAfter), atRiskAfter: String(rules.atRiskAfter) },
  });
  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    try {
      await update.mutateAsync({
        programmeId: rules.programmeId,
        completionPercent: toNumberOrNull(v.completionPercent) ?? Number.NaN,
        dropoutAfter: toNumberOrNull(v.dropoutAfter) ?? Number.NaN,
        atRiskAfter: toNumberOrNull(v.atRiskAfter) ?? Number.NaN,
      });
      showToast(t('rules.saved'));
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, ['completionPercent', 'dropoutAfter', 'atRiskAfter']));
    }
  });
  const errors = formState.errors;
  const required = { required: 'validation.required' };
  return (
    <form className="form form--narrow panel" noValidate onSubmit={(e) => void submit(e)} aria-label={t('rules.formLabel')}>
      {rules.isDefault && <p className="panel__hint">{t('rules.defaultHint')}</p>}
      <ErrorAlert error={unmatched.length || update.error?.code !== 'validation' ? update.error : null} extraIssues={unmatched} />
      <FormField id="rules-completion" label={t('rules.completionPercent')} hint={t('rules.completionHint')} required error={errors.completionPercent?.message}>
        {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={100} {...register('completionPercent', required)} />}
      </FormField>
      <FormField id="rules-at-risk" label={t('rules.atRiskAfter')} hint={t('rules.atRiskHint')} required error={errors.atRiskAfter?.message}>
        {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={20} {...register('atRiskAfter', required)} />}
      </FormField>
      <FormField id="rules-dropout" label={t('rules.dropoutAfter')} hint={t('rules.dropoutHint')} required error={errors.dropoutAfter?.message}>
        {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={20} {...register('dropoutAfter', required)} />}
      </FormField>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
