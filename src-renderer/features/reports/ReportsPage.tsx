import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { InputField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { namedChoices, SelectField } from '../../components/SelectField';
import { periodDates, type PeriodKind } from './reportPeriod';
import { ReportSectionsView } from './ReportSectionsView';

const thisYear = new Date().getFullYear();
const years = Array.from({ length: 10 }, (_, i) => String(thisYear - i));

/** The activity report on screen, for a period and a scope, and as a PDF to download. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<PeriodKind>('year');
  const [year, setYear] = useState(thisYear);
  const [custom, setCustom] = useState({ from: `${thisYear}-01-01`, to: `${thisYear}-12-31` });
  const [unitId, setUnitId] = useState('');
  const [programmeId, setProgrammeId] = useState('');
  const [pdfError, setPdfError] = useState<unknown>(null);
  const [making, setMaking] = useState(false);
  const units = useApiQuery('units.list', { includeArchived: true });
  const programmes = useApiQuery('programmes.list', { includeArchived: true });
  const input = { ...periodDates(kind, year, custom), unitIds: unitId ? [unitId] : [], programmeIds: programmeId ? [programmeId] : [] };
  const report = useApiQuery('reports.activity', input);

  const downloadPdf = async () => {
    setMaking(true);
    setPdfError(null);
    try {
      const pdf = await call('reports.activityPdf', { ...input, lang: i18n.language === 'en' ? 'en' : 'sv' });
      const bytes = Uint8Array.from(atob(pdf.base64), (ch) => ch.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = pdf.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (err) {
      setPdfError(err);
    } finally {
      setMaking(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        subtitle={t('reports.subtitle')}
        actions={
          <button type="button" className="button button--primary" onClick={() => void downloadPdf()} disabled={making || !report.data}>
            {making ? t('reports.makingPdf') : t('reports.downloadPdf')}
          </button>
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
        <SelectField
          id="report-unit"
          label={t('reports.unit')}
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
          placeholder={t('reports.allUnits')}
          options={namedChoices(units.data ?? [])}
        />
        <SelectField
          id="report-programme"
          label={t('reports.programme')}
          value={programmeId}
          onChange={(e) => setProgrammeId(e.target.value)}
          placeholder={t('reports.allProgrammes')}
          options={namedChoices(programmes.data ?? [])}
        />
      </FilterBar>
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
    </>
  );
}
