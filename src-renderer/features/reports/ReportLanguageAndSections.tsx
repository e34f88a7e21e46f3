import type { Control, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ReportSection } from '@contract';
import { REPORT_SECTIONS } from '@contract/enums';
import { CheckboxListField } from '../../components/CheckboxList';
import { SelectField } from '../../components/SelectField';

/** The two settings a saved report is made and edited with, so both forms ask for them the same way. */
interface LanguageAndSections extends FieldValues {
  lang: 'sv' | 'en';
  sections: ReportSection[];
}

interface Props<T extends LanguageAndSections> {
  /** Keeps the fields' ids apart when the dialog and the editor are on the page together. */
  idPrefix: string;
  register: UseFormRegister<T>;
  control: Control<T>;
  sectionsError: string | undefined;
}

/** The report's language and the sections it holds; at least one section must be chosen. */
export function ReportLanguageAndSections<T extends LanguageAndSections>({ idPrefix, register, control, sectionsError }: Props<T>) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        id={`${idPrefix}-lang`}
        label={t('reports.saved.lang')}
        options={[
          { value: 'sv', label: t('reports.saved.langSv') },
          { value: 'en', label: t('reports.saved.langEn') },
        ]}
        {...register('lang' as Path<T>)}
      />
      <CheckboxListField
        control={control}
        name={'sections' as Path<T>}
        id={`${idPrefix}-sections`}
        legend={t('reports.saved.sections')}
        required
        error={sectionsError}
        rules={{ validate: (x) => (x as ReportSection[]).length > 0 || 'reports.saved.sectionsRequired' }}
        options={REPORT_SECTIONS.map((s) => ({ value: s, label: t(`reports.section.${s}`) }))}
      />
    </>
  );
}
