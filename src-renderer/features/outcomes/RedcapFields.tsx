import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '@contract';
import { RESPONDENTS } from '@contract/enums';
import { Checkbox } from '../../components/Checkbox';
import { InputField, TextAreaField } from '../../components/InputField';
import { SelectField } from '../../components/SelectField';
import { useBilingual } from '../../i18n/useBilingual';

export type RedcapMeta = NonNullable<ProcedureInput<'instruments.import'>['redcap']>;

export const emptyRedcapMeta = (): RedcapMeta => ({
  code: '',
  version: '1',
  name: { sv: '', en: '' },
  respondent: 'parent',
  licence: { holder: '', terms: '' },
  includeTexts: false,
});

/** A REDCap data dictionary is a CSV export; its name is how the page knows to ask for what the dictionary lacks. */
export const isDictionaryFile = (file: File | null) => file !== null && /\.csv$/i.test(file.name);

/** What a REDCap data dictionary does not say and a definition needs, asked when such a file is chosen. */
export function RedcapFields({ meta, onChange }: { meta: RedcapMeta; onChange(meta: RedcapMeta): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{t('outcomes.library.redcap.legend')}</legend>
      <p className="field__hint">{t('outcomes.library.redcap.hint')}</p>
      <InputField
        id="redcap-code"
        label={t('outcomes.library.code')}
        required
        value={meta.code}
        onChange={(e) => onChange({ ...meta, code: e.target.value })}
      />
      <InputField
        id="redcap-version"
        label={t('outcomes.library.version')}
        required
        value={meta.version}
        onChange={(e) => onChange({ ...meta, version: e.target.value })}
      />
      <InputField
        id="redcap-name-sv"
        label={t('outcomes.library.redcap.nameSv')}
        required
        value={meta.name.sv}
        onChange={(e) => onChange({ ...meta, name: { ...meta.name, sv: e.target.value } })}
      />
      <InputField
        id="redcap-name-en"
        label={t('outcomes.library.redcap.nameEn')}
        required
        value={meta.name.en}
        onChange={(e) => onChange({ ...meta, name: { ...meta.name, en: e.target.value } })}
      />
      <SelectField
        id="redcap-respondent"
        label={t('outcomes.schedule.respondent')}
        options={RESPONDENTS.map((r) => ({ value: r, label: t(`outcomes.respondent.${r}`) }))}
        value={meta.respondent}
        onChange={(e) => onChange({ ...meta, respondent: e.target.value as RedcapMeta['respondent'] })}
      />
      <InputField
        id="redcap-holder"
        label={t('outcomes.library.redcap.holder')}
        required
        value={meta.licence.holder}
        onChange={(e) => onChange({ ...meta, licence: { ...meta.licence, holder: e.target.value } })}
      />
      <TextAreaField
        id="redcap-terms"
        label={t('outcomes.library.redcap.terms')}
        required
        value={meta.licence.terms}
        onChange={(e) => onChange({ ...meta, licence: { ...meta.licence, terms: e.target.value } })}
      />
      <Checkbox
        id="redcap-texts"
        label={t('outcomes.library.redcap.includeTexts')}
        checked={meta.includeTexts}
        onChange={(e) => onChange({ ...meta, includeTexts: e.target.checked })}
      />
    </fieldset>
  );
}

/** The dictionary's fields that did not become items, each with why. */
export function SkippedFields({ skipped }: { skipped: { variable: string; reason: { sv: string; en: string } }[] }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  if (skipped.length === 0) return null;
  return (
    <section aria-labelledby="redcap-skipped">
      <h3 id="redcap-skipped">{t('outcomes.library.redcap.skipped', { count: skipped.length })}</h3>
      <ul>
        {skipped.map((s) => (
          <li key={s.variable}>
            <code>{s.variable}</code>: {pick(s.reason)}
          </li>
        ))}
      </ul>
    </section>
  );
}
