import type { ReportCell, ReportSections } from '../../contract';
import { suppress, withMargins, type CellStatus, type SuppressionOptions } from '../export/disclosure/suppression';
import { parseTimepoint } from '../outcomes/timepoints';

export interface OutcomeInput {
  /** Parents of the cohort who started: the base of every return rate. */
  started: number;
  /** Whether the parents section publishes that number (then the reader knows each row's total). */
  startedPublished: boolean;
  returns: { timepoint: string; n: number }[];
  scheduled: string[];
  prePost: { instrument: string; scale: string; n: number; pre: number; post: number }[];
}

const order = (t: string) => {
  const p = parseTimepoint(t);
  return p === null ? 10_000 : p.kind === 'pre' ? 0 : p.kind === 'post' ? 1 : 1 + p.months;
};
const round = (x: number) => Math.round(x * 1000) / 1000;
const cellOf = (value: number, s: CellStatus): ReportCell =>
  s === 'published' ? { value, hidden: null } : { value: null, hidden: s === 'primary' ? 'small_cell' : 'secondary' };

/**
 * Questionnaire return rates per time point and the mean pre→post change per scale. Each time
 * point is a line returned + not returned = the parents who started, so a rate near 100 % cannot
 * give away the one or two who did not answer; a change over fewer than five pairs is not shown.
 */
export function buildOutcomeSection(input: OutcomeInput, options: SuppressionOptions): ReportSections['outcomes'] {
  const returned = new Map(input.returns.map((r) => [r.timepoint, r.n]));
  const timepoints = [...new Set([...input.scheduled, ...returned.keys()])].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  // Each time point is its own line: summing returns over time points would count a parent once
  // per time point, so no such total is published and none needs protecting.
  const lines = timepoints.map((t) => {
    const n = Math.min(returned.get(t) ?? 0, input.started);
    const values = withMargins([[n, input.started - n]], 2);
    const known = (i: number, j: number) => input.startedPublished && j === 2;
    const bounds = {
      lower: values.map((row, i) => row.map((v, j) => (known(i, j) ? v : 0))),
      upper: values.map((row, i) => row.map((v, j) => (known(i, j) ? v : Number.POSITIVE_INFINITY))),
    };
    const { status } = suppress(values, options, bounds);
    // The second row repeats the first (it is the column totals of a one-row table).
    const worst = (j: number): CellStatus => (status[0]![j] !== 'published' ? status[0]![j]! : status[1]![j]!);
    return { values: values[0]!, status: [worst(0), worst(1), worst(2)] };
  });
  return {
    present: true,
    returns: timepoints.map((timepoint, i) => {
      const line = lines[i]!;
      const base = cellOf(line.values[2]!, input.startedPublished ? 'published' : line.status[2]!);
      const back = cellOf(line.values[0]!, line.status[0]!);
      const rate: ReportCell =
        base.value !== null && back.value !== null
          ? { value: base.value > 0 ? Math.round((back.value / base.value) * 1e6) / 1e6 : null, hidden: null }
          : { value: null, hidden: back.hidden ?? base.hidden };
      return { timepoint, base, returned: back, rate };
    }),
    change: input.prePost.map((r) => {
      const shown = r.n === 0 || r.n > options.max;
      return {
        instrument: r.instrument,
        scale: r.scale,
        pairs: shown ? { value: r.n, hidden: null } : { value: null, hidden: 'small_cell' },
        meanPre: shown ? round(r.pre) : null,
        meanPost: shown ? round(r.post) : null,
        meanChange: shown ? round(r.post - r.pre) : null,
      };
    }),
  };
}
