import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DisclosureCheck } from './DisclosureCheck';
import { useExportFormat, type ExportCoarseningValue } from './format';
import { StepHeading } from './StepIndicator';
import { coarseningFor, scopeInput, type ScopeDraft } from './wizard-state';
import { FileRowsTable } from './FileRowsTable';

interface PreviewStepProps {
  scope: ScopeDraft;
  coarsening: ExportCoarseningValue;
  onCoarsening(value: ExportCoarseningValue): void;
  onBack(): void;
  onNext(): void;
}

/** Step 3: what the package will hold, before anything is written. */
export function PreviewStep({ scope, coarsening, onCoarsening, onBack, onNext }: PreviewStepProps) {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const preview = useApiQuery('export.preview', { scope: scopeInput(scope), coarsening }, { placeholderData: (previous) => previous });
  const [acknowledged, setAcknowledged] = useState(false);
  const [ackError, setAckError] = useState(false);
  const ackRef = useRef<HTMLInputElement>(null);
  const applied = useRef(false);

  const data = preview.data;
  const below = Boolean(data && data.disclosure.rows > 0 && !data.disclosure.current.reachesK);
  const refreshing = preview.isFetching;

  // After a suggestion is applied the clicked button is gone: continue at the check's heading.
  useEffect(() => {
    if (!refreshing && applied.current) {
      applied.current = false;
      document.getElementById('export-disclosure-title')?.focus();
    }
  }, [refreshing]);

  const apply = (next: ExportCoarseningValue) => {
    applied.current = true;
    setAcknowledged(false);
    onCoarsening(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!data) return;
    if (below && !acknowledged) {
      setAckError(true);
      ackRef.current?.focus();
      return;
    }
    onNext();
  };

  return (
    <form className="form export-step" aria-labelledby="export-step-preview" noValidate onSubmit={submit} aria-busy={refreshing}>
      <StepHeading step="preview" id="export-step-preview" />
      <p className="panel__hint">{t('export.preview.intro')}</p>

      {preview.isPending && <Loading />}
      {refreshing && !preview.isPending && (
        <p className="muted" role="status">
          {t('export.preview.refreshing')}
        </p>
      )}
      <ErrorAlert error={preview.error} />

      {data && (
        <>
          <dl className="details export-summary">
            <div className="details__row">
              <dt>{t('export.preview.groups')}</dt>
              <dd>{fmt.number(data.groups)}</dd>
            </div>
            <div className="details__row">
              <dt>{t('export.preview.participants')}</dt>
              <dd>
                {t('export.preview.participantsValue', {
                  total: fmt.number(data.participants.total),
                  rowLevel: fmt.number(data.participants.rowLevel),
                  aggregatesOnly: fmt.number(data.participants.aggregatesOnly),
                })}
              </dd>
            </div>
          </dl>

          <FileRowsTable caption={t('export.preview.tables')} files={data.tables} />

          <DisclosureCheck result={data.disclosure} chosen={coarseningFor(scope)} current={coarsening} busy={refreshing} onApply={apply} />

          {below && (
            <div className={`field${ackError && !acknowledged ? ' field--invalid' : ''}`}>
              <label className="checkbox">
                <input
                  ref={ackRef}
                  type="checkbox"
                  checked={acknowledged}
                  aria-invalid={ackError && !acknowledged ? true : undefined}
                  aria-describedby={ackError && !acknowledged ? 'export-ack-error' : undefined}
                  onChange={(e) => setAcknowledged(e.target.checked)}
                />
                <span>{t('export.preview.acknowledge')}</span>
              </label>
              {ackError && !acknowledged && (
                <p id="export-ack-error" className="field__error">
                  {t('export.validation.acknowledge')}
                </p>
              )}
            </div>
          )}
        </>
      )}

      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('export.back')}
        </button>
        <button type="submit" className="button button--primary" disabled={!data || refreshing}>
          {t('export.next')}
        </button>
      </div>
    </form>
  );
}
