import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { GroupDetail } from '@contract';
import { Checkbox } from '../../components/Checkbox';
import { CheckboxListField } from '../../components/CheckboxList';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField, TextAreaField } from '../../components/InputField';
import { Loading } from '../../components/Loading';
import { namedChoices, SelectField } from '../../components/SelectField';
import { useServerIssues } from '../../lib/forms';
import { draftOr, useKeepDraft } from '../../stores/drafts';
import { weeklyDates } from '../../lib/dates';
import { CalendarWarning, useCalendarConflicts } from './CalendarWarning';
import { groupStatuses, useGroupOptions } from './options';
import { LeaderFilterFields, leadersShown, type LeaderFilter } from './LeaderFilter';
import { textLimits } from '@contract/limits';

type GroupStatus = (typeof groupStatuses)[number];

export interface GroupFormValues {
  programmeId: string;
  unitId: string;
  venue: string;
  startDate: string;
  startTime: string;
  leaderIds: string[];
  supervisorId: string;
  note: string;
  status: GroupStatus;
  /** New groups only: lay the sessions out past public holidays and the unit's school breaks. */
  skipHolidays: boolean;
  /** Edit only: planned sessions follow a new start date. */
  movePlannedSessions: boolean;
}

const fields = ['programmeId', 'unitId', 'venue', 'startDate', 'startTime', 'leaderIds', 'supervisorId', 'note', 'status'] as const;

export const valuesFromGroup = (g: GroupDetail): GroupFormValues => ({
  programmeId: g.programmeId,
  unitId: g.unitId,
  venue: g.venue,
  startDate: g.startDate,
  startTime: g.startTime,
  leaderIds: g.leaders.map((l) => l.id),
  supervisorId: g.supervisor?.id ?? '',
  note: g.note,
  status: g.status,
  skipHolidays: false,
  movePlannedSessions: true,
});

const emptyValues: GroupFormValues = {
  programmeId: '',
  unitId: '',
  venue: '',
  startDate: '',
  startTime: '',
  leaderIds: [],
  supervisorId: '',
  note: '',
  status: 'planned',
  skipHolidays: false,
  movePlannedSessions: false,
};

interface GroupFormProps {
  mode: 'create' | 'edit';
  initial?: GroupFormValues;
  saving: boolean;
  submitError: unknown;
  onSubmit(values: GroupFormValues): Promise<unknown>;
  cancelTo: string;
}

