import type { OutcomeResults } from '../../contract';
import { defaultSuppression, isSmallCount } from '../export/disclosure/suppression';
import type { InstrumentScore } from '../repos/outcomes';
import { parseTimepoint } from './timepoints';

/** `pre`, `post`, then follow-ups by months: the order results are read in. */
export function timepointOrder(a: string, b: string): number {
  const rank = (t: string) => {
    const p = parseTimepoint(t);
    return !p ? Number.MAX_SAFE_INTEGER : p.kind === 'pre' ? 0 : p.kind === 'post' ? 1 : 1 + p.months;
  };
  return rank(a) - rank(b);
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * Per scale and time point, the number of respondents with a score and their mean; per scale and
 * later time point, the mean change from `pre` among those scored at both. A figure computed from
 * a small count (the export's suppression rule) is withheld, its count kept, so a table of few
 * families cannot be read back to one of them. Scale order is the definition's.
 */
export function computeResults(instrument: string, scaleOrder: readonly string[], scores: readonly InstrumentScore[]): OutcomeResults {
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
      levels.push({ scale, timepoint, n: values.length, mean: values.length && !suppressed ? mean(values) : null, suppressed });
    }
    const pre = points.get('pre');
    for (const timepoint of ordered) {
      if (timepoint === 'pre') continue;
      const later = points.get(timepoint);
      const differences: number[] = [];
      if (pre && later) for (const [participant, score] of later) if (pre.has(participant)) differences.push(score - pre.get(participant)!);
      const suppressed = isSmallCount(differences.length);
      changes.push({ scale, timepoint, n: differences.length, meanChange: differences.length && !suppressed ? mean(differences) : null, suppressed });
    }
  }
  return { instrument, minRespondents: defaultSuppression.max + 1, timepoints: ordered, levels, changes };
}
