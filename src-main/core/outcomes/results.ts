import type { OutcomeResults } from '../../contract';
import { defaultSuppression, isSmallCount } from '../export/disclosure/suppression';
import type { ChangeMoments, LevelMoments, SpanCount, SpanReturned } from '../repos/outcomes';
import { CONFIDENCE, effectSizesOfSds, summariseMoments } from './statistics';
import { parseTimepoint } from './timepoints';
import { dueOpens, type WorklistEnrolment, type WorklistPoint } from './worklist';

/** `pre`, `post`, then follow-ups by months: the order results are read in. */
export function timepointOrder(a: string, b: string): number {
  const rank = (t: string) => {
    const p = parseTimepoint(t);
    return !p ? Number.MAX_SAFE_INTEGER : p.kind === 'pre' ? 0 : p.kind === 'post' ? 1 : 1 + p.months;
  };
  return rank(a) - rank(b);
}

const withheld = { sd: null, ciLow: null, ciHigh: null };

/** Enrolments, the instrument's schedule, and who returned it where: what a response rate is read from. */
export interface ResponseRateInput {
  enrolments: readonly WorklistEnrolment[];
  /** The schedule points of this one instrument. */
  schedule: readonly WorklistPoint[];
  /** `participantId|timepoint` of every stored response to the instrument. */
  returned: ReadonlySet<string>;
  today: string;
}

/**
 * Per scheduled time point: every enrolment whose window has opened by `today` is due (dropouts,
 * declined and unreachable too: evaluators count them as not returned), and those with a stored
 * response have returned it. The rate is withheld when the due count is small.
 */
export function computeResponseRates({ enrolments, schedule, returned, today }: ResponseRateInput): OutcomeResults['responseRates'] {
  const spans = new Map<string, SpanCount>();
  const back = new Map<string, SpanReturned>();
  const timepoints = [...new Set(schedule.map((p) => p.timepoint))];
  for (const e of enrolments) {
    if (e.status === 'moved') continue;
    const key = `${e.programmeId}|${e.firstSession ?? ''}|${e.lastSession ?? ''}`;
    const span = spans.get(key);
    if (span) span.enrolled += 1;
    else spans.set(key, { programmeId: e.programmeId, firstSession: e.firstSession, lastSession: e.lastSession, enrolled: 1 });
    for (const timepoint of timepoints) {
      if (!returned.has(`${e.participantId}|${timepoint}`)) continue;
      const count = back.get(`${key}|${timepoint}`);
      if (count) count.returned += 1;
      else back.set(`${key}|${timepoint}`, { programmeId: e.programmeId, firstSession: e.firstSession, lastSession: e.lastSession, timepoint, returned: 1 });
    }
  }
  return responseRatesOfSpans({ spans: [...spans.values()], returned: [...back.values()], schedule, today });
}

/**
 * Per programme and session span, the schedule points whose window has opened by `today`. Only the
 * opening day is worked out, once per time point and date: a city's spans share few dates, and the
 * rest of a window (its closing and overdue days) is the worklist's business.
 */
function openedPoints(schedule: readonly WorklistPoint[], today: string) {
  const byProgramme = new Map<string, WorklistPoint[]>();
  for (const point of schedule) {
    const list = byProgramme.get(point.programmeId);
    if (list) list.push(point);
    else byProgramme.set(point.programmeId, [point]);
  }
  const opensByDate = new Map<string, boolean>();
  const cache = new Map<string, WorklistPoint[]>();
  return ({ programmeId, firstSession, lastSession }: Pick<SpanCount, 'programmeId' | 'firstSession' | 'lastSession'>): WorklistPoint[] => {
    const key = `${programmeId}|${firstSession ?? ''}|${lastSession ?? ''}`;
    let points = cache.get(key);
    if (!points) {
      points = (byProgramme.get(programmeId) ?? []).filter((point) => {
        const dateKey = `${point.timepoint}|${point.timepoint === 'pre' ? (firstSession ?? '') : (lastSession ?? '')}`;
        let open = opensByDate.get(dateKey);
        if (open === undefined) {
          const opens = dueOpens(point.timepoint, firstSession, lastSession);
          opensByDate.set(dateKey, (open = opens !== null && today >= opens));
        }
        return open;
      });
      cache.set(key, points);
    }
    return points;
  };
}

