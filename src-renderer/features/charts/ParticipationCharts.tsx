import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { GroupOverview } from '@contract';
import { EmptyState } from '../../components/EmptyState';
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
    <section className="panel" aria-labelledby="charts-title">
      <h2 id="charts-title" className="panel__title">
        {t('charts.title')}
      </h2>
      {held.length === 0 ? (
        <EmptyState title={t('charts.empty')} />
      ) : (
        <div className="participation-charts">
          <ChartFigure
            title={t('charts.attendanceTitle')}
            description={t('charts.attendanceDescription', { count: held.length, last: last?.number ?? 0, present: last?.present ?? 0 })}
            table={
              <table className="table">
                <caption>{t('charts.attendanceTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('charts.session')}</th>
                    <th scope="col">{t('charts.date')}</th>
                    <th scope="col" className="num">{t('charts.present')}</th>
                    <th scope="col" className="num">{t('charts.absent')}</th>
                    <th scope="col" className="num">{t('charts.notice')}</th>
                    <th scope="col" className="num">{t('charts.families')}</th>
                  </tr>
                </thead>
                <tbody>
                  {held.map((a) => (
                    <tr key={a.sessionId}>
                      <th scope="row">{t('charts.sessionTick', { number: a.number })}</th>
                      <td className="nowrap">{fmt.shortDate(a.date)}</td>
                      <td className="num">{a.present}</td>
                      <td className="num">{a.absent}</td>
                      <td className="num">{a.absentWithNotice}</td>
                      <td className="num">{a.families}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
              <table className="table">
                <caption>{t('charts.dropoutTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('charts.session')}</th>
                    <th scope="col" className="num">{t('charts.droppedOut')}</th>
                  </tr>
                </thead>
                <tbody>
                  {dropout.map((d) => (
                    <tr key={d.number}>
                      <th scope="row">{t('charts.sessionTick', { number: d.number })}</th>
                      <td className="num">{d.droppedOut}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
    </section>
  );
}

/** The chart is one image to assistive technology; the toggle shows the same numbers as a table. */
function ChartFigure({ title, description, table, children }: { title: string; description: string; table: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  return (
    <figure className="participation-figure">
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={`${title}. ${description}`} style={{ width: '100%', height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          {children as never}
        </ResponsiveContainer>
      </div>
      <button type="button" className="button button--small button--secondary" aria-expanded={asTable} aria-controls={tableId}
        onClick={() => setAsTable(!asTable)}>
        {asTable ? t('charts.hideTable') : t('charts.showTable')}
      </button>
      {/* The wrap scrolls sideways on narrow windows, so it takes focus to be scrollable by keyboard. */}
      <div id={tableId} className="table-wrap" hidden={!asTable} tabIndex={0} role="region" aria-label={t('charts.tableLabel', { title })}>
        {table}
      </div>
    </figure>
  );
}
