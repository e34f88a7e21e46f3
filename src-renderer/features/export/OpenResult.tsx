import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '@contract';
import { useExportFormat } from './format';
import { Markdown } from './Markdown';
import { FileRowsTable } from './FileRowsTable';

type Opened = ProcedureOutput<'export.open'>;

/** What an opened package says about itself, checked against its checksums, and its codebook. */
export function OpenResult({ result }: { result: Opened }) {
  const { t } = useTranslation();
  const fmt = useExportFormat();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [result]);
  const { disclosure } = result;

  return (
    <section className="panel" aria-labelledby="export-opened-title">
      <h2 id="export-opened-title" ref={ref} className="panel__title" tabIndex={-1}>
        {t('export.opened.title')}
      </h2>
      <div className="alert alert--success export-alert" role="status">
        <p className="alert__title">{t('export.opened.verified')}</p>
        <p>
          {t('export.opened.extractedTo')} <span className="mono export-break">{result.outDir}</span>
        </p>
      </div>
      <dl className="details">
        <div className="details__row">
          <dt>{t('export.opened.created')}</dt>
          <dd>{fmt.dateTime(result.created)}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.run.period')}</dt>
          <dd>{fmt.period(result.scope.from, result.scope.to)}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.scope.programmes')}</dt>
          <dd>{fmt.list(result.scope.programmeCodes, 'export.format.allProgrammes')}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.scope.units')}</dt>
          <dd>{fmt.list(result.scope.unitNames, 'export.format.allUnits')}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.preview.settings')}</dt>
          <dd>{fmt.coarsening(result.coarsening)}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.preview.disclosure')}</dt>
          <dd>
            {disclosure.reachesK
              ? t('export.opened.reachesK', { smallest: disclosure.smallestClass ?? 0, k: disclosure.k })
              : t('export.opened.belowK', { smallest: disclosure.smallestClass ?? 0, k: disclosure.k })}{' '}
            {t('export.opened.suppressed', { primary: disclosure.primarySuppressed, secondary: disclosure.secondarySuppressed })}
            {disclosure.belowKReason !== null ? (
              <div className="export-break">{t('export.opened.belowKReason', { reason: disclosure.belowKReason })}</div>
            ) : disclosure.hiddenValues !== null && disclosure.rowsWithheld !== null ? (
              <div>{t('export.opened.hidden', { hidden: fmt.number(disclosure.hiddenValues), withheld: fmt.number(disclosure.rowsWithheld) })}</div>
            ) : (
              <div>{t('export.opened.beforeEnforced')}</div>
            )}
          </dd>
        </div>
        {disclosure.generalisation && (
          <div className="details__row">
            <dt>{t('export.opened.generalisation')}</dt>
            <dd>{fmt.generalisation(disclosure.generalisation)}</dd>
          </div>
        )}
        <div className="details__row">
          <dt>{t('export.run.exportId')}</dt>
          <dd className="mono">{result.exportId}</dd>
        </div>
        <div className="details__row">
          <dt>{t('export.opened.appVersion')}</dt>
          <dd>{result.appVersion}</dd>
        </div>
      </dl>

      <FileRowsTable caption={t('export.opened.files')} files={result.files.map((f) => ({ file: f.name, rows: f.rows, bytes: f.bytes }))} />

      <h3 className="export-subtitle">{t('export.opened.codebook')}</h3>
      <Markdown text={result.codebook} baseLevel={4} label={t('export.opened.codebook')} />
    </section>
  );
}
