import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { SelectField } from '../../components/SelectField';
import { ImportStepHeading } from './ImportStepIndicator';
import { draftOf, sessionDraftOf, sessionNumbers, type ImportPreview, type MappingDraft, type SessionDraft } from './import-state';

interface MappingStepProps {
  preview: ImportPreview;
  busy: boolean;
  error: unknown;
  onSheet(sheet: string): void;
  onBack(): void;
  onNext(draft: MappingDraft, sessions: SessionDraft): void;
}

/** Step 2: the sheet, and which column holds which field, guessed from the headers and adjustable. */
export function MappingStep({ preview, busy, error, onSheet, onBack, onNext }: MappingStepProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<MappingDraft>(() => draftOf(preview));
  const [sessions, setSessions] = useState<SessionDraft>(() => sessionDraftOf(preview));
  const headers = preview.headers.filter((h) => h !== '').map((h) => ({ value: h, label: h }));
  // A matrix: the columns no field holds, each read as a session or not; a list names its session in a field instead.
  const taken = new Set(Object.values(draft));
  const matrix = preview.kind === 'attendance' && !(draft.session && draft.state);
  const sessionColumns = matrix ? preview.sessionColumns.filter((c) => !taken.has(c.header)) : [];
  const numberChoices = sessionNumbers(sessions).map((n) => ({ value: String(n), label: t('import.mapping.sessionNumber', { number: n }) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onNext(draft, sessions);
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
      {sessionColumns.length > 0 && (
        <fieldset className="fieldset">
          <legend className="field__label">{t('import.mapping.sessionColumns')}</legend>
          <p className="panel__hint">{t('import.mapping.attendanceHint')}</p>
          {sessionColumns.map((c, i) => (
            <SelectField
              key={c.header}
              id={`import-session-${i}`}
              label={t('import.mapping.sessionColumn', { header: c.header })}
              options={[
                { value: 'none', label: t('import.mapping.notSession') },
                ...(c.date === null ? [] : [{ value: 'date', label: t('import.mapping.sessionDate', { date: c.date }) }]),
                ...numberChoices,
              ]}
              value={sessions[c.header] ?? 'none'}
              onChange={(e) => setSessions({ ...sessions, [c.header]: e.target.value })}
            />
          ))}
        </fieldset>
      )}
      {preview.kind === 'attendance' && sessionColumns.length === 0 && <p className="panel__hint">{t('import.mapping.listHint')}</p>}
      {error !== null && error !== undefined && <ErrorAlert error={error} />}
      <FormActions saving={busy} submitLabel={t('import.mapping.next')} savingLabel={t('import.reading')} cancel={onBack} cancelLabel={t('import.back')} />
    </form>
  );
}