export function GroupForm({ mode, initial, saving, submitError, onSubmit, cancelTo }: GroupFormProps) {
  const { t } = useTranslation();
  const options = useGroupOptions();
  const draftKey = `group-form:${mode}:${cancelTo}`;
  const { register, control, handleSubmit, setError, watch, formState } = useForm<GroupFormValues>({
    defaultValues: draftOr(draftKey, initial ?? emptyValues),
  });
  useKeepDraft(draftKey, watch);
  const errors = formState.errors;
  const chosen = { ...(initial ?? emptyValues) };
  // Archived entries stay listed only when this group already uses them.
  const programmes = options.programmes.filter((p) => p.active || p.id === chosen.programmeId);
  const units = options.units.filter((u) => u.active || u.id === chosen.unitId);
  const leaders = options.staff.filter((s) => (s.active && s.isLeader) || chosen.leaderIds.includes(s.id));
  const [leaderFilter, setLeaderFilter] = useState<LeaderFilter>({ unitId: '', search: '' });
  const shownLeaders = leadersShown(leaders, watch('leaderIds'), leaderFilter);
  const supervisors = options.staff.filter((s) => (s.active && s.isSupervisor) || s.id === chosen.supervisorId);
  const programme = options.programmes.find((p) => p.id === watch('programmeId'));
  // A new group's weekly dates, checked against holidays and the unit's breaks as they are chosen.
  const startDate = watch('startDate');
  const plannedDates = mode === 'create' && programme && startDate ? weeklyDates(startDate, programme.sessionCount) : [];
  const conflicts = useCalendarConflicts(watch('unitId') || null, plannedDates);

  const issues = useServerIssues(setError, fields);
  const submit = handleSubmit((values) =>
    issues.run(async () => {
      await onSubmit(values);
    }),
  );

  if (options.isPending) return <Loading />;

  return (
    <form className="form" noValidate onSubmit={submit} aria-describedby="group-form-required">
      <p id="group-form-required" className="form__required-note">
        {t('form.requiredNote')}
      </p>
      <ErrorAlert error={submitError ?? options.error} extraIssues={issues.unmatched} />
      <div className="form__grid">
        <SelectField
          id="group-programme"
          label={t('groups.programme')}
          required
          error={errors.programmeId?.message}
          hint={
            mode === 'create' && programme ? t('groups.sessionPlanHint', { count: programme.sessionCount, minutes: programme.sessionLengthMinutes }) : undefined
          }
          placeholder={t('form.choose')}
          options={namedChoices(programmes)}
          {...register('programmeId', { required: 'validation.required' })}
        />
        <SelectField
          id="group-unit"
          label={t('groups.unit')}
          required
          error={errors.unitId?.message}
          placeholder={t('form.choose')}
          options={namedChoices(units)}
          {...register('unitId', { required: 'validation.required' })}
        />
        <InputField
          id="group-venue"
          label={t('groups.venue')}
          error={errors.venue?.message}
          className="form__wide"
          type="text"
          autoComplete="off"
          maxLength={textLimits.venue}
          {...register('venue')}
        />
        <InputField
          id="group-start-date"
          label={t('groups.startDate')}
          required
          error={errors.startDate?.message}
          hint={mode === 'edit' ? t('groups.startDateEditHint') : undefined}
          type="date"
          {...register('startDate', { required: 'validation.required' })}
        />
        <InputField
          id="group-start-time"
          label={t('groups.startTime')}
          required
          error={errors.startTime?.message}
          type="time"
          {...register('startTime', { required: 'validation.required' })}
        />
        {mode === 'edit' && <Checkbox className="form__wide" label={t('groups.movePlannedSessions')} {...register('movePlannedSessions')} />}
        {mode === 'edit' && (
          <SelectField
            id="group-status"
            label={t('groups.status')}
            required
            error={errors.status?.message}
            options={groupStatuses.map((s) => ({ value: s, label: t(`status.group.${s}`) }))}
            {...register('status', { required: 'validation.required' })}
          />
        )}
      </div>

      {mode === 'create' && (
        <CalendarWarning conflicts={conflicts} numberOf={(date) => plannedDates.indexOf(date) + 1}>
          <Checkbox label={t('calendar.skip')} {...register('skipHolidays')} />
        </CalendarWarning>
      )}

      <CheckboxListField
        control={control}
        name="leaderIds"
        rules={{ validate: (v) => (v as string[]).length > 0 || 'validation.leaderRequired' }}
        id="group-leaders"
        legend={t('groups.leaders')}
        required
        error={errors.leaderIds?.message}
        filter={
          leaders.length > 0 && (
            <LeaderFilterFields units={units} filter={leaderFilter} onChange={setLeaderFilter} shown={shownLeaders.length} total={leaders.length} />
          )
        }
        empty={
          <p className="field__hint">
            {t('groups.noLeaders')} <Link to="/staff/new">{t('groups.addStaff')}</Link>
          </p>
        }
        options={shownLeaders.map((s) => ({
          value: s.id,
          label: (
            <>
              {s.name}
              {s.unitName && <span className="muted"> · {s.unitName}</span>}
            </>
          ),
        }))}
      />

      <div className="form__grid">
        <SelectField
          id="group-supervisor"
          label={t('groups.supervisor')}
          error={errors.supervisorId?.message}
          placeholder={t('groups.noSupervisor')}
          options={namedChoices(supervisors)}
          {...register('supervisorId')}
        />
        <TextAreaField
          id="group-note"
          label={t('groups.note')}
          hint={t('groups.noteHint')}
          error={errors.note?.message}
          className="form__wide"
          rows={3}
          maxLength={textLimits.groupNote}
          {...register('note')}
        />
      </div>

      <FormActions saving={saving} submitLabel={mode === 'create' ? t('groups.createSubmit') : undefined} cancel={cancelTo} />
    </form>
  );
}
