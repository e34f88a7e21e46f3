import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DropoutReason } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { RowButton } from '../../components/RowButton';
import { StatusBadge } from '../../components/StatusBadge';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { textLimits } from '@contract/limits';

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
      <QueryState query={reasons} error={setActive.error}>
        {(list) => (
          <DataTable
            caption={t('reasons.title')}
            rows={list}
            rowClassName={(r) => (r.active || editing === r.id ? undefined : 'is-archived')}
            editor={(r) => (editing === r.id ? { from: 'sv', content: <ReasonForm reason={r} onDone={() => setEditing(null)} /> } : null)}
            columns={[
              {
                key: 'sv',
                header: t('reasons.sv'),
                rowHeader: true,
                cell: (r) => (
                  <>
                    {r.sv} {!r.active && <StatusBadge kind="archived" />}
                  </>
                ),
              },
              { key: 'en', header: t('reasons.en'), cell: (r) => <span lang="en">{r.en}</span> },
              { key: 'used', header: t('reasons.used'), className: 'num', cell: (r) => r.usedCount },
              {
                key: 'actions',
                header: t('registry.actions'),
                hiddenHeader: true,
                cellClassName: 'actions-cell',
                cell: (r) => (
                  <div className="row-actions">
                    <RowButton label={t('reasons.rename')} target={r.sv} onClick={() => setEditing(r.id)} />
                    <RowButton
                      label={r.active ? t('registry.archive') : t('registry.restore')}
                      target={r.sv}
                      disabled={setActive.isPending}
                      onClick={() => void toggle(r)}
                    />
                  </div>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Panel id="reason-new-title" title={t('reasons.add')}>
        <ReasonForm onDone={() => undefined} />
      </Panel>
    </>
  );
}

function ReasonForm({ reason, onDone }: { reason?: DropoutReason; onDone(): void }) {
  const { t } = useTranslation();
  const create = useApiMutation('dropoutReasons.create');
  const update = useApiMutation('dropoutReasons.update');
  const mutation = reason ? update : create;
  const prefix = reason ? `reason-${reason.id}` : 'reason-new';
  const { register, handleSubmit, setError, formState, reset } = useForm<{ sv: string; en: string }>({
    defaultValues: { sv: reason?.sv ?? '', en: reason?.en ?? '' },
  });
  useEffect(() => {
    if (reason) document.getElementById(`${prefix}-sv`)?.focus();
  }, [reason, prefix]);
  const issues = useServerIssues(setError, ['sv', 'en']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      if (reason) await update.mutateAsync({ id: reason.id, ...v });
      else await create.mutateAsync(v);
      showToast(t(reason ? 'reasons.renamed' : 'reasons.created', { name: v.sv }));
      reset();
      onDone();
    }),
  );
  return (
    <form
      className="inline-form"
      noValidate
      aria-label={reason ? t('reasons.renameLabel', { name: reason.sv }) : t('reasons.add')}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => reason && e.key === 'Escape' && onDone()}
    >
      <div className="inline-form__fields">
        <InputField
          id={`${prefix}-sv`}
          label={t('reasons.sv')}
          required
          error={formState.errors.sv?.message}
          className="field--grow"
          type="text"
          autoComplete="off"
          maxLength={textLimits.reasonLabel}
          {...register('sv', { validate: (x) => x.trim() !== '' || 'validation.required' })}
        />
        <InputField
          id={`${prefix}-en`}
          label={t('reasons.en')}
          error={formState.errors.en?.message}
          className="field--grow"
          type="text"
          lang="en"
          autoComplete="off"
          maxLength={textLimits.reasonLabel}
          {...register('en')}
        />
      </div>
      <FormActions layout="inline" saving={mutation.isPending} submitLabel={reason ? undefined : t('reasons.addButton')} cancel={reason ? onDone : undefined} />
      <ErrorAlert error={mutation.error} extraIssues={issues.unmatched} quietOnFieldErrors />
    </form>
  );
}
