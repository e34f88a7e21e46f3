import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { SelectField } from '../../components/SelectField';
import { ImportStepHeading } from './ImportStepIndicator';
import { draftOf, type ImportPreview, type MappingDraft } from './import-state';

interface MappingStepProps {
  preview: ImportPreview;
  busy: boolean;
  error: unknown;
  onSheet(sheet: string): void;
  onBack(): void;
  onNext(draft: MappingDraft): void;
}

/** Step 2: the sheet, and which column holds which field, guessed from the headers and adjustable. */
export function MappingStep({ preview, busy, error, onSheet, onBack, onNext }: MappingStepProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<MappingDraft>(() => draftOf(preview));
  const headers = preview.headers.filter((h) => h !== '').map((h) => ({ value: h, label: h }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onNext(draft);
  };

  return (
    <form className="form export-step" aria-labelledby="import-step-mapping" noValidate onSubmit={submit}>
      <ImportStepHeading step="mapping" />
      <p className="panel__hint">{t('import.mapping.intro', { count: preview.rowCount })}</p>
      {preview.sheets.length > 1 && (
        <SelectField
          id="import-sheet"
          label={t('import.mapping.sheet')}
          options={preview.sheets.map((s) => ({ value: s, label: s }))}
          value={preview.sheet}
          onChange={(e) => onSheet(e.target.value)}
          disabled={busy}
        />
      )}
      {preview.fields.map((f) => (
        <SelectField
          key={f.field}
          id={`import-field-${f.field}`}
          label={t(`import.fields.${f.field}`)}
          options={headers}
          placeholder={t('import.mapping.none')}
          value={draft[f.field] ?? ''}
          onChange={(e) => setDraft({ ...draft, [f.field]: e.target.value })}
          required={f.required}
        />
      ))}
      {preview.kind === 'attendance' && <p className="panel__hint">{t('import.mapping.attendanceHint')}</p>}
      {error !== null && error !== undefined && <ErrorAlert error={error} />}
      <FormActions saving={busy} submitLabel={t('import.mapping.next')} savingLabel={t('import.reading')} cancel={onBack} cancelLabel={t('import.back')} />
    </form>
  );
}
