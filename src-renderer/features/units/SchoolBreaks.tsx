import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SchoolBreak, Unit } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InputField } from '../../components/InputField';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { RowButton } from '../../components/RowButton';
import { useFormat } from '../../lib/format';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { textLimits } from '@contract/limits';

interface Values {
  name: string;
  startDate: string;
  endDate: string;
}

/** The unit's school breaks: new groups' sessions can be laid out past them, and moves warn about them. */
export function SchoolBreaks({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const breaks = useApiQuery('schoolBreaks.list', { unitId: unit.id });
  const create = useApiMutation('schoolBreaks.create');
  const remove = useApiMutation('schoolBreaks.delete');
  const [deleting, setDeleting] = useState<SchoolBreak | null>(null);
  const { register, handleSubmit, setError, formState, reset } = useForm<Values>({ defaultValues: { name: '', startDate: '', endDate: '' } });
  const issues = useServerIssues(setError, ['name', 'startDate', 'endDate']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      await create.mutateAsync({ unitId: unit.id, ...v });
      showToast(t('breaks.added', { name: v.name }));
      reset();
    }),
  );
  return (
    <Panel id="school-breaks-title" title={t('breaks.title')} hint={t('breaks.hint')}>
      <QueryState query={breaks}>
        {(items) => (
          <DataTable
            caption={t('breaks.title')}
            rows={items}
            empty={<EmptyState title={t('breaks.empty')} />}
            columns={[
              { key: 'name', header: t('breaks.name'), rowHeader: true, cell: (b) => b.name },
              { key: 'dates', header: t('breaks.dates'), cellClassName: 'nowrap', cell: (b) => `${fmt.shortDate(b.startDate)} – ${fmt.shortDate(b.endDate)}` },
              {
                key: 'actions',
                header: t('breaks.actions'),
                hiddenHeader: true,
                cellClassName: 'actions-cell',
                cell: (b) => <RowButton label={t('common.delete')} target={b.name} variant="danger" onClick={() => setDeleting(b)} />,
              },
            ]}
          />
        )}
      </QueryState>
      <form className="add-session" noValidate aria-labelledby="school-break-add-title" onSubmit={(e) => void submit(e)}>
        <h3 id="school-break-add-title" className="add-session__title">
          {t('breaks.addTitle')}
        </h3>
        <div className="inline-form__fields">
          <InputField
            id="break-name"
            label={t('breaks.name')}
            required
            error={formState.errors.name?.message}
            type="text"
            autoComplete="off"
            maxLength={textLimits.name}
            {...register('name', { validate: (v) => v.trim() !== '' || 'validation.nameRequired' })}
          />
          <InputField
            id="break-start"
            label={t('breaks.startDate')}
            required
            error={formState.errors.startDate?.message}
            type="date"
            {...register('startDate', { required: 'validation.required' })}
          />
          <InputField
            id="break-end"
            label={t('breaks.endDate')}
            required
            error={formState.errors.endDate?.message}
            type="date"
            {...register('endDate', { required: 'validation.required' })}
          />
          <button type="submit" className="button button--secondary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('breaks.add')}
          </button>
        </div>
        <ErrorAlert error={create.error} extraIssues={issues.unmatched} quietOnFieldErrors />
      </form>
      <ConfirmWrite
        open={deleting !== null}
        title={t('breaks.deleteTitle', { name: deleting?.name ?? '' })}
        mutation={remove}
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          showToast(t('breaks.deleted', { name: deleting.name }));
        }}
        onClose={() => setDeleting(null)}
      >
        {t('breaks.deleteText')}
      </ConfirmWrite>
    </Panel>
  );
}
