import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { FieldIssue, SessionPlanItem } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { applyServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import '../attendance/attendance.css';

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

  const doReset = async () => {
    try {
      await reset.mutateAsync({ programmeId: id });
      setConfirming(false);
      showToast(t('plan.resetDone'));
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <>
      <PageHeader title={t('plan.title', { name: programme?.name ?? '' })} back={back} subtitle={t('plan.intro')}
        actions={<Link to={`/programmes/${id}/rules`} className="button button--secondary">{t('rules.link')}</Link>} />
      {(plan.isPending || programmes.isPending) && <Loading />}
      <ErrorAlert error={plan.error ?? programmes.error} />
      {plan.data && (
        <div className="plan-editor">
          <nav aria-label={t('plan.sessions')}>
            <ul className="plan-editor__list">
              {plan.data.sessions.map((s) => (
                <li key={s.number}>
                  <button type="button" className="button button--small button--secondary" aria-current={s.number === number ? 'true' : undefined}
                    onClick={() => setNumber(s.number)}>
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
      <ConfirmDialog open={confirming} title={t('plan.resetTitle')} confirmLabel={t('plan.reset')} destructive busy={reset.isPending} error={reset.error}
        onConfirm={() => void doReset()} onClose={() => {
          setConfirming(false);
          reset.reset();
        }}>
        {t('plan.resetText')}
      </ConfirmDialog>
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
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, control, handleSubmit, setError, formState, setFocus } = useForm<PlanValues>({
    defaultValues: { title: item.title, components: item.components.map((c) => ({ key: c.key, sv: c.sv, en: c.en })) },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'components' });
  const prefix = `plan-${item.number}`;
  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    try {
      await update.mutateAsync({
        programmeId,
        number: item.number,
        title: v.title,
        components: v.components.map((c) => ({ ...(c.key ? { key: c.key } : {}), sv: c.sv, en: c.en })),
      });
      showToast(t('plan.saved', { number: item.number }));
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, ['title']));
    }
  });
  const errors = formState.errors;
  return (
    <form className="form" noValidate aria-labelledby={`${prefix}-title`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${prefix}-title`} className="panel__title">
        {t('plan.sessionHeading', { number: item.number })}
      </h2>
      {item.isDefault && <p className="panel__hint">{t('plan.genericHint')}</p>}
      <ErrorAlert error={unmatched.length || !update.error || update.error.code !== 'validation' ? update.error : null} extraIssues={unmatched} />
      <FormField id={`${prefix}-name`} label={t('plan.sessionTitle')} required error={errors.title?.message}>
        {(p) => <input {...p} type="text" autoComplete="off" {...register('title', { validate: (x) => x.trim() !== '' || 'validation.required' })} />}
      </FormField>
      <fieldset className="fieldset">
        <legend className="field__label">{t('plan.components')}</legend>
        {fields.map((field, i) => (
          <div key={field.id} className="component-row">
            <FormField id={`${prefix}-c${i}-sv`} label={t('plan.componentSv', { index: i + 1 })} required error={errors.components?.[i]?.sv?.message}>
              {(p) => <input {...p} type="text" autoComplete="off" {...register(`components.${i}.sv`, { validate: (x) => x.trim() !== '' || 'validation.required' })} />}
            </FormField>
            <FormField id={`${prefix}-c${i}-en`} label={t('plan.componentEn', { index: i + 1 })}>
              {(p) => <input {...p} type="text" lang="en" autoComplete="off" {...register(`components.${i}.en`)} />}
            </FormField>
            <button type="button" className="button button--small button--link button--danger-text" disabled={fields.length === 1}
              onClick={() => {
                remove(i);
                setFocus(`components.${Math.max(0, i - 1)}.sv`);
              }}>
              {t('plan.removeComponent', { index: i + 1 })}
            </button>
          </div>
        ))}
        <button type="button" className="button button--small button--secondary" disabled={fields.length >= 20} onClick={() => append({ key: '', sv: '', en: '' })}>
          {t('plan.addComponent')}
        </button>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('plan.save')}
        </button>
      </div>
    </form>
  );
}
