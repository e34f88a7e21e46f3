import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { GroupOverview } from '@contract';
import { DataTable } from '../../components/DataTable';
import { useNearView } from '../../components/deferred';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { useFormat } from '../../lib/format';

// Colours from the app palette: dark enough for 3:1 against white, and the legend names each one.
const colours = { present: '#1d6b38', absent: '#a61b1b', notice: '#8a4b00', dropout: '#1a4d8f' };

/** Attendance per session and cumulative dropout; each chart has a table with the same rows. */
export function ParticipationCharts({ overview }: { overview: GroupOverview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const held = overview.series.attendance.filter((a) => a.status === 'held');
  const dropout = overview.series.cumulativeDropout;
  const attendanceRows = held.map((a) => ({ ...a, label: t('charts.sessionTick', { number: a.number }) }));
  const dropoutRows = dropout.map((d) => ({ ...d, label: t('charts.sessionTick', { number: d.number }) }));
  const last = held.at(-1);
  const lastDropout = dropout.at(-1);

  return (
    <Panel id="charts-title" title={t('charts.title')}>
      {held.length === 0 ? (
        <EmptyState title={t('charts.empty')} />
      ) : (
        <div className="participation-charts">
          <ChartFigure
            title={t('charts.attendanceTitle')}
            description={t('charts.attendanceDescription', { count: held.length, last: last?.number ?? 0, present: last?.present ?? 0 })}
            table={
              <DataTable
                caption={t('charts.attendanceTitle')}
                captionClassName=""
                wrap={false}
                rows={held}
                rowKey={(a) => a.sessionId}
                columns={[
                  { key: 'session', header: t('charts.session'), rowHeader: true, cell: (a) => t('charts.sessionTick', { number: a.number }) },
                  { key: 'date', header: t('charts.date'), cellClassName: 'nowrap', cell: (a) => fmt.shortDate(a.date) },
                  { key: 'present', header: t('charts.present'), className: 'num', cell: (a) => a.present },
                  { key: 'absent', header: t('charts.absent'), className: 'num', cell: (a) => a.absent },
                  { key: 'notice', header: t('charts.notice'), className: 'num', cell: (a) => a.absentWithNotice },
                  { key: 'families', header: t('charts.families'), className: 'num', cell: (a) => a.families },
                ]}
              />
            }
          >
            <BarChart data={attendanceRows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fill: '#1b2631', fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fill: '#1b2631', fontSize: 12 }} width={32} />
              <Legend />
              <Bar dataKey="present" stackId="a" name={t('charts.present')} fill={colours.present} isAnimationActive={false} />
              <Bar dataKey="absentWithNotice" stackId="a" name={t('charts.notice')} fill={colours.notice} isAnimationActive={false} />
              <Bar dataKey="absent" stackId="a" name={t('charts.absent')} fill={colours.absent} isAnimationActive={false} />
            </BarChart>
          </ChartFigure>
          <ChartFigure
            title={t('charts.dropoutTitle')}
            description={t('charts.dropoutDescription', { count: lastDropout?.droppedOut ?? 0, number: lastDropout?.number ?? 0 })}
            table={
              <DataTable
                caption={t('charts.dropoutTitle')}
                captionClassName=""
                wrap={false}
                rows={dropout}
                rowKey={(d) => String(d.number)}
                columns={[
                  { key: 'session', header: t('charts.session'), rowHeader: true, cell: (d) => t('charts.sessionTick', { number: d.number }) },
                  { key: 'droppedOut', header: t('charts.droppedOut'), className: 'num', cell: (d) => d.droppedOut },
                ]}
              />
            }
          >
            <LineChart data={dropoutRows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fill: '#1b2631', fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fill: '#1b2631', fontSize: 12 }} width={32} />
              <Legend />
              <Line type="stepAfter" dataKey="droppedOut" name={t('charts.droppedOut')} stroke={colours.dropout} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ChartFigure>
        </div>
      )}
    </Panel>
  );
}

/** The chart is one image to assistive technology; the toggle shows the same numbers as a table. */
export function ChartFigure({ title, description, table, children }: { title: string; description: string; table: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  // Its box keeps its size and name meanwhile, so nothing moves when the chart is drawn into it.
  const [box, near] = useNearView<HTMLDivElement>();
  return (
    <figure className="participation-figure">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}. ${description}`} style={{ width: '100%', height: 240 }}>
        {near && (
          <ResponsiveContainer width="100%" height="100%">
            {children as never}
          </ResponsiveContainer>
        )}
      </div>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-expanded={asTable}
        aria-controls={tableId}
        onClick={() => setAsTable(!asTable)}
      >
        {asTable ? t('charts.hideTable') : t('charts.showTable')}
      </button>
      {/* The wrap scrolls sideways on narrow windows, so it takes focus to be scrollable by keyboard. */}
      <div id={tableId} className="table-wrap" hidden={!asTable} tabIndex={0} role="region" aria-label={t('charts.tableLabel', { title })}>
        {table}
      </div>
    </figure>
  );
}
