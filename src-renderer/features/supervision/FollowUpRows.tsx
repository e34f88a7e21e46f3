import type { FieldArrayWithId, FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { InputField } from '../../components/InputField';
import { namedChoices, SelectField } from '../../components/SelectField';
import type { SupervisionValues } from './SupervisionForm';
import { textLimits } from '@contract/limits';

interface FollowUpRowsProps {
  fields: FieldArrayWithId<SupervisionValues, 'followUps'>[];
  register: UseFormRegister<SupervisionValues>;
  errors: FieldErrors<SupervisionValues>['followUps'];
  leaders: { id: string; name: string }[];
  onAdd(): void;
  onRemove(index: number): void;
}

/** Follow-up actions as numbered rows; each remove button says which row it removes. */
export function FollowUpRows({ fields, register, errors, leaders, onAdd, onRemove }: FollowUpRowsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset" aria-describedby="follow-ups-hint">
      <legend className="field__label">{t('supervision.followUps')}</legend>
      <p id="follow-ups-hint" className="field__hint">
        {t('supervision.followUpsHint')}
      </p>
      {fields.map((row, i) => {
        const n = i + 1;
        const e = errors?.[i];
        return (
          <div key={row.id} className="follow-up-row" role="group" aria-label={t('supervision.followUpRow', { n })}>
            <InputField
              id={`fu-${row.id}-text`}
              label={t('supervision.followUpText', { n })}
              required
              error={e?.text?.message}
              type="text"
              autoComplete="off"
              maxLength={textLimits.followUpText}
              {...register(`followUps.${i}.text`, { validate: (x) => x.trim() !== '' || 'supervision.followUpTextRequired' })}
            />
            <InputField
              id={`fu-${row.id}-due`}
              label={t('supervision.followUpDue', { n })}
              required
              error={e?.dueDate?.message}
              type="date"
              {...register(`followUps.${i}.dueDate`, { required: 'validation.required' })}
            />
            <button type="button" className="button button--link button--danger-text" onClick={() => onRemove(i)}>
              {t('supervision.followUpRemove', { n })}
            </button>
            <SelectField
              id={`fu-${row.id}-leader`}
              label={t('supervision.followUpConcerns', { n })}
              error={e?.leaderId?.message}
              placeholder={t('followUps.wholeGroup')}
              options={namedChoices(leaders)}
              {...register(`followUps.${i}.leaderId`)}
            />
          </div>
        );
      })}
      <button type="button" className="button button--secondary" onClick={onAdd}>
        {t('supervision.followUpAdd')}
      </button>
    </fieldset>
  );
}
