import type { OutcomeResults } from '../../contract';
import { defaultSuppression, isSmallCount } from '../export/disclosure/suppression';
import type { InstrumentScore } from '../repos/outcomes';
import { CONFIDENCE, pairedEffectSizes, summarise } from './statistics';
import { parseTimepoint } from './timepoints';
import { windowCache, type WorklistEnrolment, type WorklistPoint } from './worklist';

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
  const counts = new Map<string, { due: number; returned: number }>();
  const windows = windowCache(schedule);
  for (const e of enrolments) {
    if (e.status === 'moved') continue;
    for (const { point, window } of windows(e)) {
      if (!window || today < window.dueFrom) continue;
      let count = counts.get(point.timepoint);
      if (!count) counts.set(point.timepoint, (count = { due: 0, returned: 0 }));
      count.due += 1;
      if (returned.has(`${e.participantId}|${point.timepoint}`)) count.returned += 1;
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
 * back to one of them. Scale order is the definition's.
 */
export function computeResults(
  instrument: string,
  scaleOrder: readonly string[],
  scores: readonly InstrumentScore[],
  responseRates: OutcomeResults['responseRates'] = [],
): OutcomeResults {
  // participant → scale → timepoint → score; a null score (too few items answered) is no respondent.
  const byScale = new Map<string, Map<string, Map<string, number>>>();
  const timepoints = new Set<string>();
  for (const s of scores) {
    if (s.score === null) continue;
    timepoints.add(s.timepoint);
    let points = byScale.get(s.scale);
    if (!points) byScale.set(s.scale, (points = new Map()));
    let people = points.get(s.timepoint);
    if (!people) points.set(s.timepoint, (people = new Map()));
    people.set(s.participantId, s.score);
  }
  const ordered = [...timepoints].sort(timepointOrder);
  const scales = [...scaleOrder.filter((c) => byScale.has(c)), ...[...byScale.keys()].filter((c) => !scaleOrder.includes(c)).sort()];
  const levels: OutcomeResults['levels'] = [];
  const changes: OutcomeResults['changes'] = [];
  for (const scale of scales) {
    const points = byScale.get(scale)!;
    for (const timepoint of ordered) {
      const values = [...(points.get(timepoint)?.values() ?? [])];
      const suppressed = isSmallCount(values.length);
      const { n, ...figures } = summarise(values);
      levels.push({ scale, timepoint, n, ...(suppressed ? { mean: null, ...withheld } : figures), suppressed });
    }
    const pre = points.get('pre');
    for (const timepoint of ordered) {
      if (timepoint === 'pre') continue;
      const later = points.get(timepoint);
      const before: number[] = [];
      const after: number[] = [];
      if (pre && later)
        for (const [participant, score] of later)
          if (pre.has(participant)) {
            before.push(pre.get(participant)!);
            after.push(score);
          }
      const suppressed = isSmallCount(before.length);
      const { n, mean: meanChange, ...figures } = summarise(after.map((v, i) => v - before[i]!));
      changes.push(
        suppressed
          ? { scale, timepoint, n, meanChange: null, ...withheld, dz: null, dav: null, suppressed }
          : { scale, timepoint, n, meanChange, ...figures, ...pairedEffectSizes(before, after), suppressed },
      );
    }
  }
  return { instrument, minRespondents: defaultSuppression.max + 1, confidence: CONFIDENCE, timepoints: ordered, responseRates, levels, changes };
}
