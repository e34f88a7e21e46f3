import type { InstrumentDefinition } from '../../contract/schemas/instruments';
import { addDays } from '../domain/dates';
import { createScorer } from '../outcomes/scoring';
import { shippedInstrument } from '../outcomes/shipped';
import { scoreRowsOf } from '../outcomes/stored-scores';
import { dueWindow, POST_OPEN_DAYS } from '../outcomes/worklist';
import type { ResponseRow, ScoreRow } from '../repos/outcomes';
import type { DemoOptions, DemoRows } from './generate';
import type { DemoProgrammeBand, ParticipationRows } from './participation';
import { createRandom, type Random } from './random';

export interface DemoScheduleRow {
  id: string;
  programmeId: string;
  instrumentCode: string;
  timepoint: string;
  months: number | null;
  windowDays: number | null;
}
/** A stored response as the demo writes it: entered by no one, with its scores beside it. */
export type DemoResponseRow = Omit<ResponseRow, 'enteredBy' | 'source'> & { scores: ScoreRow[] };
export interface DemoStatusRow {
  participantId: string;
  timepoint: string;
  status: 'declined' | 'unreachable';
}
export interface DemoOutcomeRows {
  schedules: DemoScheduleRow[];
  responses: DemoResponseRow[];
  statuses: DemoStatusRow[];
}

/** Parent programmes measure child behaviour (SDQ) and the parent's own state (DASS-21) before and after, DASS-21 again at six months. */
const plan: { code: string; timepoint: string; windowDays: number | null }[] = [
  { code: 'SDQ-P', timepoint: 'pre', windowDays: null },
  { code: 'SDQ-P', timepoint: 'post', windowDays: null },
  { code: 'DASS-21', timepoint: 'pre', windowDays: null },
  { code: 'DASS-21', timepoint: 'post', windowDays: null },
  { code: 'DASS-21', timepoint: 'fu6', windowDays: 30 },
];

/** Answers as they come back on paper: mostly mid-scale, now and then an item left blank. */
function answersFor(rnd: Random, definition: InstrumentDefinition): Record<string, number | null> {
  const answers: Record<string, number | null> = {};
  for (const item of definition.items)
    answers[item.code] = rnd.chance(0.03) ? null : rnd.int(item.min, Math.max(item.min, item.max - (rnd.chance(0.7) ? 1 : 0)));
  return answers;
}

/**
 * Schedules for the parent programmes and the questionnaires their participants returned by
 * `today`: most before the group, fewer after it and fewer still at follow-up, dropouts less often
 * than those who completed; some declined or could not be reached, some are still outstanding.
 */
export function generateOutcomes(rows: DemoRows, participation: ParticipationRows, programmes: DemoProgrammeBand[], options: DemoOptions): DemoOutcomeRows {
  const rnd = createRandom(`${options.seed}:outcomes`);
  const parentProgrammes = new Set(programmes.filter((p) => p.audience === 'parents').map((p) => p.id));
  const schedules: DemoScheduleRow[] = [...parentProgrammes].flatMap((programmeId) =>
    plan.map((p) => ({
      id: rnd.uuid(),
      programmeId,
      instrumentCode: p.code,
      timepoint: p.timepoint,
      months: p.timepoint === 'fu6' ? 6 : null,
      windowDays: p.windowDays,
    })),
  );
  const definitions = new Map(['SDQ-P', 'DASS-21'].map((code) => [code, shippedInstrument(code)]));
  const scorers = new Map([...definitions].map(([code, d]) => [code, createScorer(d)]));
  const programmeOf = new Map(rows.groups.map((g) => [g.id, g.programmeId]));
  const span = new Map<string, { first: string; last: string }>();
  for (const s of rows.sessions) {
    if (s.status === 'cancelled') continue;
    const date = s.heldDate ?? s.plannedDate;
    const known = span.get(s.groupId);
    if (!known) span.set(s.groupId, { first: date, last: date });
    else span.set(s.groupId, { first: date < known.first ? date : known.first, last: date > known.last ? date : known.last });
  }

  const responses: DemoResponseRow[] = [];
  const statuses: DemoStatusRow[] = [];
  for (const p of participation.participants) {
    const programmeId = programmeOf.get(p.groupId);
    const dates = span.get(p.groupId);
    if (!programmeId || !parentProgrammes.has(programmeId) || !dates || p.status === 'moved') continue;
    const stayed = p.status === 'completed' || p.status === 'active';
    const chanceAt: Record<string, number> = { pre: p.status === 'never_started' ? 0.5 : 0.9, post: stayed ? 0.75 : 0.35, fu6: stayed ? 0.55 : 0.25 };
    for (const timepoint of ['pre', 'post', 'fu6']) {
      const window = dueWindow(timepoint, timepoint === 'fu6' ? 30 : null, dates.first, dates.last);
      if (!window || options.today < window.dueFrom) continue;
      if (timepoint !== 'pre' && rnd.chance(stayed ? 0.06 : 0.2)) {
        statuses.push({ participantId: p.id, timepoint, status: rnd.chance(0.5) ? 'declined' : 'unreachable' });
        continue;
      }
      // Questionnaires for the time point are filled in together, so they are returned together.
      if (!rnd.chance(chanceAt[timepoint]!)) continue;
      const latest = timepoint === 'post' ? addDays(window.dueFrom, POST_OPEN_DAYS) : window.dueTo;
      const last = latest < options.today ? latest : options.today;
      const days = Math.max(0, Math.round((Date.parse(last) - Date.parse(window.dueFrom)) / 86_400_000));
      const date = addDays(window.dueFrom, rnd.int(0, days));
      for (const [code, definition] of definitions) {
        if (!plan.some((x) => x.code === code && x.timepoint === timepoint)) continue;
        const answers = answersFor(rnd, definition);
        responses.push({
          id: rnd.uuid(),
          participantId: p.id,
          instrumentCode: code,
          instrumentVersion: definition.version,
          timepoint,
          date,
          answers: JSON.stringify(answers),
          scores: scoreRowsOf(definition, scorers.get(code)!, answers),
        });
      }
    }
  }
  return { schedules, responses, statuses };
}
