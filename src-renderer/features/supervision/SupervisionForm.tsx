import { useState } from 'react';
import { Controller, useFieldArray, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { FieldIssue, SupervisionFormat, SupervisionMode } from '@contract';
import { SUPERVISION_FORMATS, SUPERVISION_MODES } from '@contract/enums';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fieldset, FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { encodeBilingual } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { FollowUpRows } from './FollowUpRows';
import { RatingGroup } from './RatingGroup';

export interface SupervisionValues {
  date: string;
  supervisorId: string;
  format: SupervisionFormat;
  mode: SupervisionMode;
  leaderIds: string[];
  ratings: Record<string, string>;
  groupIds: string[];
  notes: string;
  followUps: { text: string; dueDate: string; leaderId: string }[];
}

const simpleFields = ['date', 'supervisorId', 'format', 'mode', 'notes', 'groupIds'] as const;

export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Recording a supervision meeting in about a minute: the usual answers are preset (today, group
 * supervision in person), ratings appear per leader as they are ticked, and the server's issues
 * land on the exact leader's rating or follow-up row they concern.
 */
export function SupervisionFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = params.get('leader');
  const staff = useApiQuery('staff.list', {});
  const groups = useApiQuery('groups.list', { limit: 500 });
  const scale = useApiQuery('supervision.ratingScale', {});
  const create = useApiMutation('supervision.create');
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const { register, control, handleSubmit, setError, formState, watch } = useForm<SupervisionValues>({
    defaultValues: {
      date: localToday(),
      supervisorId: '',
      format: 'group',
      mode: 'in_person',
      leaderIds: preselected ? [preselected] : [],
      ratings: {},
      groupIds: [],
      notes: '',
      followUps: [],
    },
  });
  const followUps = useFieldArray({ control, name: 'followUps' });
  const errors = formState.errors;
  const leaders = (staff.data ?? []).filter((s) => s.isLeader);
  const supervisors = (staff.data ?? []).filter((s) => s.isSupervisor);
  const chosenLeaders = watch('leaderIds');
  const nameOf = (id: string) => leaders.find((l) => l.id === id)?.name ?? '';
  // Only groups the present leaders lead and that are (or were about to be) running are worth discussing.
  const groupChoices = (groups.data?.items ?? []).filter(
    (g) => g.status !== 'cancelled' && g.status !== 'completed' && g.leaders.some((l) => chosenLeaders.includes(l.id)),
  );
  const backTo = preselected ? `/leaders/${preselected}` : '/leaders';

  const submit = handleSubmit(async (v) => {
    setUnmatched([]);
    const present = leaders.filter((l) => v.leaderIds.includes(l.id)).map((l) => l.id);
    try {
      await create.mutateAsync({
        date: v.date,
        supervisorId: v.supervisorId,
        format: v.format,
        mode: v.mode,
        leaders: present.map((leaderId) => ({ leaderId, rating: v.ratings[leaderId] ? Number(v.ratings[leaderId]) : null })),
        groupIds: v.groupIds.filter((id) => groupChoices.some((g) => g.id === id)),
        notes: v.notes,
        followUps: v.followUps.map((f) => ({ text: f.text, dueDate: f.dueDate, leaderId: f.leaderId || null })),
      });
      showToast(t('supervision.saved'));
      void navigate(backTo);
    } catch (err) {
      setUnmatched(placeIssues(err, present, setError));
    }
  });

  if (staff.isPending || scale.isPending) return <Loading />;

  return (
    <>
      <PageHeader title={t('supervision.title')} back={<Link to={backTo}>← {t('supervision.back')}</Link>} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="form__required-note">{t('form.requiredNote')}</p>
        <ErrorAlert error={create.error ?? staff.error ?? scale.error} extraIssues={unmatched} />
        <div className="form__grid">
          <FormField id="sup-date" label={t('supervision.date')} required error={errors.date?.message}>
            {(p) => <input {...p} type="date" {...register('date', { required: 'validation.required' })} />}
          </FormField>
          <FormField id="sup-supervisor" label={t('supervision.supervisor')} required error={errors.supervisorId?.message}>
            {(p) => (
              <select {...p} {...register('supervisorId', { required: 'validation.required' })}>
                <option value="">{t('form.choose')}</option>
                {supervisors.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <Fieldset id="sup-format" legend={t('supervision.format')} required error={errors.format?.message}>
            <div className="radio-group">
              {SUPERVISION_FORMATS.map((f) => (
                <label key={f} className="radio">
                  <input type="radio" value={f} {...register('format')} />
                  <span>{t(`supervision.formats.${f}`)}</span>
                </label>
              ))}
            </div>
          </Fieldset>
          <Fieldset id="sup-mode" legend={t('supervision.mode')} required error={errors.mode?.message}>
            <div className="radio-group">
              {SUPERVISION_MODES.map((m) => (
                <label key={m} className="radio">
                  <input type="radio" value={m} {...register('mode')} />
                  <span>{t(`supervision.modes.${m}`)}</span>
                </label>
              ))}
            </div>
          </Fieldset>
        </div>

        <Controller
          control={control}
          name="leaderIds"
          rules={{ validate: (v) => v.length > 0 || 'validation.leaderRequired' }}
          render={({ field }) => (
            <Fieldset id="sup-leaders" legend={t('supervision.leaders')} required error={errors.leaderIds?.message}>
              <ul className="checkbox-list">
                {leaders.map((s, index) => (
                  <li key={s.id}>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        ref={index === 0 ? field.ref : undefined}
                        checked={field.value.includes(s.id)}
                        onBlur={field.onBlur}
                        onChange={(e) => field.onChange(e.target.checked ? [...field.value, s.id] : field.value.filter((x) => x !== s.id))}
                      />
                      <span>
                        {s.name}
                        {!s.active && <span className="muted"> · {t('common.archived')}</span>}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </Fieldset>
          )}
        />

        <Fieldset id="sup-groups" legend={t('supervision.groups')} hint={t('supervision.groupsHint')} error={errors.groupIds?.message}>
          {groupChoices.length === 0 ? (
            <p className="field__hint">{chosenLeaders.length === 0 ? t('supervision.groupsChooseLeaders') : t('supervision.groupsNone')}</p>
          ) : (
            <ul className="checkbox-list">
              {groupChoices.map((g) => (
                <li key={g.id}>
                  <label className="checkbox">
                    <input type="checkbox" value={g.id} {...register('groupIds')} />
                    <span>
                      {g.programmeCode} · {g.unitName}
                      <span className="muted"> · {g.leaders.map((l) => l.name).join(', ')}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </Fieldset>

        {chosenLeaders.length > 0 && (
          <div>
            <h2 className="add-session__title">{t('supervision.ratingsTitle')}</h2>
            <p className="field__hint">{t('supervision.ratingsHint')}</p>
            {chosenLeaders.map((leaderId) => (
              <Controller
                key={leaderId}
                control={control}
                name={`ratings.${leaderId}`}
                render={({ field, fieldState }) => (
                  <RatingGroup
                    id={`rating-${leaderId}`}
                    legend={t('supervision.ratingFor', { name: nameOf(leaderId) })}
                    anchors={scale.data ?? []}
                    value={field.value ? Number(field.value) : null}
                    onChange={(x) => field.onChange(x == null ? '' : String(x))}
                    error={fieldState.error?.message}
                    noneLabel={t('supervision.notRated')}
                  />
                )}
              />
            ))}
          </div>
        )}

        <FormField id="sup-notes" label={t('supervision.notes')} error={errors.notes?.message}>
          {(p) => <textarea {...p} rows={4} {...register('notes')} />}
        </FormField>

        <FollowUpRows
          fields={followUps.fields}
          register={register}
          errors={errors.followUps}
          leaders={chosenLeaders.map((id) => ({ id, name: nameOf(id) }))}
          onAdd={() => followUps.append({ text: '', dueDate: '', leaderId: '' })}
          onRemove={(i) => followUps.remove(i)}
        />

        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('supervision.submit')}
          </button>
          <Link to={backTo} className="button button--secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

/** Puts each server issue where the user can fix it; "leaders.2.rating" means the third present leader's rating. */
function placeIssues(err: unknown, present: string[], setError: (name: Path<SupervisionValues>, e: { type: string; message: string }, o?: { shouldFocus: boolean }) => void): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  const unmatched: FieldIssue[] = [];
  let focused = false;
  const put = (name: string, issue: FieldIssue) => {
    setError(name as Path<SupervisionValues>, { type: 'server', message: encodeBilingual(issue.message) }, { shouldFocus: !focused });
    focused = true;
  };
  for (const issue of err.issues) {
    const [head = '', index, leaf] = issue.path.split('.');
    const leaderId = index !== undefined ? present[Number(index)] : undefined;
    if (head === 'leaders' && leaf === 'rating' && leaderId) put(`ratings.${leaderId}`, issue);
    else if (head === 'leaders') put('leaderIds', issue);
    else if (head === 'followUps' && index !== undefined && leaf) put(`followUps.${index}.${leaf}`, issue);
    else if ((simpleFields as readonly string[]).includes(head)) put(head, issue);
    else unmatched.push(issue);
  }
  return unmatched;
}
