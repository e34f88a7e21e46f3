import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { ActivityReport, ParentCells, ReportCell } from '@contract';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { useFormat } from '../../lib/format';
import { ChartFigure } from '../charts/ParticipationCharts';

const barColour = '#1a4d8f';

function useCells() {
  const { i18n } = useTranslation();
  const fmt = useFormat();
  const locale = i18n.language === 'en' ? 'en-GB' : 'sv-SE';
  return {
    count: (c: ReportCell) => (c.value === null ? '–' : fmt.number(c.value)),
    rate: (c: ReportCell | number | null) => {
      const v = typeof c === 'number' || c === null ? c : c.value;
      return v === null ? '–' : `${(v * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
    },
  };
}

function Bars({ rows }: { rows: { label: string; value: number | null }[] }) {
  return (
    <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={{ fill: '#1b2631', fontSize: 12 }} />
      <YAxis allowDecimals={false} tick={{ fill: '#1b2631', fontSize: 12 }} width={32} />
      <Bar dataKey="value" fill={barColour} isAnimationActive={false} />
    </BarChart>
  );
}

type ParentRowView = ParentCells & { key: string; label: string };

function ParentTable({ caption, first, rows }: { caption: string; first: string; rows: ParentRowView[] }) {
  const { t } = useTranslation();
  const c = useCells();
  return (
    <DataTable
      caption={caption}
      captionClassName=""
      wrap={false}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { key: 'label', header: first, rowHeader: true, cell: (r) => r.label },
        { key: 'enrolled', header: t('reports.enrolled'), className: 'num', cell: (r) => c.count(r.enrolled) },
        { key: 'started', header: t('reports.started'), className: 'num', cell: (r) => c.count(r.started) },
        { key: 'completed', header: t('reports.completed'), className: 'num', cell: (r) => c.count(r.completed) },
        { key: 'notCompleted', header: t('reports.notCompleted'), className: 'num', cell: (r) => c.count(r.notCompleted) },
        { key: 'droppedOut', header: t('reports.droppedOut'), className: 'num', cell: (r) => c.count(r.droppedOut) },
        { key: 'ongoing', header: t('reports.ongoing'), className: 'num', cell: (r) => c.count(r.ongoing) },
        { key: 'families', header: t('reports.families'), className: 'num', cell: (r) => c.count(r.families) },
        { key: 'attendance', header: t('reports.attendance'), className: 'num', cell: (r) => c.rate(r.attendanceRate) },
      ]}
    />
  );
}

/** The report's sections: each chart with the same figures as a table, hidden figures as a dash. */
export function ReportSectionsView({ report }: { report: ActivityReport }) {
  const { t } = useTranslation();
  const c = useCells();
  const fmt = useFormat();
  const cur = report.current;
  const total = t('reports.total');
  const parentsByUnit: ParentRowView[] = [...cur.parents.byUnit, { key: '*', label: total, ...cur.parents.total }];
  const groupRows = [...cur.groups.byUnit, { key: '*', label: total, ...cur.groups.total }];
  const leaderRows = (
    [
      'inCourse',
      'supervisedFirstGroup',
      'certified',
      'active',
      'supervisionSessions',
      'supervisionAttendances',
      'heldSessions',
      'sessionsWithFidelity',
    ] as const
  ).map((key) => ({ key, label: t(`reports.leader.${key}`), current: report.current.leaders[key], previous: report.previous.leaders[key] }));
  const outcomes = cur.outcomes;
  return (
    <>
      <p className="muted">{t('reports.hiddenNote', { max: report.smallCellMax })}</p>
      <Panel id="report-summary" title={t('reports.summary')}>
        <DataTable
          caption={t('reports.summary')}
          rows={report.headlines}
          rowKey={(h) => h.key}
          columns={[
            { key: 'figure', header: t('reports.figure'), rowHeader: true, cell: (h) => t(`reports.headline.${h.key}`) },
            { key: 'current', header: t('reports.current'), className: 'num', cell: (h) => c.count(h.current) },
            { key: 'previous', header: t('reports.previous'), className: 'num', cell: (h) => c.count(h.previous) },
            {
              key: 'change',
              header: t('reports.change'),
              className: 'num',
              cell: (h) => (h.change === null ? '–' : h.change > 0 ? `+${fmt.number(h.change)}` : fmt.number(h.change)),
            },
          ]}
        />
      </Panel>
      <Panel id="report-groups" title={t('reports.groupsByUnit')}>
        <ChartFigure
          title={t('reports.groupsStartedChart')}
          description={t('reports.chartDescription', { count: cur.groups.byUnit.length })}
          table={
            <DataTable
              caption={t('reports.groupsByUnit')}
              captionClassName=""
              wrap={false}
              rows={groupRows}
              rowKey={(g) => g.key}
              columns={[
                { key: 'label', header: t('reports.unit'), rowHeader: true, cell: (g) => g.label },
                { key: 'started', header: t('reports.groupsStarted'), className: 'num', cell: (g) => fmt.number(g.started) },
                { key: 'completed', header: t('reports.groupsCompleted'), className: 'num', cell: (g) => fmt.number(g.completed) },
                { key: 'running', header: t('reports.groupsRunning'), className: 'num', cell: (g) => fmt.number(g.running) },
                { key: 'cancelled', header: t('reports.groupsCancelled'), className: 'num', cell: (g) => fmt.number(g.cancelled) },
              ]}
            />
          }
        >
          <Bars rows={cur.groups.byUnit.map((g) => ({ label: g.label, value: g.started }))} />
        </ChartFigure>
      </Panel>
      <Panel id="report-parents" title={t('reports.parents')}>
        <ChartFigure
          title={t('reports.completedChart')}
          description={t('reports.chartDescription', { count: cur.parents.byUnit.length })}
          table={<ParentTable caption={t('reports.parentsByUnit')} first={t('reports.unit')} rows={parentsByUnit} />}
        >
          <Bars rows={cur.parents.byUnit.map((p) => ({ label: p.label, value: p.completed.value }))} />
        </ChartFigure>
        <ParentTable
          caption={t('reports.parentsByProgramme')}
          first={t('reports.programme')}
          rows={[...cur.parents.byProgramme, { key: '*', label: total, ...cur.parents.total }]}
        />
        <DataTable
          caption={t('reports.dropouts')}
          captionClassName=""
          rows={cur.parents.dropoutBySession}
          rowKey={(d) => d.session}
          empty={<p>{t('reports.noDropouts')}</p>}
          columns={[
            { key: 'session', header: t('reports.lastSession'), rowHeader: true, cell: (d) => d.session },
            { key: 'count', header: t('reports.count'), className: 'num', cell: (d) => c.count(d.count) },
          ]}
        />
      </Panel>
      <Panel id="report-leaders" title={t('reports.leaders')}>
        <DataTable
          caption={t('reports.leaders')}
          rows={leaderRows}
          rowKey={(r) => r.key}
          columns={[
            { key: 'label', header: t('reports.figure'), rowHeader: true, cell: (r) => r.label },
            { key: 'current', header: t('reports.current'), className: 'num', cell: (r) => fmt.number(r.current) },
            { key: 'previous', header: t('reports.previous'), className: 'num', cell: (r) => fmt.number(r.previous) },
          ]}
        />
        <p>
          {t('reports.supervisionHoursNotRecorded')} {t('reports.fidelityMean', { value: c.rate(cur.leaders.fidelityMean) })}
        </p>
      </Panel>
      <Panel id="report-outcomes" title={t('reports.outcomes')}>
        {!outcomes.present ? (
          <p>{t('reports.noOutcomeData')}</p>
        ) : (
          <>
            <DataTable
              caption={t('reports.returns')}
              captionClassName=""
              rows={outcomes.returns}
              rowKey={(r) => r.timepoint}
              columns={[
                { key: 'timepoint', header: t('reports.timepoint'), rowHeader: true, cell: (r) => r.timepoint },
                { key: 'base', header: t('reports.started'), className: 'num', cell: (r) => c.count(r.base) },
                { key: 'returned', header: t('reports.returned'), className: 'num', cell: (r) => c.count(r.returned) },
                { key: 'rate', header: t('reports.returnRate'), className: 'num', cell: (r) => c.rate(r.rate) },
              ]}
            />
            <DataTable
              caption={t('reports.prePost')}
              captionClassName=""
              rows={outcomes.change}
              rowKey={(r) => `${r.instrument}:${r.scale}`}
              columns={[
                { key: 'scale', header: t('reports.scale'), rowHeader: true, cell: (r) => `${r.instrument} ${r.scale}` },
                { key: 'pairs', header: t('reports.pairs'), className: 'num', cell: (r) => c.count(r.pairs) },
                { key: 'pre', header: t('reports.meanPre'), className: 'num', cell: (r) => r.meanPre ?? '–' },
                { key: 'post', header: t('reports.meanPost'), className: 'num', cell: (r) => r.meanPost ?? '–' },
                { key: 'change', header: t('reports.meanChange'), className: 'num', cell: (r) => r.meanChange ?? '–' },
              ]}
            />
          </>
        )}
      </Panel>
    </>
  );
}
