import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DropoutReason, FieldIssue } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { applyServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';

/** The short list of dropout reasons: renamed or archived, never deleted, since records point to them. */
export function DropoutReasonsPage() {
  const { t } = useTranslation();
  const reasons = useApiQuery('dropoutReasons.list', { includeArchived: true });
  const setActive = useApiMutation('dropoutReasons.setActive');
  const [editing, setEditing] = useState<string | null>(null);
  const back = <Link to="/programmes">← {t('programmes.backToList')}</Link>;

  const toggle = async (r: DropoutReason) => {
    try {
      await setActive.mutateAsync({ id: r.id, active: !r.active });
      showToast(t(r.active ? 'registry.archivedToast' : 'registry.restoredToast', { name: r.sv }));
    } catch {
      // Shown above the table.
    }
  };

  return (
    <>
      <PageHeader title={t('reasons.title')} subtitle={t('reasons.intro')} back={back} />
      {reasons.isPending && <Loading />}
      <ErrorAlert error={reasons.error ?? setActive.error} />
      {reasons.data && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('reasons.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reasons.sv')}</th>
                <th scope="col">{t('reasons.en')}</th>
                <th scope="col" className="num">{t('reasons.used')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('registry.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {reasons.data.map((r) =>
                editing === r.id ? (
                  <tr key={r.id}>
                    <td colSpan={4}>
                      <ReasonForm reason={r} onDone={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : (
                  <tr key={r.id} className={r.active ? undefined : 'is-archived'}>
                    <th scope="row">
                      {r.sv} {!r.active && <StatusBadge kind="archived" />}
                    </th>
                    <td lang="en">{r.en}</td>
                    <td className="num">{r.usedCount}</td>
                    <td className="actions-cell">
                      <div className="row-actions">
                        <button type="button" className="button button--small button--secondary" aria-label={`${t('reasons.rename')}, ${r.sv}`} onClick={() => setEditing(r.id)}>
                          {t('reasons.rename')}
                        </button>
                        <button type="button" className="button button--small button--secondary" disabled={setActive.isPending}
                          aria-label={`${r.active ? t('registry.archive') : t('registry.restore')}, ${r.sv}`} onClick={() => void toggle(r)}>
                          {r.active ? t('registry.archive') : t('registry.restore')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <section className="panel" aria-labelledby="reason-new-title">
        <h2 id="reason-new-title" className="panel__title">
          {t('reasons.add')}
        </h2>
        <ReasonForm onDone={() => undefined} />
      </section>
    </>
  );
}

function ReasonForm({ reason, onDone }: { reason?: DropoutReason; onDone(): void }) {
  const { t } = useTranslation();
  const create = useApiMutation('dropoutReasons.create');
  const update = useApiMutation('dropoutReasons.update');
  const mutation = reason ? update : create;
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const prefix = reason ? `reason-${reason.id}` : 'reason-new';
  const { register, handleSubmit, setError, formState, reset } = useForm<{ sv: string; en: string }>({
    defaultValues: { sv: reason?.sv ?? '', en: reason?.en ?? '' },
  });
  useEffect(() => {
    if (reason) document.getElementById(`${prefix}-sv`)?.focus();
  }, [reason, prefix]);
  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    try {
      if (reason) await update.mutateAsync({ id: reason.id, ...v });
      else await create.mutateAsync(v);
      showToast(t(reason ? 'reasons.renamed' : 'reasons.created', { name: v.sv }));
      reset();
      onDone();
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, ['sv', 'en']));
    }
  });
  return (
    <form className="inline-form" noValidate aria-label={reason ? t('reasons.renameLabel', { name: reason.sv }) : t('reasons.add')}
      onSubmit={(e) => void submit(e)} onKeyDown={(e) => reason && e.key === 'Escape' && onDone()}>
      <div className="inline-form__fields">
        <FormField id={`${prefix}-sv`} label={t('reasons.sv')} required error={formState.errors.sv?.message} className="field--grow">
          {(p) => <input {...p} type="text" autoComplete="off" {...register('sv', { validate: (x) => x.trim() !== '' || 'validation.required' })} />}
        </FormField>
        <FormField id={`${prefix}-en`} label={t('reasons.en')} error={formState.errors.en?.message} className="field--grow">
          {(p) => <input {...p} type="text" lang="en" autoComplete="off" {...register('en')} />}
        </FormField>
      </div>
      <div className="inline-form__actions">
        <button type="submit" className="button button--primary button--small" disabled={mutation.isPending}>
          {mutation.isPending ? t('common.saving') : reason ? t('common.save') : t('reasons.addButton')}
        </button>
        {reason && (
          <button type="button" className="button button--secondary button--small" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      <ErrorAlert error={unmatched.length || mutation.error?.code !== 'validation' ? mutation.error : null} extraIssues={unmatched} />
    </form>
  );
}
