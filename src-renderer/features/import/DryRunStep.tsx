import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../components/Checkbox';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { useBilingual } from '../../i18n/useBilingual';
import { ImportStepHeading } from './ImportStepIndicator';
import { countList, type ImportPreview } from './import-state';
import './import.css';

/** A list of ten thousand rows is read, not scrolled: the rows that need a look come first, and only so many. */
const shownRows = 200;

interface DryRunStepProps {
  preview: ImportPreview;
  busy: boolean;
  error: unknown;
  onBack(): void;
  onCommit(skipInvalid: boolean): void;
}

/** Step 3: what the import would do, row by row, before anything is written. */
export function DryRunStep({ preview, busy, error, onBack, onCommit }: DryRunStepProps) {
  const { t } = useTranslation();
  const text = useBilingual();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const { counts } = preview;
  const attention = preview.rows.filter((r) => r.status !== 'new');
  const rows = [...attention, ...preview.rows.filter((r) => r.status === 'new')].slice(0, shownRows);
  const blocked = counts.invalid > 0 && !skipInvalid;
  const nothing = counts.new === 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && !blocked && !nothing) onCommit(skipInvalid);
  };

  return (
    <form className="form export-step" aria-labelledby="import-step-preview" noValidate onSubmit={submit}>
      <ImportStepHeading step="preview" />
      <p className="panel__hint" role="status">
        {t('import.preview.counts', { list: countList(t, counts, ['new', 'existing', 'duplicate', 'invalid']) })}
      </p>
      <DataTable
        caption={t('import.preview.caption')}
        summary={preview.rows.length > shownRows ? t('import.preview.shown', { shown: shownRows, total: preview.rows.length }) : undefined}
        columns={[
          { key: 'row', header: t('import.preview.row'), cell: (r) => r.row, className: 'num' },
          { key: 'label', header: t('import.preview.label'), cell: (r) => r.label, rowHeader: true },
          {
            key: 'status',
            header: t('import.preview.status'),
            cell: (r) => (r.status === 'duplicate' && r.sameAsRow ? t('import.status.sameAs', { row: r.sameAsRow }) : t(`import.status.${r.status}`)),
          },
          {
            key: 'issues',
            header: t('import.preview.issues'),
            cell: (r) =>
              r.issues.length === 0 ? null : (
                <ul className="import-issues">
                  {r.issues.map((i, n) => (
                    <li key={n}>{i.column ? `${i.column}: ${text(i.message)}` : text(i.message)}</li>
                  ))}
                </ul>
              ),
          },
        ]}
        rows={rows}
        rowKey={(r) => String(r.row)}
      />
      {counts.invalid > 0 && (
        <Checkbox label={t('import.preview.skipInvalid', { count: counts.invalid })} checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
      )}
      {blocked && <p className="panel__hint">{t('import.preview.blocked')}</p>}
      {nothing && <p className="panel__hint">{t('import.preview.nothing')}</p>}
      {error !== null && error !== undefined && <ErrorAlert error={error} />}
      <FormActions
        saving={busy}
        submitLabel={t('import.preview.commit', { count: counts.new })}
        savingLabel={t('import.preview.committing')}
        cancel={onBack}
        cancelLabel={t('import.back')}
      />
    </form>
  );
}
