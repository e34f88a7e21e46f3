import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '@contract/enums';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { FormField } from '../../components/FormField';
import { SelectField } from '../../components/SelectField';
import { ImportStepHeading } from './ImportStepIndicator';
import { fileAsBase64, importKinds, maxFileBytes, type ChosenFile } from './import-state';

interface FileStepProps {
  kind: ImportKind;
  busy: boolean;
  error: unknown;
  onNext(file: ChosenFile): void;
}

/** Step 1: what the rows are, and the file. */
export function FileStep({ kind: initialKind, busy, error, onNext }: FileStepProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!file) return setFileError('import.file.required');
    if (file.size > maxFileBytes) return setFileError('import.file.tooLarge');
    setFileError(undefined);
    onNext({ kind, fileName: file.name, content: await fileAsBase64(file) });
  };

  return (
    <form className="form export-step" aria-labelledby="import-step-file" noValidate onSubmit={(e) => void submit(e)}>
      <ImportStepHeading step="file" />
      <p className="panel__hint">{t('import.file.intro')}</p>
      <SelectField
        id="import-kind"
        label={t('import.file.kind')}
        options={importKinds.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))}
        value={kind}
        onChange={(e) => setKind(e.target.value as ImportKind)}
        hint={t(`import.kindHints.${kind}`)}
        required
      />
      <FormField id="import-file" label={t('import.file.label')} hint={t('import.file.hint')} error={fileError} required>
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(undefined);
            }}
          />
        )}
      </FormField>
      {error !== null && error !== undefined && <ErrorAlert error={error} />}
      <FormActions saving={busy} submitLabel={t('import.file.next')} savingLabel={t('import.reading')} />
    </form>
  );
}
