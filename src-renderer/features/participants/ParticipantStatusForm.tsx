import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, Participant } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField, Fieldset } from '../../components/FormField';
import { useBilingual } from '../../i18n/useBilingual';
import { applyServerIssues, toNumberOrNull } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { todayIso } from './labels';

type Decision = 'auto' | 'dropped_out' | 'never_started';

interface StatusValues {
  decision: Decision;
  reasonId: string;
  lastSessionNumber: string;
}

/** A leader's decision about a participant's status, and the "keep active" override of the rules. */
export function ParticipantStatusForm({ participant, dropoutAfter, onDone }: { participant: Participant; dropoutAfter: number; onDone(): void }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const reasons = useApiQuery('dropoutReasons.list', { includeArchived: true });
  const setStatus = useApiMutation('participants.setStatus');
  const keepActive = useApiMutation('participants.setKeepActive');
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const prefix = `status-${participant.id}`;
  const { register, handleSubmit, watch, setError, formState } = useForm<StatusValues>({
    defaultValues: {
      decision: participant.manualStatus === 'dropped_out' || participant.manualStatus === 'never_started' ? participant.manualStatus : 'auto',
      reasonId: participant.dropoutReasonId ?? '',
      lastSessionNumber: participant.lastSessionAttended == null ? '' : String(participant.lastSessionAttended),
    },
  });
  const decision = watch('decision');
  useEffect(() => {
    document.getElementById(`${prefix}-title`)?.focus();
  }, [prefix]);

  const usable = (reasons.data ?? []).filter((r) => r.active || r.id === participant.dropoutReasonId);
  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    try {
      if (v.decision === 'auto') await setStatus.mutateAsync({ id: participant.id, status: 'auto' });
      else if (v.decision === 'dropped_out')
        await setStatus.mutateAsync({ id: participant.id, status: 'dropped_out', reasonId: v.reasonId, lastSessionNumber: toNumberOrNull(v.lastSessionNumber) });
      else await setStatus.mutateAsync({ id: participant.id, status: 'never_started', reasonId: v.reasonId || null });
      showToast(t('participants.statusSaved', { name: participant.displayName }));
      onDone();
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, ['reasonId', 'lastSessionNumber']));
    }
  });

  // The box shows the leader's choice at once (as a checkbox must, also to a screen reader) and
  // falls back to the stored value if saving fails.
  const [keep, setKeep] = useState(participant.keepActive);
  useEffect(() => setKeep(participant.keepActive), [participant.keepActive]);
  const toggleKeep = async (value: boolean) => {
    setKeep(value);
    try {
      await keepActive.mutateAsync({ id: participant.id, keepActive: value });
      showToast(t(value ? 'participants.keptActive' : 'participants.keepActiveOff', { name: participant.displayName }));
    } catch {
      setKeep(participant.keepActive);
      // The reason is shown under the checkbox.
    }
  };

  return (
    <div className="participant-panel" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <h3 id={`${prefix}-title`} className="panel__title" tabIndex={-1}>
        {t('participants.statusTitle', { name: participant.displayName })}
      </h3>
      <p className="panel__hint">{t('participants.statusNow', { status: t(`participants.status.${participant.status}`), streak: participant.absentStreak })}</p>
      <form className="form" noValidate aria-labelledby={`${prefix}-title`} onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={unmatched.length || !setStatus.error ? null : setStatus.error} extraIssues={unmatched} />
        <Fieldset id={`${prefix}-decision`} legend={t('participants.decision')}>
          <div className="radio-group">
            {(['auto', 'dropped_out', 'never_started'] as const).map((d) => (
              <label key={d} className="radio">
                <input type="radio" value={d} {...register('decision')} />
                <span>{t(`participants.decisions.${d}`, { count: dropoutAfter })}</span>
              </label>
            ))}
          </div>
        </Fieldset>
        {decision !== 'auto' && (
          <div className="form__grid">
            <FormField id={`${prefix}-reason`} label={t('participants.reason')} required={decision === 'dropped_out'} error={formState.errors.reasonId?.message}>
              {(p) => (
                <select {...p} {...register('reasonId', { validate: (x) => decision !== 'dropped_out' || x !== '' || 'validation.required' })}>
                  <option value="">{t('form.choose')}</option>
                  {usable.map((r) => (
                    <option key={r.id} value={r.id}>
                      {pick({ sv: r.sv, en: r.en || r.sv })}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            {decision === 'dropped_out' && (
              <FormField id={`${prefix}-last`} label={t('participants.lastSession')} hint={t('participants.lastSessionHint')} error={formState.errors.lastSessionNumber?.message}>
                {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={99} {...register('lastSessionNumber')} />}
              </FormField>
            )}
          </div>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={setStatus.isPending}>
            {setStatus.isPending ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('participants.close')}
          </button>
        </div>
      </form>
      <label className="checkbox">
        <input type="checkbox" checked={keep} disabled={keepActive.isPending} onChange={(e) => void toggleKeep(e.target.checked)} />
        <span>{t('participants.keepActive', { count: dropoutAfter })}</span>
      </label>
      <ErrorAlert error={keepActive.error} />
    </div>
  );
}

/** Moves a participant to another running or planned group; the history stays with this group. */
export function MoveParticipantForm({ participant, onDone }: { participant: Participant; onDone(): void }) {
  const { t } = useTranslation();
  const groups = useApiQuery('groups.list', { limit: 500 });
  const move = useApiMutation('participants.move');
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const prefix = `move-${participant.id}`;
  const { register, handleSubmit, setError, formState } = useForm<{ toGroupId: string; enrolmentDate: string }>({
    defaultValues: { toGroupId: '', enrolmentDate: todayIso() },
  });
  useEffect(() => {
    document.getElementById(`${prefix}-group`)?.focus();
  }, [prefix]);
  const targets = (groups.data?.items ?? []).filter((g) => g.id !== participant.groupId && (g.status === 'planned' || g.status === 'running'));
  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    try {
      await move.mutateAsync({ id: participant.id, toGroupId: v.toGroupId, enrolmentDate: v.enrolmentDate });
      const target = targets.find((g) => g.id === v.toGroupId);
      showToast(t('participants.moved', { name: participant.displayName, group: target ? `${target.programmeCode} ${target.unitName}` : '' }));
      onDone();
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, ['toGroupId', 'enrolmentDate']));
    }
  });
  return (
    <form className="form participant-panel" noValidate aria-labelledby={`${prefix}-title`} onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <h3 id={`${prefix}-title`} className="panel__title">
        {t('participants.moveTitle', { name: participant.displayName })}
      </h3>
      <p className="panel__hint">{t('participants.moveHint')}</p>
      <ErrorAlert error={unmatched.length || !move.error ? null : move.error} extraIssues={unmatched} />
      <ErrorAlert error={groups.error} />
      <div className="form__grid">
        <FormField id={`${prefix}-group`} label={t('participants.toGroup')} required error={formState.errors.toGroupId?.message}>
          {(p) => (
            <select {...p} {...register('toGroupId', { required: 'validation.required' })}>
              <option value="">{t('form.choose')}</option>
              {targets.map((g) => (
                <option key={g.id} value={g.id}>
                  {`${g.programmeCode} – ${g.unitName}${g.venue ? `, ${g.venue}` : ''} (${g.startDate})`}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${prefix}-date`} label={t('participants.newEnrolmentDate')} required error={formState.errors.enrolmentDate?.message}>
          {(p) => <input {...p} type="date" {...register('enrolmentDate', { required: 'validation.required' })} />}
        </FormField>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={move.isPending}>
          {move.isPending ? t('common.saving') : t('participants.move')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
