import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { DisclosureCheck, refusedAtK } from './DisclosureCheck';
import { FileRowsTable } from './FileRowsTable';
import { useExportFormat, type ExportCoarseningValue } from './format';
import { StepHeading } from './StepIndicator';
import { charCount, MIN_REASON, scopeInput, type BelowKDraft, type ScopeDraft } from './wizard-state';
import { textLimits } from '@contract/limits';

interface PreviewStepProps {
  scope: ScopeDraft;
  coarsening: ExportCoarseningValue;
  belowK: BelowKDraft;
  onBelowK(value: BelowKDraft): void;
  onBack(): void;
  onNext(): void;
}

/**
 * Step 3: what the package will hold, before anything is written. The disclosure control runs
 * by itself; exporting below k is a choice made here, and only with a written reason.
 */
export function PreviewStep({ scope, coarsening, belowK, onBelowK, onBack, onNext }: PreviewStepProps) {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const preview = useApiQuery('export.preview', { scope: scopeInput(scope), coarsening, belowK: belowK.enabled }, { placeholderData: (previous) => previous });
  const [error, setError] = useState<'reason' | 'refused' | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const toggled = useRef(false);

  const data = preview.data;
  const refreshing = preview.isFetching;
  const reasonShort = charCount(belowK.reason.trim()) < MIN_REASON;

  // Ticking "below k" reloads the check; then the reason field is where the user goes on.
  useEffect(() => {
    if (!refreshing && toggled.current) {
      toggled.current = false;
      if (belowK.enabled) reasonRef.current?.focus();
    }
  }, [refreshing, belowK.enabled]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!data) return;
    if (belowK.enabled && reasonShort) {
      setError('reason');
      reasonRef.current?.focus();
      return;
    }
    if (!belowK.enabled && refusedAtK(data.disclosure)) {
      setError('refused');
      document.getElementById('export-below-k')?.focus();
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

          <DisclosureCheck result={data.disclosure} />

          {data.disclosure.rows > 0 && (
            <div className={`field${error === 'refused' && !belowK.enabled ? ' field--invalid' : ''}`}>
              <label className="checkbox">
                <input
                  id="export-below-k"
                  type="checkbox"
                  checked={belowK.enabled}
                  aria-describedby={error === 'refused' && !belowK.enabled ? 'export-below-k-hint export-refused-error' : 'export-below-k-hint'}
                  onChange={(e) => {
                    toggled.current = true;
                    setError(null);
                    onBelowK({ ...belowK, enabled: e.target.checked });
                  }}
                />
                <span>{t('export.preview.belowKOption')}</span>
              </label>
              <p id="export-below-k-hint" className="field__hint">
                {t('export.preview.belowKHint')}
              </p>
              {error === 'refused' && !belowK.enabled && (
                <p id="export-refused-error" className="field__error">
                  {t('export.validation.refused')}
                </p>
              )}
            </div>
          )}

          {belowK.enabled && (
            <FormField
              id="export-below-k-reason"
              label={t('export.preview.reason')}
              hint={t('export.preview.reasonHint')}
              required
              error={error === 'reason' && reasonShort ? 'export.validation.reason' : undefined}
            >
              {(control) => (
                <textarea
                  {...control}
                  ref={reasonRef}
                  rows={3}
                  maxLength={textLimits.belowKReason}
                  value={belowK.reason}
                  onChange={(e) => onBelowK({ ...belowK, reason: e.target.value })}
                />
              )}
            </FormField>
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
