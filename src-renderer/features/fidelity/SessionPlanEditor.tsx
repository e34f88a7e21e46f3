import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { SessionPlanItem } from '@contract';
import { setApiData, useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import '../attendance/attendance.css';
import { textLimits } from '@contract/limits';

/** Per session number: a title and the components fidelity is recorded against. */
export function SessionPlanEditor() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const programmes = useApiQuery('programmes.list', { includeArchived: true });
  const plan = useApiQuery('sessionPlans.get', { programmeId: id });
  const reset = useApiMutation('sessionPlans.reset');
  const [number, setNumber] = useState(1);
  const [confirming, setConfirming] = useState(false);
  const programme = programmes.data?.find((p) => p.id === id);
  const back = <Link to="/programmes">← {t('programmes.backToList')}</Link>;
  const item = plan.data?.sessions.find((s) => s.number === number);

  return (
    <>
      <PageHeader
        title={t('plan.title', { name: programme?.name ?? '' })}
        back={back}
        subtitle={t('plan.intro')}
        actions={
          <Link to={`/programmes/${id}/rules`} className="button button--secondary">
            {t('rules.link')}
          </Link>
        }
      />
      {(plan.isPending || programmes.isPending) && <Loading />}
      <ErrorAlert error={plan.error ?? programmes.error} />
      {plan.data && (
        <div className="plan-editor">
          <nav aria-label={t('plan.sessions')}>
            <ul className="plan-editor__list">
              {plan.data.sessions.map((s) => (
                <li key={s.number}>
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    aria-current={s.number === number ? 'true' : undefined}
                    onClick={() => setNumber(s.number)}
                  >
                    {t('plan.sessionItem', { number: s.number, title: s.title })}
                    {s.isDefault && <span className="visually-hidden">{` (${t('plan.generic')})`}</span>}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="button button--link button--danger-text" onClick={() => setConfirming(true)}>
              {t('plan.reset')}
            </button>
          </nav>
          {item && <PlanItemForm key={`${item.number}:${item.title}:${item.components.map((c) => c.key).join()}`} programmeId={id} item={item} />}
        </div>
      )}
      <ConfirmWrite
        open={confirming}
        title={t('plan.resetTitle')}
        confirmLabel={t('plan.reset')}
        mutation={reset}
        onConfirm={async () => {
          setApiData('sessionPlans.get', { programmeId: id }, await reset.mutateAsync({ programmeId: id }));
          showToast(t('plan.resetDone'));
        }}
        onClose={() => setConfirming(false)}
      >
        {t('plan.resetText')}
      </ConfirmWrite>
    </>
  );
}

interface PlanValues {
  title: string;
  components: { key: string; sv: string; en: string }[];
}

function PlanItemForm({ programmeId, item }: { programmeId: string; item: SessionPlanItem }) {
  const { t } = useTranslation();
  const update = useApiMutation('sessionPlans.update');
  const { register, control, handleSubmit, setError, formState, setFocus } = useForm<PlanValues>({
    defaultValues: { title: item.title, components: item.components.map((c) => ({ key: c.key, sv: c.sv, en: c.en })) },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'components' });
  const prefix = `plan-${item.number}`;
  const issues = useServerIssues(setError, ['title']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const saved = await update.mutateAsync({
        programmeId,
        number: item.number,
        title: v.title,
        components: v.components.map((c) => ({ ...(c.key ? { key: c.key } : {}), sv: c.sv, en: c.en })),
      });
      setApiData('sessionPlans.get', { programmeId }, saved);
      showToast(t('plan.saved', { number: item.number }));
    }),
  );
  const errors = formState.errors;
  return (
    <form className="form" noValidate aria-labelledby={`${prefix}-title`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${prefix}-title`} className="panel__title">
        {t('plan.sessionHeading', { number: item.number })}
      </h2>
      {item.isDefault && <p className="panel__hint">{t('plan.genericHint')}</p>}
      <ErrorAlert error={update.error} extraIssues={issues.unmatched} quietOnFieldErrors />
      <InputField
        id={`${prefix}-name`}
        label={t('plan.sessionTitle')}
        required
        error={errors.title?.message}
        type="text"
        autoComplete="off"
        maxLength={textLimits.planTitle}
        {...register('title', { validate: (x) => x.trim() !== '' || 'validation.required' })}
      />
      <fieldset className="fieldset">
        <legend className="field__label">{t('plan.components')}</legend>
        {fields.map((field, i) => (
          <div key={field.id} className="component-row">
            <InputField
              id={`${prefix}-c${i}-sv`}
              label={t('plan.componentSv', { index: i + 1 })}
              required
              error={errors.components?.[i]?.sv?.message}
              type="text"
              autoComplete="off"
              maxLength={textLimits.componentLabel}
              {...register(`components.${i}.sv`, { validate: (x) => x.trim() !== '' || 'validation.required' })}
            />
            <InputField
              id={`${prefix}-c${i}-en`}
              label={t('plan.componentEn', { index: i + 1 })}
              type="text"
              lang="en"
              autoComplete="off"
              maxLength={textLimits.componentLabel}
              {...register(`components.${i}.en`)}
            />
            <button
              type="button"
              className="button button--small button--link button--danger-text"
              disabled={fields.length === 1}
              onClick={() => {
                remove(i);
                setFocus(`components.${Math.max(0, i - 1)}.sv`);
              }}
            >
              {t('plan.removeComponent', { index: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={fields.length >= 20}
          onClick={() => append({ key: '', sv: '', en: '' })}
        >
          {t('plan.addComponent')}
        </button>
      </fieldset>
      <FormActions saving={update.isPending} submitLabel={t('plan.save')} />
    </form>
  );
}
