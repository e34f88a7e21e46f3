import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DataTable } from '../../components/DataTable';
import { useFormat } from '../../lib/format';
import { percent } from '../../lib/percent';

export interface TrendPoint {
  /** ISO date the value belongs to (a session, a supervision, a group's end). */
  date: string;
  /** Percent 0–100; null where nothing was recorded, drawn as a gap. */
  value: number | null;
  /** What the point is, for the table (e.g. "tKomet · Norr, träff 3"). */
  label?: string;
}

interface TrendChartProps {
  title: string;
  points: TrendPoint[];
  /** The summary a screen reader hears for the picture, e.g. "from 72 % to 85 %". */
  valueLabel: string;
  emptyText: string;
}

/**
 * A line chart is a picture for sighted users only: it is one labelled image, and the same numbers
 * follow as a table that keyboard and screen-reader users can read cell by cell.
 */
export function TrendChart({ title, points, valueLabel, emptyText }: TrendChartProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = useId();
  const recorded = points.filter((p) => p.value != null);
  const first = recorded[0];
  const last = recorded[recorded.length - 1];
  const summary =
    first && last
      ? t('leaders.trend.summary', {
          title,
          count: recorded.length,
          from: fmt.shortDate(first.date),
          to: fmt.shortDate(last.date),
          first: Math.round(first.value ?? 0),
          last: Math.round(last.value ?? 0),
        })
      : emptyText;
  const data = points.map((p) => ({ ...p, x: fmt.shortDate(p.date) }));

  return (
    <figure className="trend" aria-labelledby={headingId}>
      <figcaption id={headingId} className="trend__title">
        {title}
      </figcaption>
      {recorded.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <>
          <div className="trend__chart" role="img" aria-label={summary}>
            <ResponsiveContainer width="100%" height={200}>
              <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid stroke="#d5dbe1" strokeDasharray="3 3" />
                <XAxis dataKey="x" tick={{ fill: '#4d5b69', fontSize: 12 }} />
                <YAxis domain={[0, 100]} unit=" %" width={52} tick={{ fill: '#4d5b69', fontSize: 12 }} />
                <Tooltip formatter={(v) => [`${Math.round(Number(v))} %`, valueLabel]} />
                <Line type="monotone" dataKey="value" stroke="#1a4d8f" strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <details className="trend__table">
            <summary>{t('leaders.trend.showTable', { title })}</summary>
            <DataTable
              caption={title}
              rows={points.map((p, i) => ({ ...p, index: i }))}
              rowKey={(p) => `${p.date}-${p.index}`}
              columns={[
                { key: 'date', header: t('leaders.trend.date'), cellClassName: 'nowrap', cell: (p) => fmt.shortDate(p.date) },
                { key: 'what', header: t('leaders.trend.what'), cell: (p) => p.label ?? '–' },
                { key: 'value', header: valueLabel, className: 'num', cell: (p) => percent(p.value) },
              ]}
            />
          </details>
        </>
      )}
    </figure>
  );
}