/**
 * The same from enrolments counted per programme and session span (they share their windows), and
 * per span and time point those who returned the instrument.
 */
export function responseRatesOfSpans({
  spans,
  returned,
  schedule,
  today,
}: {
  spans: readonly SpanCount[];
  returned: readonly SpanReturned[];
  schedule: readonly WorklistPoint[];
  today: string;
}): OutcomeResults['responseRates'] {
  const counts = new Map<string, { due: number; returned: number }>();
  const opened = openedPoints(schedule, today);
  for (const span of spans) {
    for (const point of opened(span)) {
      let count = counts.get(point.timepoint);
      if (!count) counts.set(point.timepoint, (count = { due: 0, returned: 0 }));
      count.due += span.enrolled;
    }
  }
  for (const span of returned) {
    for (const point of opened(span)) {
      if (point.timepoint !== span.timepoint) continue;
      counts.get(point.timepoint)!.returned += span.returned;
    }
  }
  return [...counts.keys()].sort(timepointOrder).map((timepoint) => {
    const { due, returned: back } = counts.get(timepoint)!;
    const suppressed = isSmallCount(due);
    return { timepoint, due, returned: back, rate: suppressed ? null : back / due, suppressed };
  });
}

/**
 * Per scale and time point, the number of respondents with a score, their mean, SD and the mean's
 * 95 % confidence interval; per scale and later time point, the paired change from `pre` among
 * those scored at both, with its CI and effect sizes. Every figure computed from a small count (the
 * export's suppression rule) is withheld, its count kept, so a table of few families cannot be read
 * back to one of them. Scale order is the definition's. The sums are the database's (`levels`,
 * `changes`: counts, means and sums of squared deviations); a null score is no respondent.
 */
export function computeResults(
  instrument: string,
  scaleOrder: readonly string[],
  moments: { levels: readonly LevelMoments[]; changes: readonly ChangeMoments[] },
  responseRates: OutcomeResults['responseRates'] = [],
): OutcomeResults {
  const levelOf = new Map(moments.levels.map((l) => [`${l.scale}|${l.timepoint}`, l]));
  const changeOf = new Map(moments.changes.map((c) => [`${c.scale}|${c.timepoint}`, c]));
  const present = new Set(moments.levels.map((l) => l.scale));
  const ordered = [...new Set(moments.levels.map((l) => l.timepoint))].sort(timepointOrder);
  const scales = [...scaleOrder.filter((c) => present.has(c)), ...[...present].filter((c) => !scaleOrder.includes(c)).sort()];
  const levels: OutcomeResults['levels'] = [];
  const changes: OutcomeResults['changes'] = [];
  for (const scale of scales) {
    for (const timepoint of ordered) {
      const l = levelOf.get(`${scale}|${timepoint}`);
      const { n, ...figures } = l ? summariseMoments(l.n, l.mean, l.squares) : summariseMoments(0, 0, 0);
      const suppressed = isSmallCount(n);
      levels.push({ scale, timepoint, n, ...(suppressed ? { mean: null, ...withheld } : figures), suppressed });
    }
    for (const timepoint of ordered) {
      if (timepoint === 'pre') continue;
      const c = changeOf.get(`${scale}|${timepoint}`);
      const { n, mean: meanChange, ...figures } = c ? summariseMoments(c.n, c.meanChange, c.changeSquares) : summariseMoments(0, 0, 0);
      const suppressed = isSmallCount(n);
      const sizes =
        c && n >= 2
          ? effectSizesOfSds(c.meanChange, figures.sd!, Math.sqrt(c.beforeSquares / (n - 1)), Math.sqrt(c.afterSquares / (n - 1)))
          : { dz: null, dav: null };
      changes.push(
        suppressed
          ? { scale, timepoint, n, meanChange: null, ...withheld, dz: null, dav: null, suppressed }
          : { scale, timepoint, n, meanChange, ...figures, ...sizes, suppressed },
      );
    }
  }
  return { instrument, minRespondents: defaultSuppression.max + 1, confidence: CONFIDENCE, timepoints: ordered, responseRates, levels, changes };
}
