import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '../../../src-main/ipc/contract';
import type { ExportCoarseningValue } from './format';
import { useExportFormat } from './format';

interface DisclosureCheckProps {
  result: DisclosureResult;
  /** The user's own choice, to offer going back to it after a suggestion was applied. */
  chosen: ExportCoarseningValue;
  current: ExportCoarseningValue;
  busy: boolean;
  onApply(coarsening: ExportCoarseningValue): void;
}

type DisclosureResult = ProcedureOutput<'export.preview'>['disclosure'];

const sameCoarsening = (a: ExportCoarseningValue, b: ExportCoarseningValue) => a.period === b.period && a.ageBands === b.ageBands && a.dropUnit === b.dropUnit;

/**
 * The disclosure check in words: how small the smallest group of look-alike participants is,
 * and, when it is below k, the coarser settings that would reach k, each one button away.
 */
export function DisclosureCheck({ result, chosen, current, busy, onApply }: DisclosureCheckProps) {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const { k, current: trial } = result;
  const below = result.rows > 0 && !trial.reachesK;
  const changeLabel = (changes: string[]) => changes.map((c) => t(`export.preview.change.${c}`)).join(t('export.preview.and'));

  return (
    <section className="export-disclosure" aria-labelledby="export-disclosure-title">
      <h3 id="export-disclosure-title" className="export-subtitle" tabIndex={-1}>
        {t('export.preview.disclosure')}
      </h3>
      <p>
        {t('export.preview.settings')}: <strong>{fmt.coarsening(current)}</strong>
      </p>
      <div aria-live="polite">
        {result.rows === 0 ? (
          <p>{t('export.preview.noRows')}</p>
        ) : below ? (
          <div className="alert alert--warning export-alert">
            <p className="alert__title">{t('export.preview.belowKTitle')}</p>
            <p>
              {t('export.preview.belowK', {
                smallest: trial.smallestClass ?? 0,
                k,
                rows: trial.rowsBelowK,
                classes: trial.classesBelowK,
              })}
            </p>
          </div>
        ) : (
          <div className="alert alert--success export-alert">
            <p className="alert__title">{t('export.preview.reachesKTitle')}</p>
            <p>{t('export.preview.reachesK', { smallest: trial.smallestClass ?? 0, k })}</p>
          </div>
        )}
      </div>

      {below && result.alternatives.length > 0 && (
        <div className="export-suggestions">
          <h4 className="export-subtitle--small">{t('export.preview.suggestions')}</h4>
          <ul className="export-suggestion-list">
            {result.alternatives.map((alt) => {
              const recommended = result.suggestion !== null && sameCoarsening(alt.coarsening, result.suggestion);
              return (
                <li key={alt.changes.join('+')} className="export-suggestion">
                  <button type="button" className={`button ${recommended ? 'button--primary' : 'button--secondary'}`} disabled={busy} onClick={() => onApply(alt.coarsening)}>
                    {t('export.preview.apply', { changes: changeLabel(alt.changes) })}
                  </button>
                  <span className="small">
                    {recommended && <strong>{t('export.preview.recommended')} </strong>}
                    {t('export.preview.alternative', { smallest: alt.smallestClass ?? 0 })}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {below && result.alternatives.length === 0 && <p>{t('export.preview.noAlternative')}</p>}

      {!sameCoarsening(chosen, current) && (
        <p>
          <button type="button" className="button button--link" disabled={busy} onClick={() => onApply(chosen)}>
            {t('export.preview.reset')}
          </button>
        </p>
      )}

      <p className="small muted export-suppression">
        {t('export.preview.suppression', {
          min: result.suppression.min,
          max: result.suppression.max,
          primary: result.suppression.primarySuppressed,
          secondary: result.suppression.secondarySuppressed,
        })}
      </p>
    </section>
  );
}
