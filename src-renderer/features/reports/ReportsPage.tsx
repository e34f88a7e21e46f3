import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedReport } from '@contract';
import { call } from '../../api/client';
import { prefetchTogether, queryPart, useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { InputField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/SelectField';
import { downloadBase64 } from './downloadBase64';
import { periodDates, type PeriodKind } from './reportPeriod';
import { ReportSectionsView } from './ReportSectionsView';
import { SavedReportEditor } from './SavedReportEditor';
import { SavedReportsPanel, savedReportsInput } from './SavedReportsPanel';
import { SaveReportDialog } from './SaveReportDialog';
import { ScopePicker } from './ScopePicker';

const thisYear = new Date().getFullYear();
const years = Array.from({ length: 10 }, (_, i) => String(thisYear - i));
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

const registerInput = { includeArchived: true } as const;
const openingCustom = { from: `${thisYear}-01-01`, to: `${thisYear}-12-31` };
const reportInput = (kind: PeriodKind, year: number, custom: { from: string; to: string }, unitIds: string[], programmeIds: string[]) => ({
  ...periodDates(kind, year, custom),
  unitIds,
  programmeIds,
});

/**
 * What the page reads as it opens, in one call: the saved reports, the scope's choices, and this
 * year's report for everything. One answer draws the screen once, with all of it; its charts are
 * drawn once in view, after that frame.
 */
export function prefetchReports(): void {
  const activity = reportInput('year', thisYear, openingCustom, [], []);
  prefetchTogether('reports.screen', { units: registerInput, programmes: registerInput, activity }, [
    queryPart('savedReports.list', savedReportsInput, (screen) => screen.savedReports),
    queryPart('units.list', registerInput, (screen) => screen.units),
    queryPart('programmes.list', registerInput, (screen) => screen.programmes),
    queryPart('reports.activity', activity, (screen) => screen.activity),
  ]);
}

/** The activity report on screen, for a period and a scope, as a PDF and its tables as XLSX to download, and saved with its budget and texts. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<PeriodKind>('year');
  const [year, setYear] = useState(thisYear);
  const [custom, setCustom] = useState(openingCustom);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [programmeIds, setProgrammeIds] = useState<string[]>([]);
  const [openReport, setOpenReport] = useState<SavedReport | null>(null);
  const [dialog, setDialog] = useState<{ mode: 'new' | 'rename'; report?: SavedReport } | null>(null);
  const [pdfError, setPdfError] = useState<unknown>(null);
  const [making, setMaking] = useState<'pdf' | 'xlsx' | null>(null);
  const units = useApiQuery('units.list', registerInput);
  const programmes = useApiQuery('programmes.list', registerInput);
  const input = reportInput(kind, year, custom, unitIds, programmeIds);
  const report = useApiQuery('reports.activity', input);
  const unsaved =
    openReport !== null &&
    (openReport.from !== input.from ||
      openReport.to !== input.to ||
      !sameList(openReport.unitIds, unitIds) ||
      !sameList(openReport.programmeIds, programmeIds));

  const open = (r: SavedReport) => {
    setOpenReport(r);
    setKind('custom');
    setCustom({ from: r.from, to: r.to });
    setUnitIds(r.unitIds);
    setProgrammeIds(r.programmeIds);
  };

  const download = async (format: 'pdf' | 'xlsx') => {
    setMaking(format);
    setPdfError(null);
    const saved = openReport && !unsaved ? { id: openReport.id } : null;
    try {
      if (format === 'pdf') {
        const pdf = saved ? await call('savedReports.pdf', saved) : await call('reports.activityPdf', { ...input, lang: i18n.language === 'en' ? 'en' : 'sv' });
        downloadBase64(pdf, 'application/pdf');
      } else {
        const book = saved ? await call('savedReports.xlsx', saved) : await call('reports.activityXlsx', input);
        downloadBase64(book, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      }
    } catch (err) {
      setPdfError(err);
    } finally {
      setMaking(null);
    }
  };

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        subtitle={openReport ? t('reports.saved.openSubtitle', { title: openReport.title }) : t('reports.subtitle')}
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={() => setDialog({ mode: 'new' })}>
              {t('reports.saved.saveAs')}
            </button>
            {openReport && (
              <button type="button" className="button button--secondary" onClick={() => setOpenReport(null)}>
                {t('reports.saved.close')}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={() => void download('xlsx')} disabled={making !== null || !report.data}>
              {making === 'xlsx' ? t('reports.makingXlsx') : t('reports.downloadXlsx')}
            </button>
            <button type="button" className="button button--primary" onClick={() => void download('pdf')} disabled={making !== null || !report.data}>
              {making === 'pdf' ? t('reports.makingPdf') : t('reports.downloadPdf')}
            </button>
          </>
        }
      />
      {pdfError !== null && <ErrorAlert error={pdfError} />}
      <FilterBar label={t('reports.choose')}>
        <SelectField
          id="report-kind"
          label={t('reports.periodKind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as PeriodKind)}
          options={(['year', 'spring', 'autumn', 'custom'] as const).map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
        />
        {kind === 'custom' ? (
          <>
            <InputField
              id="report-from"
              label={t('reports.from')}
              type="date"
              value={custom.from}
              onChange={(e) => setCustom({ ...custom, from: e.target.value })}
            />
            <InputField id="report-to" label={t('reports.to')} type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
          </>
        ) : (
          <SelectField
            id="report-year"
            label={t('reports.year')}
            value={String(year)}
            onChange={(e) => setYear(Number(e.target.value))}
            options={years.map((y) => ({ value: y, label: y }))}
          />
        )}
        <ScopePicker
          id="report-units"
          legend={t('reports.units')}
          allLabel={t('reports.allUnits')}
          options={units.data ?? []}
          value={unitIds}
          onChange={setUnitIds}
        />
        <ScopePicker
          id="report-programmes"
          legend={t('reports.programmes')}
          allLabel={t('reports.allProgrammes')}
          options={programmes.data ?? []}
          value={programmeIds}
          onChange={setProgrammeIds}
        />
      </FilterBar>
      <SavedReportsPanel
        openId={openReport?.id ?? null}
        onOpen={open}
        onRename={(r) => setDialog({ mode: 'rename', report: r })}
        onDeleted={(id) => {
          if (openReport?.id === id) setOpenReport(null);
        }}
      />
      {openReport && (
        <>
          {unsaved && <p className="alert alert--warning">{t('reports.saved.unsavedScope')}</p>}
          <SavedReportEditor key={openReport.id} report={openReport} settings={input} onSaved={setOpenReport} />
        </>
      )}
      <QueryState query={report}>
        {(r) => (
          <>
            <p>
              {t('reports.periodLine', {
                from: r.current.period.from,
                to: r.current.period.to,
                prevFrom: r.previous.period.from,
                prevTo: r.previous.period.to,
              })}
            </p>
            <ReportSectionsView report={r} />
          </>
        )}
      </QueryState>
      <SaveReportDialog
        mode={dialog?.mode ?? null}
        report={dialog?.report}
        settings={input}
        onSaved={(saved) => {
          setDialog(null);
          if (dialog?.mode === 'new') open(saved);
          else if (openReport?.id === saved.id) setOpenReport(saved);
        }}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
