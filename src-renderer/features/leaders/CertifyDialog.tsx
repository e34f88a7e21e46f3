import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, Pathway } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { useBilingual } from '../../i18n/useBilingual';
import { applyServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';

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
  const supervisors = useApiQuery('staff.list', { role: 'supervisor' });
  const certify = useApiMutation('certifications.certify');
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, handleSubmit, setError, formState, watch, reset } = useForm<CertifyValues>({
    defaultValues: { programmeId: initialProgrammeId, date: today, supervisorId: '', overrideReason: '', note: '' },
  });
  const errors = formState.errors;
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
      setUnmatched([]);
      dialog.showModal();
      dialog.querySelector<HTMLElement>('select, input')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (returnTo.current?.isConnected) returnTo.current.focus();
    }
    // certify.reset is stable enough for this purpose; re-running on its identity would reset mid-call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, initialProgrammeId, today, reset]);

  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    try {
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
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, fields));
    }
  });

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
        <ErrorAlert error={certify.error} extraIssues={unmatched} />
        <FormField id="certify-programme" label={t('leaders.certify.programme')} required error={errors.programmeId?.message}>
          {(p) => (
            <select {...p} {...register('programmeId', required)}>
              <option value="">{t('form.choose')}</option>
              {pathways.map((x) => (
                <option key={x.programmeId} value={x.programmeId}>
                  {x.programmeName} ({x.programmeCode})
                </option>
              ))}
            </select>
          )}
        </FormField>
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
          <FormField id="certify-date" label={t('leaders.certify.date')} required error={errors.date?.message}>
            {(p) => <input {...p} type="date" {...register('date', required)} />}
          </FormField>
          <FormField id="certify-supervisor" label={t('leaders.certify.supervisor')} required error={errors.supervisorId?.message}>
            {(p) => (
              <select {...p} {...register('supervisorId', required)}>
                <option value="">{t('form.choose')}</option>
                {(supervisors.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        {override && (
          <FormField id="certify-reason" label={t('leaders.certify.reason')} hint={t('leaders.certify.reasonHint')} required error={errors.overrideReason?.message}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                {...register('overrideReason', { validate: (x) => x.trim() !== '' || 'leaders.certify.reasonRequired' })}
              />
            )}
          </FormField>
        )}
        <FormField id="certify-note" label={t('leaders.certify.note')} error={errors.note?.message}>
          {(p) => <textarea {...p} rows={2} {...register('note')} />}
        </FormField>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={certify.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={certify.isPending}>
            {certify.isPending ? t('common.saving') : override ? t('leaders.certify.submitOverride') : t('leaders.certify.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
