import { useEffect, useRef, useState } from 'react';
import { Controller, useFieldArray, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { SupervisionFormat, SupervisionMode, SupervisionSession } from '@contract';
import { SUPERVISION_FORMATS, SUPERVISION_MODES } from '@contract/enums';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { CheckboxListField } from '../../components/CheckboxList';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { Fieldset } from '../../components/FormField';
import { InputField, TextAreaField } from '../../components/InputField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { todayIso } from '../../lib/dates';
import { useServerIssues } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { FollowUpRows } from './FollowUpRows';
import { RatingGroup } from './RatingGroup';
import { preselection } from './preselect';
import { textLimits } from '@contract/limits';
import { draftOr, readDraft, useKeepDraft } from '../../stores/drafts';

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

const simpleFields: readonly string[] = ['date', 'supervisorId', 'format', 'mode', 'notes', 'groupIds'];

/** "leaders.2.rating" is the rating of the third leader present; follow-up issues go on their row. */
const issuePlacement =
  (present: string[]) =>
  (path: string): Path<SupervisionValues> | null => {
    const [head = '', index, leaf] = path.split('.');
    const leaderId = index !== undefined ? present[Number(index)] : undefined;
    if (head === 'leaders' && leaf === 'rating' && leaderId) return `ratings.${leaderId}`;
    if (head === 'leaders') return 'leaderIds';
    if (head === 'followUps' && index !== undefined && leaf) return `followUps.${index}.${leaf}` as Path<SupervisionValues>;
    return simpleFields.includes(head) ? (head as Path<SupervisionValues>) : null;
  };

/**
 * Recording a supervision meeting in about a minute: the usual answers are preset (today, group
 * supervision in person), ratings appear per leader as they are ticked, and the server's issues
 * land on the exact leader's rating or follow-up row they concern.
 */
export function SupervisionFormPage({ existing }: { existing?: SupervisionSession } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = params.get('leader');
  const flaggedGroup = params.get('group');
  const staff = useApiQuery('staff.list', {});
  const groups = useApiQuery('groups.list', { limit: 500 });
  const scale = useApiQuery('supervision.ratingScale', {});
  const create = useApiMutation('supervision.create');
  const update = useApiMutation('supervision.update');
  const draftKey = `supervision-form:${existing?.id ?? 'new'}:${preselected ?? ''}:${flaggedGroup ?? ''}`;
  // A draft kept across a lock already holds the user's own choices; the preselection must not redo them.
  const [hadDraft] = useState(() => readDraft(draftKey) !== undefined);
  const { register, control, handleSubmit, setError, formState, watch, setValue, getValues } = useForm<SupervisionValues>({
    defaultValues: draftOr<SupervisionValues>(
      draftKey,
      existing
        ? {
            date: existing.date,
            supervisorId: existing.supervisorId,
            format: existing.format,
            mode: existing.mode,
            leaderIds: existing.leaders.map((l) => l.leaderId),
            ratings: Object.fromEntries(existing.leaders.map((l) => [l.leaderId, l.rating == null ? '' : String(l.rating)])),
            groupIds: existing.groups.map((g) => g.groupId),
            notes: existing.notes,
            followUps: [],
          }
        : {
            date: todayIso(),
            supervisorId: '',
            format: 'group',
            mode: 'in_person',
            leaderIds: preselected ? [preselected] : [],
            ratings: {},
            groupIds: [],
            notes: '',
            followUps: [],
          },
    ),
  });
  useKeepDraft(draftKey, watch);
  const followUps = useFieldArray({ control, name: 'followUps' });
  const errors = formState.errors;
  const leaders = (staff.data ?? []).filter((s) => s.isLeader);
  const supervisors = (staff.data ?? []).filter((s) => s.isSupervisor);
  // Once the groups are known, a record opened from a leader or a flagged group ticks that group and its leaders.
  const preselectedOnce = useRef(false);
  useEffect(() => {
    if (existing || hadDraft || preselectedOnce.current || !groups.data) return;
    preselectedOnce.current = true;
    const chosen = preselection(groups.data.items, preselected, flaggedGroup);
    const leaderIds = getValues('leaderIds');
    setValue('leaderIds', [...new Set([...leaderIds, ...chosen.leaderIds])]);
    if (chosen.groupIds.length > 0) setValue('groupIds', chosen.groupIds);
  }, [existing, hadDraft, groups.data, preselected, flaggedGroup, getValues, setValue]);
  const chosenLeaders = watch('leaderIds');
  const nameOf = (id: string) => leaders.find((l) => l.id === id)?.name ?? '';
  // Only groups the present leaders lead and that are (or were about to be) running are worth discussing.
  const groupChoices = (groups.data?.items ?? []).filter(
    (g) =>
      // A meeting being corrected keeps the groups it discussed, even those that have ended since.
      existing?.groups.some((x) => x.groupId === g.id) ||
      (g.status !== 'cancelled' && g.status !== 'completed' && g.leaders.some((l) => chosenLeaders.includes(l.id))),
  );
  const backTo = preselected ? `/leaders/${preselected}` : '/leaders';
  // Which leader a "leaders.N" issue means depends on who was present in the call that failed.
  const present = leaders.filter((l) => chosenLeaders.includes(l.id)).map((l) => l.id);
  const issues = useServerIssues(setError, issuePlacement(present));

  const submit = handleSubmit((v) =>
    issues.run(async () => {
      const fields = {
        date: v.date,
        supervisorId: v.supervisorId,
        format: v.format,
        mode: v.mode,
        leaders: present.map((leaderId) => ({
          leaderId,
          rating: v.ratings[leaderId] ? Number(v.ratings[leaderId]) : null,
          note: existing?.leaders.find((l) => l.leaderId === leaderId)?.note ?? '',
        })),
        groupIds: v.groupIds.filter((id) => groupChoices.some((g) => g.id === id)),
        notes: v.notes,
      };
      if (existing) {
        await update.mutateAsync({ id: existing.id, ...fields });
        showToast(t('supervision.updated'));
      } else {
        await create.mutateAsync({ ...fields, followUps: v.followUps.map((f) => ({ text: f.text, dueDate: f.dueDate, leaderId: f.leaderId || null })) });
        showToast(t('supervision.saved'));
      }
      void navigate(backTo);
    }),
  );

  if (staff.isPending || scale.isPending) return <Loading />;

  return (
    <>
      <PageHeader title={existing ? t('supervision.editTitle') : t('supervision.title')} back={<Link to={backTo}>← {t('supervision.back')}</Link>} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="form__required-note">{t('form.requiredNote')}</p>
        <ErrorAlert error={create.error ?? update.error ?? staff.error ?? scale.error} extraIssues={issues.unmatched} />
        <div className="form__grid">
          <InputField
            id="sup-date"
            label={t('supervision.date')}
            required
            error={errors.date?.message}
            type="date"
            {...register('date', { required: 'validation.required' })}
          />
          <SelectField
            id="sup-supervisor"
            label={t('supervision.supervisor')}
            required
            error={errors.supervisorId?.message}
            placeholder={t('form.choose')}
            options={supervisors.map((s) => ({ value: s.id, label: s.unitName ? `${s.name} · ${s.unitName}` : s.name }))}
            {...register('supervisorId', { required: 'validation.required' })}
          />
          <RadioGroup
            id="sup-format"
            legend={t('supervision.format')}
            required
            error={errors.format?.message}
            field={register('format')}
            options={SUPERVISION_FORMATS.map((f) => ({ value: f, label: t(`supervision.formats.${f}`) }))}
          />
          <RadioGroup
            id="sup-mode"
            legend={t('supervision.mode')}
            required
            error={errors.mode?.message}
            field={register('mode')}
            options={SUPERVISION_MODES.map((m) => ({ value: m, label: t(`supervision.modes.${m}`) }))}
          />
        </div>

        <CheckboxListField
          control={control}
          name="leaderIds"
          rules={{ validate: (v) => (v as string[]).length > 0 || 'validation.leaderRequired' }}
          id="sup-leaders"
          legend={t('supervision.leaders')}
          required
          error={errors.leaderIds?.message}
          options={leaders.map((s) => ({
            value: s.id,
            label: (
              <>
                {s.name}
                {!s.active && <span className="muted"> · {t('common.archived')}</span>}
              </>
            ),
          }))}
        />

        <Fieldset id="sup-groups" legend={t('supervision.groups')} hint={t('supervision.groupsHint')} error={errors.groupIds?.message}>
          {groupChoices.length === 0 ? (
            <p className="field__hint">{chosenLeaders.length === 0 ? t('supervision.groupsChooseLeaders') : t('supervision.groupsNone')}</p>
          ) : (
            <ul className="checkbox-list">
              {groupChoices.map((g) => (
                <li key={g.id}>
                  <Checkbox
                    value={g.id}
                    {...register('groupIds')}
                    label={
                      <>
                        {g.programmeCode} · {g.unitName}
                        <span className="muted"> · {g.leaders.map((l) => l.name).join(', ')}</span>
                      </>
                    }
                  />
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

        <TextAreaField
          id="sup-notes"
          label={t('supervision.notes')}
          error={errors.notes?.message}
          rows={4}
          maxLength={textLimits.supervisionNotes}
          {...register('notes')}
        />

        {existing ? (
          <p className="field__hint">{t('supervision.editFollowUpsHint')}</p>
        ) : (
          <FollowUpRows
            fields={followUps.fields}
            register={register}
            errors={errors.followUps}
            leaders={chosenLeaders.map((id) => ({ id, name: nameOf(id) }))}
            onAdd={() => followUps.append({ text: '', dueDate: '', leaderId: '' })}
            onRemove={(i) => followUps.remove(i)}
          />
        )}

        <FormActions
          saving={create.isPending || update.isPending}
          submitLabel={existing ? t('supervision.submitEdit') : t('supervision.submit')}
          cancel={backTo}
        />
      </form>
    </>
  );
}

/** Correcting a recorded meeting: the same form, filled from what was saved. */
export function SupervisionEditPage() {
  const { id = '' } = useParams();
  const existing = useApiQuery('supervision.get', { id });
  if (existing.isPending) return <Loading />;
  if (!existing.data) return <ErrorAlert error={existing.error} />;
  return <SupervisionFormPage existing={existing.data} />;
}
