import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useExportFormat, type ExportCoarseningValue } from './format';
import { StepHeading } from './StepIndicator';
import { scopeInput, type BelowKDraft, type EncryptionDraft, type ScopeDraft } from './wizard-state';
import { FileRowsTable } from './FileRowsTable';
import { PathField } from './PathField';

interface RunStepProps {
  scope: ScopeDraft;
  coarsening: ExportCoarseningValue;
  belowK: BelowKDraft;
  encryption: EncryptionDraft;
  onBack(): void;
  onRestart(): void;
}

/** Step 4: write the encrypted file, then show exactly what was written and for whom. */
export function RunStep({ scope, coarsening, belowK, encryption, onBack, onRestart }: RunStepProps) {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const info = useApiQuery('app.info', {});
  const programmes = useApiQuery('programmes.list', { includeArchived: true });
  const units = useApiQuery('units.list', { includeArchived: true });
  const recipients = useApiQuery('recipients.list', {});
  const run = useApiMutation('export.run');
  const [outPath, setOutPath] = useState('');
  // On by default: most readers of the package open it in Swedish Excel.
  const [excelCopies, setExcelCopies] = useState(true);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (run.data) resultRef.current?.focus();
  }, [run.data]);

  const programmeNames = scope.programmeIds.map((id) => programmes.data?.find((p) => p.id === id)?.code ?? '…');
  const unitNames = scope.unitIds.map((id) => units.data?.find((u) => u.id === id)?.name ?? '…');
  const recipientNames =
    encryption.mode === 'recipients'
      ? encryption.recipientIds.map((id) => recipients.data?.find((r) => r.id === id)?.name ?? '…').join(', ')
      : t('export.run.passphrase');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (run.isPending) return;
    run.mutate({
      scope: scopeInput(scope),
      coarsening,
      ...(encryption.mode === 'recipients' ? { recipientIds: encryption.recipientIds } : { passphrase: encryption.passphrase }),
      ...(outPath.trim() ? { outPath: outPath.trim() } : {}),
      ...(belowK.enabled ? { belowKReason: belowK.reason.trim() } : {}),
      excelCopies,
    });
  };

  if (run.data) {
    const result = run.data;
    return (
      <section className="panel export-step export-result" aria-labelledby="export-result-title">
        <h2 id="export-result-title" ref={resultRef} className="panel__title" tabIndex={-1}>
          {t('export.run.doneTitle')}
        </h2>
        <div className="alert alert--success export-alert" role="status">
          <p className="alert__title">{t('export.run.done')}</p>
        </div>
        <dl className="details">
          <div className="details__row">
            <dt>{t('export.run.file')}</dt>
            <dd className="mono export-break">{result.file}</dd>
          </div>
          <div className="details__row">
            <dt>{t('export.run.size')}</dt>
            <dd>{fmt.bytes(result.bytes)}</dd>
          </div>
          <div className="details__row">
            <dt>{t('export.run.encryptedFor')}</dt>
            <dd>
              {result.passphrase ? (
                t('export.run.passphrase')
              ) : (
                <ul className="export-plain-list">
                  {result.fingerprints.map((f) => (
                    <li key={f} className="mono">
                      {f}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div className="details__row">
            <dt>{t('export.run.exportId')}</dt>
            <dd className="mono">{result.exportId}</dd>
          </div>
          <div className="details__row">
            <dt>{t('export.run.protection')}</dt>
            <dd>
              {result.belowKReason !== null
                ? t('export.run.belowK', { k: result.disclosure.k, reason: result.belowKReason })
                : t('export.run.protected', {
                    k: result.disclosure.k,
                    reached: fmt.number(result.disclosure.reached ?? 0),
                    hidden: fmt.number(result.disclosure.hidden.childAge + result.disclosure.hidden.childGender + result.disclosure.hidden.relation),
                    withheld: fmt.number(result.disclosure.rowsWithheld),
                  })}
              <div className="small muted">{fmt.generalisation(result.disclosure.generalisation)}</div>
            </dd>
          </div>
        </dl>
        <FileRowsTable caption={t('export.run.rowCounts')} files={result.rowCounts} />
        <p className="panel__hint">{result.passphrase ? t('export.run.sendPassphrase') : t('export.run.sendFile')}</p>
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={onRestart}>
            {t('export.run.again')}
          </button>
          <Link to="/export/log" className="button button--secondary">
            {t('export.log.title')}
          </Link>
        </div>
      </section>
    );
  }

  return (
    <form className="form export-step" aria-labelledby="export-step-run" noValidate onSubmit={submit} aria-busy={run.isPending}>
      <StepHeading step="run" id="export-step-run" />
      <p className="panel__hint">{t('export.run.intro')}</p>
      <dl className="details export-summary">
        <div className="details__row">
          <dt>{t('export.run.period')}</dt>
          <dd>{fmt.period(scope.from || null, scope.to || null)}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.scope.programmes')}</dt>
          <dd>{fmt.list(programmeNames, 'export.format.allProgrammes')}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.scope.units')}</dt>
          <dd>{fmt.list(unitNames, 'export.format.allUnits')}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.preview.settings')}</dt>
          <dd>{fmt.coarsening(coarsening)}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.run.encryptedFor')}</dt>
          <dd>{recipientNames}</dd>
        </div>
        {belowK.enabled && (
          <div className="details__row">
            <dt>{t('export.run.protection')}</dt>
            <dd className="export-break">{t('export.run.belowKPlanned', { reason: belowK.reason.trim() })}</dd>
          </div>
        )}
      </dl>

      <PathField
        id="export-out"
        label={t('export.run.outPath')}
        hint={info.data?.shell === 'browser' ? t('export.run.outPathHintBrowser', { folder: `${info.data.dataDir}/exports` }) : t('export.run.outPathHint')}
        purpose="exportFile"
        value={outPath}
        onChange={setOutPath}
        disabled={run.isPending}
      />
      <Checkbox label={t('export.run.excelCopies')} checked={excelCopies} onChange={(e) => setExcelCopies(e.target.checked)} disabled={run.isPending} />

      {/* Mounted before the run starts so screen readers hear the progress message. */}
      <div role="status">
        {run.isPending && (
          <p className="export-progress">
            <span className="export-progress__spinner" aria-hidden="true" />
            {t('export.run.working')}
          </p>
        )}
      </div>
      <ErrorAlert error={run.error} />

      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onBack} disabled={run.isPending}>
          {t('export.back')}
        </button>
        <button type="submit" className="button button--primary" disabled={run.isPending}>
          {run.isPending ? t('export.run.workingShort') : t('export.run.submit')}
        </button>
      </div>
    </form>
  );
}
