import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeResults } from '@contract';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { FilterBar } from '../../components/FilterBar';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { namedChoices, SelectField } from '../../components/SelectField';
import { useScoreFormat, useTimepointLabel } from './labels';

/** Without an instrument chosen, main answers for the library's first and names it. */
const resultsInput = (instrument: string, programmeId: string) => ({
  ...(instrument ? { instrument } : {}),
  ...(programmeId ? { programmeId } : {}),
});

/** What the panel reads as it opens: the programmes' input, and the first instrument's results' (asked beside the library). */
export const openingResultsInputs = { programmes: {}, results: resultsInput('', '') } as const;

/** Per scale and time point: how many answered, their mean, and the mean change from before; small counts hidden. */
export function ResultsPanel() {
  const { t } = useTranslation();
  const instruments = useApiQuery('instruments.list', {});
  const programmes = useApiQuery('programmes.list', openingResultsInputs.programmes);
  const codes = [...new Set((instruments.data ?? []).map((i) => i.code))];
  const [chosen, setChosen] = useState('');
  const [programmeId, setProgrammeId] = useState('');
  // Until one is chosen, the results (asked beside the library, not after it) name the library's first.
  const results = useApiQuery('outcomes.results', resultsInput(chosen, programmeId));
  const instrument = chosen || (results.data?.instrument ?? instruments.data?.[0]?.code ?? '');
  const min = results.data?.minRespondents ?? 5;

  return (
    <Panel id="outcomes-results" title={t('outcomes.results.title')} hint={t('outcomes.results.hint', { min })}>
      <FilterBar label={t('outcomes.results.filters')}>
        <SelectField
          id="results-instrument"
          label={t('outcomes.results.instrument')}
          options={codes.map((c) => ({ value: c, label: c }))}
          value={instrument}
          onChange={(e) => setChosen(e.target.value)}
        />
        <SelectField
          id="results-programme"
          label={t('outcomes.results.programme')}
          placeholder={t('outcomes.results.allProgrammes')}
          options={namedChoices(programmes.data ?? [])}
          value={programmeId}
          onChange={(e) => setProgrammeId(e.target.value)}
        />
      </FilterBar>
      <QueryState query={results}>{(data) => data.instrument !== '' && <ResultTables data={data} />}</QueryState>
    </Panel>
  );
}

function ResultTables({ data }: { data: OutcomeResults }) {
  const { t } = useTranslation();
  const timepointLabel = useTimepointLabel();
  const score = useScoreFormat();
  if (data.levels.length === 0) return <p className="empty-state">{t('outcomes.results.none')}</p>;
  const hidden = t('outcomes.results.hidden', { min: data.minRespondents });
  const shown = (value: number | null, suppressed: boolean) => (suppressed ? hidden : value === null ? '–' : score(value));
  const interval = (low: number | null, high: number | null, suppressed: boolean) =>
    suppressed ? hidden : low === null || high === null ? '–' : t('outcomes.results.ciRange', { low: score(low), high: score(high) });
  const percent = (rate: number | null, suppressed: boolean) => (suppressed || rate === null ? hidden : `${score(rate * 100)} %`);
  return (
    <>
      {data.responseRates.length > 0 && (
        <DataTable
          caption={t('outcomes.results.ratesCaption')}
          captionClassName="results-caption"
          rows={data.responseRates}
          rowKey={(r) => r.timepoint}
          columns={[
            { key: 'timepoint', header: t('outcomes.results.timepoint'), rowHeader: true, cell: (r) => timepointLabel(r.timepoint) },
            { key: 'due', header: t('outcomes.results.due'), className: 'num', cell: (r) => r.due },
            { key: 'returned', header: t('outcomes.results.returned'), className: 'num', cell: (r) => r.returned },
            { key: 'rate', header: t('outcomes.results.rate'), className: 'num', cell: (r) => percent(r.rate, r.suppressed) },
          ]}
        />
      )}
      <DataTable
        caption={t('outcomes.results.levelsCaption')}
        captionClassName="results-caption"
        rows={data.levels}
        rowKey={(r) => `${r.scale}|${r.timepoint}`}
        columns={[
          { key: 'scale', header: t('outcomes.results.scale'), rowHeader: true, cell: (r) => `${r.scale}, ${timepointLabel(r.timepoint)}` },
          { key: 'n', header: t('outcomes.results.n'), className: 'num', cell: (r) => r.n },
          { key: 'mean', header: t('outcomes.results.mean'), className: 'num', cell: (r) => shown(r.mean, r.suppressed) },
          { key: 'sd', header: t('outcomes.results.sd'), className: 'num', cell: (r) => shown(r.sd, r.suppressed) },
          { key: 'ci', header: t('outcomes.results.ci'), className: 'num', cell: (r) => interval(r.ciLow, r.ciHigh, r.suppressed) },
        ]}
      />
      {data.changes.length > 0 && (
        <>
          <DataTable
            caption={t('outcomes.results.changesCaption')}
            captionClassName="results-caption"
            rows={data.changes}
            rowKey={(r) => `${r.scale}|${r.timepoint}`}
            columns={[
              {
                key: 'scale',
                header: t('outcomes.results.scale'),
                rowHeader: true,
                cell: (r) => `${r.scale}, ${timepointLabel('pre')} → ${timepointLabel(r.timepoint)}`,
              },
              { key: 'n', header: t('outcomes.results.n'), className: 'num', cell: (r) => r.n },
              { key: 'change', header: t('outcomes.results.change'), className: 'num', cell: (r) => shown(r.meanChange, r.suppressed) },
              { key: 'sd', header: t('outcomes.results.sd'), className: 'num', cell: (r) => shown(r.sd, r.suppressed) },
              { key: 'ci', header: t('outcomes.results.ci'), className: 'num', cell: (r) => interval(r.ciLow, r.ciHigh, r.suppressed) },
              { key: 'dz', header: t('outcomes.results.dz'), className: 'num', cell: (r) => shown(r.dz, r.suppressed) },
              { key: 'dav', header: t('outcomes.results.dav'), className: 'num', cell: (r) => shown(r.dav, r.suppressed) },
            ]}
          />
          <p className="muted">{t('outcomes.results.effectHint')}</p>
        </>
      )}
    </>
  );
}
