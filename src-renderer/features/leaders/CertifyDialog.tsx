import { useEffect, useId, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Pathway } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField, TextAreaField } from '../../components/InputField';
import { namedChoices, SelectField } from '../../components/SelectField';
import { useBilingual } from '../../i18n/useBilingual';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { textLimits } from '@contract/limits';
import { programmeLabel } from '../../lib/programme-label';

interface CertifyDialogProps {
  open: boolean;
  leaderId: string;
  leaderName: string;
  pathways: Pathway[];
  initialProgrammeId: string;
  today: string;
  onClose(): void;
}

interface CertifyValues {
  programmeId: string;
  date: string;
  supervisorId: string;
  overrideReason: string;
  note: string;
}

const fields = ['programmeId', 'date', 'supervisorId', 'overrideReason', 'note'] as const;

/**
 * Certifying is a decision with a record behind it: the dialog shows what is still missing for the
 * chosen programme, and then a written reason is required before the supervisor can override.
 */
export function CertifyDialog({ open, leaderId, leaderName, pathways, initialProgrammeId, today, onClose }: CertifyDialogProps) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const supervisors = useApiQuery('staff.names', { role: 'supervisor' });
  const certify = useApiMutation('certifications.certify');
  const { register, handleSubmit, setError, formState, watch, reset } = useForm<CertifyValues>({
    defaultValues: { programmeId: initialProgrammeId, date: today, supervisorId: '', overrideReason: '', note: '' },
  });
  const errors = formState.errors;
  const issues = useServerIssues(setError, fields);
  const chosen = pathways.find((p) => p.programmeId === watch('programmeId'));
  const override = chosen ? !chosen.requirementsMet : false;
  const missing = chosen?.checklist.filter((c) => !c.met) ?? [];

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      reset({ programmeId: initialProgrammeId, date: today, supervisorId: '', overrideReason: '', note: '' });
      certify.reset();
      issues.clear();
      dialog.showModal();
      dialog.querySelector<HTMLElement>('select, input')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (returnTo.current?.isConnected) returnTo.current.focus();
    }
    // certify.reset is stable enough for this purpose; re-running on its identity would reset mid-call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, initialProgrammeId, today, reset]);

  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const done = await certify.mutateAsync({
        leaderId,
        programmeId: v.programmeId,
        date: v.date,
        supervisorId: v.supervisorId,
        overrideReason: override ? v.overrideReason : '',
        note: v.note,
      });
      showToast(t('leaders.certify.done', { name: leaderName, code: done.programmeCode }));
      onClose();
    }),
  );

  const required = { required: 'validation.required' };
  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!certify.isPending) onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {t('leaders.certify.title', { name: leaderName })}
      </h2>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <p className="form__required-note">{t('form.requiredNote')}</p>
        <ErrorAlert error={certify.error} extraIssues={issues.unmatched} />
        <SelectField
          id="certify-programme"
          label={t('leaders.certify.programme')}
          required
          error={errors.programmeId?.message}
          placeholder={t('form.choose')}
          options={pathways.map((x) => ({ value: x.programmeId, label: programmeLabel({ name: x.programmeName, code: x.programmeCode }) }))}
          {...register('programmeId', required)}
        />
        {chosen && (
          <div className={`alert ${override ? 'alert--warning' : 'alert--success'}`}>
            {override ? (
              <>
                <p className="alert__title">{t('leaders.certify.notMet')}</p>
                <ul>
                  {missing.map((m) => (
                    <li key={m.key}>
                      {pick(m.label)}: {t('leaders.pathway.progress', { done: m.done, required: m.required })}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="alert__title">{t('leaders.certify.met')}</p>
            )}
          </div>
        )}
        <div className="form__grid">
          <InputField id="certify-date" label={t('leaders.certify.date')} required error={errors.date?.message} type="date" {...register('date', required)} />
          <SelectField
            id="certify-supervisor"
            label={t('leaders.certify.supervisor')}
            required
            error={errors.supervisorId?.message}
            placeholder={t('form.choose')}
            options={namedChoices(supervisors.data ?? [])}
            {...register('supervisorId', required)}
          />
        </div>
        {override && (
          <TextAreaField
            id="certify-reason"
            label={t('leaders.certify.reason')}
            hint={t('leaders.certify.reasonHint')}
            required
            error={errors.overrideReason?.message}
            rows={3}
            maxLength={textLimits.overrideReason}
            {...register('overrideReason', { validate: (x) => x.trim() !== '' || 'leaders.certify.reasonRequired' })}
          />
        )}
        <TextAreaField
          id="certify-note"
          label={t('leaders.certify.note')}
          error={errors.note?.message}
          rows={2}
          maxLength={textLimits.certificationNote}
          {...register('note')}
        />
        <FormActions
          layout="dialog"
          saving={certify.isPending}
          cancel={onClose}
          submitLabel={override ? t('leaders.certify.submitOverride') : t('leaders.certify.submit')}
        />
      </form>
    </dialog>
  );
}
