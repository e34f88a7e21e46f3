import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Participant } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { useBilingual } from '../../i18n/useBilingual';
import { todayIso } from '../../lib/dates';
import { toNumberOrNull, useServerIssues } from '../../lib/forms';
import { draftOr, useKeepDraft } from '../../stores/drafts';
import { showToast } from '../../stores/toasts';

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
  const prefix = `status-${participant.id}`;
  const draftKey = `participant-status:${participant.id}`;
  const { register, handleSubmit, watch, setError, formState } = useForm<StatusValues>({
    defaultValues: draftOr<StatusValues>(draftKey, {
      decision: participant.manualStatus === 'dropped_out' || participant.manualStatus === 'never_started' ? participant.manualStatus : 'auto',
      reasonId: participant.dropoutReasonId ?? '',
      // Empty unless a dropout was already recorded: the hint says empty means "the last session
      // attended", so a pre-filled number would be a decision the leader never made.
      lastSessionNumber: participant.manualStatus !== 'dropped_out' || participant.lastSessionAttended == null ? '' : String(participant.lastSessionAttended),
    }),
  });
  useKeepDraft(draftKey, watch);
  const decision = watch('decision');
  useEffect(() => {
    document.getElementById(`${prefix}-title`)?.focus();
  }, [prefix]);

  const usable = (reasons.data ?? []).filter((r) => r.active || r.id === participant.dropoutReasonId);
  const issues = useServerIssues(setError, ['reasonId', 'lastSessionNumber']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      if (v.decision === 'auto') await setStatus.mutateAsync({ id: participant.id, status: 'auto' });
      else if (v.decision === 'dropped_out')
        await setStatus.mutateAsync({
          id: participant.id,
          status: 'dropped_out',
          reasonId: v.reasonId,
          lastSessionNumber: toNumberOrNull(v.lastSessionNumber),
        });
      else await setStatus.mutateAsync({ id: participant.id, status: 'never_started', reasonId: v.reasonId || null });
      showToast(t('participants.statusSaved', { name: participant.displayName }));
      onDone();
    }),
  );

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
        <ErrorAlert error={issues.unmatched.length || !setStatus.error ? null : setStatus.error} extraIssues={issues.unmatched} />
        <RadioGroup
          id={`${prefix}-decision`}
          legend={t('participants.decision')}
          field={register('decision')}
          options={(['auto', 'dropped_out', 'never_started'] as const).map((d) => ({
            value: d,
            label: t(`participants.decisions.${d}`, { count: dropoutAfter }),
          }))}
        />
        {decision !== 'auto' && (
          <div className="form__grid">
            <SelectField
              id={`${prefix}-reason`}
              label={t('participants.reason')}
              required={decision === 'dropped_out'}
              error={formState.errors.reasonId?.message}
              placeholder={t('form.choose')}
              options={usable.map((r) => ({ value: r.id, label: pick({ sv: r.sv, en: r.en || r.sv }) }))}
              {...register('reasonId', { validate: (x) => decision !== 'dropped_out' || x !== '' || 'validation.required' })}
            />
            {decision === 'dropped_out' && (
              <InputField
                id={`${prefix}-last`}
                label={t('participants.lastSession')}
                hint={t('participants.lastSessionHint')}
                error={formState.errors.lastSessionNumber?.message}
                type="number"
                inputMode="numeric"
                min={1}
                max={99}
                {...register('lastSessionNumber')}
              />
            )}
          </div>
        )}
        <FormActions saving={setStatus.isPending} cancel={onDone} cancelLabel={t('participants.close')} />
      </form>
      <Checkbox
        label={t('participants.keepActive', { count: dropoutAfter })}
        checked={keep}
        disabled={keepActive.isPending}
        onChange={(e) => void toggleKeep(e.target.checked)}
      />
      <ErrorAlert error={keepActive.error} />
    </div>
  );
}

/** Moves a participant to another running or planned group; the history stays with this group. */
export function MoveParticipantForm({ participant, onDone }: { participant: Participant; onDone(): void }) {
  const { t } = useTranslation();
  const groups = useApiQuery('groups.list', { limit: 500 });
  const move = useApiMutation('participants.move');
  const prefix = `move-${participant.id}`;
  const draftKey = `participant-move:${participant.id}`;
  const { register, handleSubmit, setError, formState, watch } = useForm<{ toGroupId: string; enrolmentDate: string }>({
    defaultValues: draftOr(draftKey, { toGroupId: '', enrolmentDate: todayIso() }),
  });
  useKeepDraft(draftKey, watch);
  useEffect(() => {
    document.getElementById(`${prefix}-group`)?.focus();
  }, [prefix]);
  const targets = (groups.data?.items ?? []).filter((g) => g.id !== participant.groupId && (g.status === 'planned' || g.status === 'running'));
  const issues = useServerIssues(setError, ['toGroupId', 'enrolmentDate']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      await move.mutateAsync({ id: participant.id, toGroupId: v.toGroupId, enrolmentDate: v.enrolmentDate });
      const target = targets.find((g) => g.id === v.toGroupId);
      showToast(t('participants.moved', { name: participant.displayName, group: target ? `${target.programmeCode} ${target.unitName}` : '' }));
      onDone();
    }),
  );
  return (
    <form
      className="form participant-panel"
      noValidate
      aria-labelledby={`${prefix}-title`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3 id={`${prefix}-title`} className="panel__title">
        {t('participants.moveTitle', { name: participant.displayName })}
      </h3>
      <p className="panel__hint">{t('participants.moveHint')}</p>
      <ErrorAlert error={issues.unmatched.length || !move.error ? null : move.error} extraIssues={issues.unmatched} />
      <ErrorAlert error={groups.error} />
      <div className="form__grid">
        <SelectField
          id={`${prefix}-group`}
          label={t('participants.toGroup')}
          required
          error={formState.errors.toGroupId?.message}
          placeholder={t('form.choose')}
          options={targets.map((g) => ({ value: g.id, label: `${g.programmeCode} – ${g.unitName}${g.venue ? `, ${g.venue}` : ''} (${g.startDate})` }))}
          {...register('toGroupId', { required: 'validation.required' })}
        />
        <InputField
          id={`${prefix}-date`}
          label={t('participants.newEnrolmentDate')}
          required
          error={formState.errors.enrolmentDate?.message}
          type="date"
          {...register('enrolmentDate', { required: 'validation.required' })}
        />
      </div>
      <FormActions saving={move.isPending} submitLabel={t('participants.move')} cancel={onDone} />
    </form>
  );
}
