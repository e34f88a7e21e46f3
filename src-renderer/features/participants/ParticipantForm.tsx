import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { GroupOverview, Participant } from '@contract';
import { ApiError } from '../../api/errors';
import { useApiMutation } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { todayIso } from '../../lib/dates';
import { toNumberOrNull, useServerIssues } from '../../lib/forms';
import { draftOr, useKeepDraft } from '../../stores/drafts';
import { showToast } from '../../stores/toasts';
import { childGenders, consents, familyNumbers, relations } from './labels';
import { defaultEnrolmentDate } from './enrolmentDefault';
import { textLimits } from '@contract/limits';

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

/** Where a lock keeps what was typed into this form until it is saved or cancelled. */
export const participantDraftKey = (groupId: string, participantId?: string) => `participant-form:${groupId}:${participantId ?? 'new'}`;

/** Adds or edits a participant; a likely duplicate is shown as a warning the leader may override. */
export function ParticipantForm({ overview, groupStartDate, participant, onDone }: Props) {
  const { t } = useTranslation();
  const create = useApiMutation('participants.create');
  const update = useApiMutation('participants.update');
  const mutation = participant ? update : create;
  const [duplicate, setDuplicate] = useState<ApiError | null>(null);
  const showChild = overview.programmeAudience === 'parents' || overview.programmeAudience === 'individual_family';
  const draftKey = participantDraftKey(overview.groupId, participant?.id);
  const { register, handleSubmit, setError, formState, watch, setValue, getValues } = useForm<Values>({
    defaultValues: draftOr<Values>(draftKey, {
      displayName: participant?.displayName ?? '',
      relation: participant?.relation ?? (showChild ? 'mother' : 'teacher'),
      familyId: participant?.family.id ?? '',
      childBirthYear: participant?.family.childBirthYear == null ? '' : String(participant.family.childBirthYear),
      childGender: participant?.family.childGender ?? '',
      enrolmentDate: participant?.enrolmentDate ?? defaultEnrolmentDate(groupStartDate, todayIso()),
      consent: participant?.consent ?? 'not_asked',
      consentDate: participant?.consentDate ?? '',
      contact: participant?.contact ?? '',
    }),
  });
  useKeepDraft(draftKey, watch);
  const errors = formState.errors;
  const issues = useServerIssues(setError, fields);
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
    issues.clear();
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
      issues.apply(err);
    }
  };
  const submit = handleSubmit((v) => send(v, false));
  const required = { required: 'validation.required' };

  return (
    <form
      className="form participant-panel"
      noValidate
      aria-labelledby={`${prefix}-title`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <h3 id={`${prefix}-title`} className="panel__title">
        {participant ? t('participants.editTitle', { name: participant.displayName }) : t('participants.addTitle')}
      </h3>
      <p className="form__required-note">{t('form.requiredNote')}</p>
      {duplicate ? (
        <div className="warning-box" role="alert">
          <p>{t('participants.duplicateWarning')}</p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={mutation.isPending}
              onClick={() => {
                setDuplicate(null);
                void send(getValues(), true);
              }}
            >
              {t('participants.saveAnyway')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDuplicate(null);
                document.getElementById(`${prefix}-name`)?.focus();
              }}
            >
              {t('participants.changeInstead')}
            </button>
          </div>
        </div>
      ) : (
        <ErrorAlert error={mutation.error} extraIssues={issues.unmatched} quietOnFieldErrors />
      )}
      <div className="form__grid">
        <InputField
          id={`${prefix}-name`}
          label={t('participants.displayName')}
          hint={t('participants.displayNameHint')}
          required
          error={errors.displayName?.message}
          type="text"
          autoComplete="off"
          maxLength={textLimits.displayName}
          {...register('displayName', { validate: (x) => x.trim() !== '' || 'validation.required' })}
        />
        <SelectField
          id={`${prefix}-relation`}
          label={t('participants.relation')}
          required
          error={errors.relation?.message}
          options={relations.map((r) => ({ value: r, label: t(`participants.relations.${r}`) }))}
          {...register('relation', required)}
        />
        <SelectField
          id={`${prefix}-family`}
          label={t('participants.family')}
          hint={t('participants.familyHint')}
          error={errors.familyId?.message}
          placeholder={participant ? undefined : t('participants.newFamily')}
          options={families
            .filter((f) => f.members.length > 0 || f.id === participant?.family.id)
            .map((f) => ({
              value: f.id,
              label:
                f.members.length > 0
                  ? t('participants.sameFamilyAs', { number: numbers.get(f.id), names: f.members.map((m) => m.displayName).join(', ') })
                  : t('participants.ownFamily', { number: numbers.get(f.id) }),
            }))}
          {...register('familyId', {
            onChange: (e: { target: { value: string } }) => {
              const chosen = families.find((f) => f.id === e.target.value);
              if (!chosen) return;
              setValue('childBirthYear', chosen.family.childBirthYear == null ? '' : String(chosen.family.childBirthYear));
              setValue('childGender', chosen.family.childGender ?? '');
            },
          })}
        />
        {showChild && (
          <>
            <InputField
              id={`${prefix}-birth-year`}
              label={t('participants.childBirthYear')}
              error={errors.childBirthYear?.message}
              type="number"
              inputMode="numeric"
              min={1990}
              max={2100}
              {...register('childBirthYear')}
            />
            <SelectField
              id={`${prefix}-gender`}
              label={t('participants.childGender')}
              error={errors.childGender?.message}
              placeholder={t('participants.notGiven')}
              options={childGenders.map((g) => ({ value: g, label: t(`participants.genders.${g}`) }))}
              {...register('childGender')}
            />
          </>
        )}
        <InputField
          id={`${prefix}-enrolment`}
          label={t('participants.enrolmentDate')}
          required
          error={errors.enrolmentDate?.message}
          type="date"
          {...register('enrolmentDate', required)}
        />
        <RadioGroup
          id={`${prefix}-consent`}
          legend={t('participants.consent')}
          hint={t('participants.consentHint')}
          required
          error={errors.consent?.message}
          options={consents.map((c) => ({ value: c, label: t(`participants.consents.${c}`) }))}
          field={register('consent', {
            onChange: (e: { target: { value: string } }) => {
              if (e.target.value === 'not_asked') setValue('consentDate', '');
              else if (!getValues('consentDate')) setValue('consentDate', todayIso());
            },
          })}
        />
        <InputField
          id={`${prefix}-consent-date`}
          label={t('participants.consentDate')}
          required={consent !== 'not_asked'}
          error={errors.consentDate?.message}
          type="date"
          disabled={consent === 'not_asked'}
          {...register('consentDate')}
        />
        <InputField
          id={`${prefix}-contact`}
          label={t('participants.contact')}
          hint={t('participants.contactHint')}
          error={errors.contact?.message}
          className="form__wide"
          type="text"
          autoComplete="off"
          maxLength={textLimits.contact}
          {...register('contact')}
        />
      </div>
      <FormActions saving={mutation.isPending} submitLabel={participant ? undefined : t('participants.add')} cancel={onDone} />
    </form>
  );
}
