import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, GroupOverview, Participant } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField, Fieldset } from '../../components/FormField';
import { applyServerIssues, toNumberOrNull } from '../../lib/forms';
import { showToast } from '../../stores/toasts';
import { childGenders, consents, familyNumbers, relations, todayIso } from './labels';

interface Values {
  displayName: string;
  relation: (typeof relations)[number];
  familyId: string;
  childBirthYear: string;
  childGender: string;
  enrolmentDate: string;
  consent: (typeof consents)[number];
  consentDate: string;
  contact: string;
}

const fields = ['displayName', 'relation', 'familyId', 'childBirthYear', 'childGender', 'enrolmentDate', 'consent', 'consentDate', 'contact'] as const;

interface Props {
  overview: GroupOverview;
  groupStartDate: string;
  participant?: Participant | undefined;
  onDone(): void;
}

/** Adds or edits a participant; a likely duplicate is shown as a warning the leader may override. */
export function ParticipantForm({ overview, groupStartDate, participant, onDone }: Props) {
  const { t } = useTranslation();
  const create = useApiMutation('participants.create');
  const update = useApiMutation('participants.update');
  const mutation = participant ? update : create;
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const [duplicate, setDuplicate] = useState<ApiError | null>(null);
  const showChild = overview.programmeAudience === 'parents' || overview.programmeAudience === 'individual_family';
  const { register, handleSubmit, setError, formState, watch, setValue, getValues } = useForm<Values>({
    defaultValues: {
      displayName: participant?.displayName ?? '',
      relation: participant?.relation ?? (showChild ? 'mother' : 'teacher'),
      familyId: participant?.family.id ?? '',
      childBirthYear: participant?.family.childBirthYear == null ? '' : String(participant.family.childBirthYear),
      childGender: participant?.family.childGender ?? '',
      enrolmentDate: participant?.enrolmentDate ?? (groupStartDate < todayIso() ? groupStartDate : todayIso()),
      consent: participant?.consent ?? 'not_asked',
      consentDate: participant?.consentDate ?? '',
      contact: participant?.contact ?? '',
    },
  });
  const errors = formState.errors;
  const consent = watch('consent');
  const prefix = participant ? `participant-${participant.id}` : 'participant-new';

  useEffect(() => {
    document.getElementById(`${prefix}-name`)?.focus();
  }, [prefix]);

  // Families are shown by number and members; the picker offers every other family in the group.
  const numbers = familyNumbers(overview.participants);
  const families = [...numbers.keys()].map((id) => {
    const members = overview.participants.filter((p) => p.family.id === id && p.id !== participant?.id && p.status !== 'moved');
    return { id, members, family: overview.participants.find((p) => p.family.id === id)!.family };
  });

  const send = async (v: Values, allowDuplicate: boolean) => {
    setUnmatched([]);
    const input = {
      displayName: v.displayName,
      relation: v.relation,
      familyId: v.familyId || null,
      childBirthYear: showChild ? toNumberOrNull(v.childBirthYear) : null,
      childGender: showChild && v.childGender ? (v.childGender as (typeof childGenders)[number]) : null,
      enrolmentDate: v.enrolmentDate,
      consent: v.consent,
      consentDate: v.consent === 'not_asked' ? null : v.consentDate || null,
      contact: v.contact,
      allowDuplicate,
    };
    try {
      if (participant) await update.mutateAsync({ ...input, id: participant.id });
      else await create.mutateAsync({ ...input, groupId: overview.groupId });
      showToast(t(participant ? 'participants.updated' : 'participants.created', { name: v.displayName }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict' && err.issues.some((i) => i.path === 'allowDuplicate')) {
        setDuplicate(err);
        return;
      }
      setUnmatched(applyServerIssues(err, setError, fields));
    }
  };
  const submit = handleSubmit((v) => send(v, false));
  const required = { required: 'validation.required' };
  const fieldError = mutation.error instanceof ApiError && mutation.error.code === 'validation' && unmatched.length === 0;

  return (
    <form className="form participant-panel" noValidate aria-labelledby={`${prefix}-title`} onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}>
      <h3 id={`${prefix}-title`} className="panel__title">
        {participant ? t('participants.editTitle', { name: participant.displayName }) : t('participants.addTitle')}
      </h3>
      <p className="form__required-note">{t('form.requiredNote')}</p>
      {duplicate ? (
        <div className="warning-box" role="alert">
          <p>{t('participants.duplicateWarning')}</p>
          <div className="form__actions">
            <button type="button" className="button button--primary" disabled={mutation.isPending}
              onClick={() => {
                setDuplicate(null);
                void send(getValues(), true);
              }}>
              {t('participants.saveAnyway')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => {
              setDuplicate(null);
              document.getElementById(`${prefix}-name`)?.focus();
            }}>
              {t('participants.changeInstead')}
            </button>
          </div>
        </div>
      ) : (
        <ErrorAlert error={fieldError ? null : mutation.error} extraIssues={unmatched} />
      )}
      <div className="form__grid">
        <FormField id={`${prefix}-name`} label={t('participants.displayName')} hint={t('participants.displayNameHint')} required error={errors.displayName?.message}>
          {(p) => <input {...p} type="text" autoComplete="off" {...register('displayName', { validate: (x) => x.trim() !== '' || 'validation.required' })} />}
        </FormField>
        <FormField id={`${prefix}-relation`} label={t('participants.relation')} required error={errors.relation?.message}>
          {(p) => (
            <select {...p} {...register('relation', required)}>
              {relations.map((r) => (
                <option key={r} value={r}>
                  {t(`participants.relations.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${prefix}-family`} label={t('participants.family')} hint={t('participants.familyHint')} error={errors.familyId?.message}>
          {(p) => (
            <select {...p} {...register('familyId', {
              onChange: (e: { target: { value: string } }) => {
                const chosen = families.find((f) => f.id === e.target.value);
                if (!chosen) return;
                setValue('childBirthYear', chosen.family.childBirthYear == null ? '' : String(chosen.family.childBirthYear));
                setValue('childGender', chosen.family.childGender ?? '');
              },
            })}>
              {!participant && <option value="">{t('participants.newFamily')}</option>}
              {families
                .filter((f) => f.members.length > 0 || f.id === participant?.family.id)
                .map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.members.length > 0
                      ? t('participants.sameFamilyAs', { number: numbers.get(f.id), names: f.members.map((m) => m.displayName).join(', ') })
                      : t('participants.ownFamily', { number: numbers.get(f.id) })}
                  </option>
                ))}
            </select>
          )}
        </FormField>
        {showChild && (
          <>
            <FormField id={`${prefix}-birth-year`} label={t('participants.childBirthYear')} error={errors.childBirthYear?.message}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={1990} max={2100} {...register('childBirthYear')} />}
            </FormField>
            <FormField id={`${prefix}-gender`} label={t('participants.childGender')} error={errors.childGender?.message}>
              {(p) => (
                <select {...p} {...register('childGender')}>
                  <option value="">{t('participants.notGiven')}</option>
                  {childGenders.map((g) => (
                    <option key={g} value={g}>
                      {t(`participants.genders.${g}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </>
        )}
        <FormField id={`${prefix}-enrolment`} label={t('participants.enrolmentDate')} required error={errors.enrolmentDate?.message}>
          {(p) => <input {...p} type="date" {...register('enrolmentDate', required)} />}
        </FormField>
        <Fieldset id={`${prefix}-consent`} legend={t('participants.consent')} hint={t('participants.consentHint')} required error={errors.consent?.message}>
          <div className="radio-group">
            {consents.map((c) => (
              <label key={c} className="radio">
                <input type="radio" value={c} {...register('consent', {
                  onChange: (e: { target: { value: string } }) => {
                    if (e.target.value === 'not_asked') setValue('consentDate', '');
                    else if (!getValues('consentDate')) setValue('consentDate', todayIso());
                  },
                })} />
                <span>{t(`participants.consents.${c}`)}</span>
              </label>
            ))}
          </div>
        </Fieldset>
        <FormField id={`${prefix}-consent-date`} label={t('participants.consentDate')} required={consent !== 'not_asked'} error={errors.consentDate?.message}>
          {(p) => <input {...p} type="date" disabled={consent === 'not_asked'} {...register('consentDate')} />}
        </FormField>
        <FormField id={`${prefix}-contact`} label={t('participants.contact')} hint={t('participants.contactHint')} error={errors.contact?.message} className="form__wide">
          {(p) => <input {...p} type="text" autoComplete="off" {...register('contact')} />}
        </FormField>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('common.saving') : participant ? t('common.save') : t('participants.add')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
