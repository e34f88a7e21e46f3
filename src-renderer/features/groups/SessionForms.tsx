import { useEffect, type KeyboardEvent, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, Session } from '@contract';
import { useApiMutation } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { todayIso } from '../../lib/dates';
import { useFormat } from '../../lib/format';
import { toNumberOrNull, useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { CalendarWarning, useCalendarConflicts } from './CalendarWarning';
import { textLimits } from '@contract/limits';

interface SessionFormProps {
  session: Session;
  onDone(): void;
}

/** Shared frame: Enter submits (native form), Escape closes, errors stay next to their fields. */
function InlineForm({
  label,
  onSubmit,
  onCancel,
  saving,
  error,
  unmatched,
  children,
}: {
  label: string;
  onSubmit(): void;
  onCancel(): void;
  saving: boolean;
  error: unknown;
  unmatched: FieldIssue[];
  children: ReactNode;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
  return (
    <form
      className="inline-form"
      noValidate
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={onKeyDown}
    >
      <div className="inline-form__fields">{children}</div>
      <FormActions layout="inline" saving={saving} cancel={onCancel} />
      <ErrorAlert error={error} extraIssues={unmatched} quietOnFieldErrors />
    </form>
  );
}

function useFocusOnOpen(id: string) {
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, [id]);
}

export function HeldForm({ session, onDone }: SessionFormProps) {
  const { t } = useTranslation();
  const record = useApiMutation('sessions.record');
  const { register, handleSubmit, setError, formState } = useForm<{ heldDate: string; participantCount: string }>({
    defaultValues: {
      // A session planned for a later day is not pre-filled with that day: the save would refuse it.
      heldDate: session.heldDate ?? (session.plannedDate <= todayIso() ? session.plannedDate : ''),
      participantCount: session.participantCount == null ? '' : String(session.participantCount),
    },
  });
  const prefix = `held-${session.id}`;
  useFocusOnOpen(`${prefix}-count`);
  const issues = useServerIssues(setError, ['heldDate', 'participantCount']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const count = toNumberOrNull(v.participantCount);
      await record.mutateAsync({ id: session.id, status: 'held', heldDate: v.heldDate, participantCount: count ?? Number.NaN });
      showToast(t('sessions.recordedHeld', { number: session.number }));
      onDone();
    }),
  );
  return (
    <InlineForm
      label={t('sessions.heldFormLabel', { number: session.number })}
      onSubmit={() => void submit()}
      onCancel={onDone}
      saving={record.isPending}
      error={record.error}
      unmatched={issues.unmatched}
    >
      <InputField
        id={`${prefix}-date`}
        label={t('sessions.heldDate')}
        required
        error={formState.errors.heldDate?.message}
        type="date"
        {...register('heldDate', { required: 'validation.required' })}
      />
      <InputField
        id={`${prefix}-count`}
        label={t('sessions.participantCount')}
        required
        error={formState.errors.participantCount?.message}
        className="field--narrow"
        type="number"
        inputMode="numeric"
        min={0}
        max={99}
        step={1}
        {...register('participantCount', { required: 'validation.required' })}
      />
    </InlineForm>
  );
}

export function CancelForm({ session, onDone }: SessionFormProps) {
  const { t } = useTranslation();
  const record = useApiMutation('sessions.record');
  const { register, handleSubmit, setError, formState } = useForm<{ cancelReason: string }>({
    defaultValues: { cancelReason: session.cancelReason ?? '' },
  });
  const prefix = `cancel-${session.id}`;
  useFocusOnOpen(`${prefix}-reason`);
  const issues = useServerIssues(setError, ['cancelReason']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      await record.mutateAsync({ id: session.id, status: 'cancelled', cancelReason: v.cancelReason });
      showToast(t('sessions.recordedCancelled', { number: session.number }));
      onDone();
    }),
  );
  return (
    <InlineForm
      label={t('sessions.cancelFormLabel', { number: session.number })}
      onSubmit={() => void submit()}
      onCancel={onDone}
      saving={record.isPending}
      error={record.error}
      unmatched={issues.unmatched}
    >
      <InputField
        id={`${prefix}-reason`}
        label={t('sessions.cancelReason')}
        required
        error={formState.errors.cancelReason?.message}
        className="field--grow"
        type="text"
        autoComplete="off"
        maxLength={textLimits.cancelReason}
        {...register('cancelReason', { validate: (v) => v.trim().length > 0 || 'validation.cancelReason' })}
      />
    </InlineForm>
  );
}

export function MoveForm({ session, onDone }: SessionFormProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const move = useApiMutation('sessions.move');
  const { register, handleSubmit, setError, formState, watch, setValue } = useForm<{ plannedDate: string; withFollowing: boolean; allowOutOfOrder: boolean }>({
    defaultValues: { plannedDate: session.plannedDate, withFollowing: false, allowOutOfOrder: false },
  });
  const prefix = `move-${session.id}`;
  const chosen = watch('plannedDate');
  const conflicts = useCalendarConflicts(null, chosen && chosen !== session.plannedDate ? [chosen] : [], session.groupId);
  useFocusOnOpen(`${prefix}-date`);
  const issues = useServerIssues(setError, ['plannedDate']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      await move.mutateAsync({ id: session.id, plannedDate: v.plannedDate, withFollowing: v.withFollowing, allowOutOfOrder: v.allowOutOfOrder });
      showToast(t('sessions.moved', { number: session.number }));
      onDone();
    }),
  );
  return (
    <InlineForm
      label={t('sessions.moveFormLabel', { number: session.number })}
      onSubmit={() => void submit()}
      onCancel={onDone}
      saving={move.isPending}
      error={move.error}
      unmatched={issues.unmatched}
    >
      <InputField
        id={`${prefix}-date`}
        label={t('sessions.newDate')}
        required
        error={formState.errors.plannedDate?.message}
        type="date"
        {...register('plannedDate', { required: 'validation.required' })}
      />
      <CalendarWarning conflicts={conflicts}>
        {conflicts[0] && (
          <button type="button" className="button button--small button--secondary" onClick={() => setValue('plannedDate', conflicts[0]!.nextFree)}>
            {t('calendar.useNext', { date: fmt.date(conflicts[0].nextFree) })}
          </button>
        )}
      </CalendarWarning>
      <Checkbox label={t('sessions.moveFollowing')} {...register('withFollowing')} />
      <Checkbox label={t('sessions.moveOutOfOrder')} {...register('allowOutOfOrder')} />
    </InlineForm>
  );
}

export function AddExtraSessionForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const add = useApiMutation('sessions.addExtra');
  const { register, handleSubmit, setError, formState, reset } = useForm<{ plannedDate: string }>({ defaultValues: { plannedDate: '' } });
  const issues = useServerIssues(setError, ['plannedDate']);
  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const created = await add.mutateAsync({ groupId, plannedDate: v.plannedDate });
      showToast(t('sessions.extraAdded', { number: created.number }));
      reset();
    }),
  );
  return (
    <form className="add-session" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="add-session-title">
      <h3 id="add-session-title" className="add-session__title">
        {t('sessions.addExtraTitle')}
      </h3>
      <div className="inline-form__fields">
        <InputField
          id="extra-date"
          label={t('sessions.extraDate')}
          required
          error={formState.errors.plannedDate?.message}
          type="date"
          {...register('plannedDate', { required: 'validation.required' })}
        />
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('sessions.addExtra')}
        </button>
      </div>
      <ErrorAlert error={add.error} extraIssues={issues.unmatched} />
    </form>
  );
}
