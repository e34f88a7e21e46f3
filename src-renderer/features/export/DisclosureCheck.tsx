import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '@contract';
import { useExportFormat } from './format';

type DisclosureResult = ProcedureOutput<'export.preview'>['disclosure'];

/** No participant row can be written at k: the run would be refused unless made below k. */
export const refusedAtK = (d: DisclosureResult): boolean => d.enforced && d.rows > 0 && d.rowsWithheld === d.rows;

const sameDetail = (a: DisclosureResult['requested'], b: DisclosureResult['generalisation']) =>
  a.period === b.period && a.childAge === b.childAge && a.unit === b.unit;

/**
 * The disclosure control in words: what an outsider could match on, how far the chosen settings
 * fall short of k, and what Komet did about it (steps up the ladders, values hidden, rows left
 * out), or, for an export below k, how small the smallest group stays.
 */
export function DisclosureCheck({ result }: { result: DisclosureResult }) {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const { k } = result;
  const hidden = result.hidden.childAge + result.hidden.childGender + result.hidden.relation;

  return (
    <section className="export-disclosure" aria-labelledby="export-disclosure-title">
      <h3 id="export-disclosure-title" className="export-subtitle" tabIndex={-1}>
        {t('export.preview.disclosure')}
      </h3>
      <p>{t('export.preview.qi', { k })}</p>
      <div aria-live="polite">
        {result.rows === 0 ? (
          <p>{t('export.preview.noRows')}</p>
        ) : !result.enforced ? (
          <div className="alert alert--warning export-alert">
            <p className="alert__title">{t('export.preview.belowKTitle')}</p>
            <p>
              {t('export.preview.belowK', {
                smallest: fmt.number(result.after.smallestClass ?? 0),
                k,
                rows: fmt.number(result.after.rowsBelowK),
                classes: fmt.number(result.after.classesBelowK),
              })}
            </p>
          </div>
        ) : refusedAtK(result) ? (
          <div className="alert alert--warning export-alert">
            <p className="alert__title">{t('export.preview.refusedTitle', { k })}</p>
            <p>{t('export.preview.refused', { rows: fmt.number(result.rows) })}</p>
          </div>
        ) : (
          <div className="alert alert--success export-alert">
            <p className="alert__title">{t('export.preview.protectedTitle', { k })}</p>
            <p>
              {result.before.reachesK
                ? t('export.preview.beforeFine')
                : t('export.preview.beforeBelow', {
                    rows: fmt.number(result.before.rowsBelowK),
                    total: fmt.number(result.rows),
                    smallest: fmt.number(result.before.smallestClass ?? 0),
                  })}
            </p>
            <p>
              {!sameDetail(result.requested, result.generalisation)
                ? t('export.preview.generalised', { detail: fmt.generalisation(result.generalisation) })
                : result.before.reachesK
                  ? t('export.preview.notGeneralised', { detail: fmt.generalisation(result.generalisation) })
                  : // Rows fell short, yet the detail was kept: say what protected them rather than "nothing was needed".
                    t(`export.preview.keptDetail_${hidden > 0 && result.rowsWithheld > 0 ? 'both' : hidden > 0 ? 'hidden' : 'withheld'}`, {
                      detail: fmt.generalisation(result.generalisation),
                    })}
            </p>
            <p>
              {hidden === 0
                ? t('export.preview.noneHidden')
                : t('export.preview.hidden', {
                    hidden: fmt.number(hidden),
                    age: fmt.number(result.hidden.childAge),
                    gender: fmt.number(result.hidden.childGender),
                    relation: fmt.number(result.hidden.relation),
                    rows: fmt.number(result.rowsWithHiddenValues),
                  })}
            </p>
            {result.rowsWithheld > 0 && <p>{t('export.preview.withheld', { withheld: fmt.number(result.rowsWithheld) })}</p>}
            <p>{t('export.preview.reached', { reached: fmt.number(result.reached ?? 0) })}</p>
          </div>
        )}
      </div>

      <p className="small muted export-suppression">
        {t('export.preview.suppression', {
          min: result.suppression.min,
          max: result.suppression.max,
          primary: fmt.number(result.suppression.primarySuppressed),
          secondary: fmt.number(result.suppression.secondarySuppressed),
          published: fmt.number(result.suppression.publishedAsInRows),
        })}
      </p>
    </section>
  );
}
