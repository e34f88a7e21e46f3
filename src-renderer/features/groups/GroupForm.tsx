import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FieldIssue, GroupDetail } from '@contract';
import { Fieldset, FormField } from '../../components/FormField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { applyServerIssues } from '../../lib/forms';
import { groupStatuses, useGroupOptions } from './options';

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
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, control, handleSubmit, setError, watch, formState } = useForm<GroupFormValues>({
    defaultValues: initial ?? emptyValues,
  });
  const errors = formState.errors;
  const chosen = { ...(initial ?? emptyValues) };
  // Archived entries stay listed only when this group already uses them.
  const programmes = options.programmes.filter((p) => p.active || p.id === chosen.programmeId);
  const units = options.units.filter((u) => u.active || u.id === chosen.unitId);
  const leaders = options.staff.filter((s) => (s.active && s.isLeader) || chosen.leaderIds.includes(s.id));
  const supervisors = options.staff.filter((s) => (s.active && s.isSupervisor) || s.id === chosen.supervisorId);
  const programme = options.programmes.find((p) => p.id === watch('programmeId'));

  const submit = handleSubmit(async (values) => {
    setUnmatched([]);
    try {
      await onSubmit(values);
    } catch (err) {
      setUnmatched(applyServerIssues(err, setError, fields));
    }
  });

  if (options.isPending) return <Loading />;

  return (
    <form className="form" noValidate onSubmit={submit} aria-describedby="group-form-required">
      <p id="group-form-required" className="form__required-note">
        {t('form.requiredNote')}
      </p>
      <ErrorAlert error={submitError ?? options.error} extraIssues={unmatched} />
      <div className="form__grid">
        <FormField id="group-programme" label={t('groups.programme')} required error={errors.programmeId?.message}
          hint={mode === 'create' && programme ? t('groups.sessionPlanHint', { count: programme.sessionCount, minutes: programme.sessionLengthMinutes }) : undefined}>
          {(p) => (
            <select {...p} {...register('programmeId', { required: 'validation.required' })}>
              <option value="">{t('form.choose')}</option>
              {programmes.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="group-unit" label={t('groups.unit')} required error={errors.unitId?.message}>
          {(p) => (
            <select {...p} {...register('unitId', { required: 'validation.required' })}>
              <option value="">{t('form.choose')}</option>
              {units.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="group-venue" label={t('groups.venue')} error={errors.venue?.message} className="form__wide">
          {(p) => <input {...p} type="text" autoComplete="off" {...register('venue')} />}
        </FormField>
        <FormField id="group-start-date" label={t('groups.startDate')} required error={errors.startDate?.message}
          hint={mode === 'edit' ? t('groups.startDateEditHint') : undefined}>
          {(p) => <input {...p} type="date" {...register('startDate', { required: 'validation.required' })} />}
        </FormField>
        <FormField id="group-start-time" label={t('groups.startTime')} required error={errors.startTime?.message}>
          {(p) => <input {...p} type="time" {...register('startTime', { required: 'validation.required' })} />}
        </FormField>
        {mode === 'edit' && (
          <FormField id="group-status" label={t('groups.status')} required error={errors.status?.message}>
            {(p) => (
              <select {...p} {...register('status', { required: 'validation.required' })}>
                {groupStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.group.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
      </div>

      <Controller
        control={control}
        name="leaderIds"
        rules={{ validate: (v) => v.length > 0 || 'validation.leaderRequired' }}
        render={({ field }) => (
          <Fieldset id="group-leaders" legend={t('groups.leaders')} required error={errors.leaderIds?.message}>
            {leaders.length === 0 ? (
              <p className="field__hint">
                {t('groups.noLeaders')} <Link to="/staff/new">{t('groups.addStaff')}</Link>
              </p>
            ) : (
              <ul className="checkbox-list">
                {leaders.map((s, index) => (
                  <li key={s.id}>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        ref={index === 0 ? field.ref : undefined}
                        checked={field.value.includes(s.id)}
                        onBlur={field.onBlur}
                        onChange={(e) =>
                          field.onChange(e.target.checked ? [...field.value, s.id] : field.value.filter((v) => v !== s.id))
                        }
                      />
                      <span>
                        {s.name}
                        {s.unitName && <span className="muted"> · {s.unitName}</span>}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </Fieldset>
        )}
      />

      <div className="form__grid">
        <FormField id="group-supervisor" label={t('groups.supervisor')} error={errors.supervisorId?.message}>
          {(p) => (
            <select {...p} {...register('supervisorId')}>
              <option value="">{t('groups.noSupervisor')}</option>
              {supervisors.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="group-note" label={t('groups.note')} hint={t('groups.noteHint')} error={errors.note?.message} className="form__wide">
          {(p) => <textarea {...p} rows={3} {...register('note')} />}
        </FormField>
      </div>

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('common.saving') : mode === 'create' ? t('groups.createSubmit') : t('common.save')}
        </button>
        <Link to={cancelTo} className="button button--secondary">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
