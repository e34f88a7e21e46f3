import type { DueItemValue, ParsedInput, ScheduleEntry, ScoreRowValue, WorklistRow } from '../../contract';
import { AppError, notFound } from '../errors';
import { parseTimepoint } from '../outcomes/timepoints';
import { addDays } from '../domain/dates';
import { openPoints, PRE_OPENS_DAYS_BEFORE, worklistReach, type OpenPoint } from '../outcomes/worklist';
import type { Repos } from '../repos';
import type { ServiceContext } from './context';
import { instrumentCache } from './instruments';

const participantMissing = () => notFound({ sv: 'Deltagaren', en: 'The participant' });

/**
 * The worklist's open points on `today`: per group whose session span can give a listed window
 * (or the one group asked for), each scheduled point whose window lists it, with that window.
 */
function openPointsOn(repos: Repos, today: string, groupId?: string): OpenPoint[] {
  const schedule = repos.outcomes.allSchedules();
  const groups =
    groupId !== undefined
      ? repos.outcomes.spanOf(groupId)
      : repos.outcomes.spansNear(addDays(today, -worklistReach(schedule)), addDays(today, PRE_OPENS_DAYS_BEFORE));
  return openPoints(groups, schedule, today);
}

const keyOf = (p: OpenPoint) => [p.groupId, p.instrument, p.timepoint] as const;

// Per open database (its outcome repo), the lists made since its last write.
const keptLists = new WeakMap<object, { stamp: string; values: Map<string, unknown> }>();
/** Past this many lists (other days, other groups) without a write, the oldest are let go. */
const keptListsAtMost = 32;

/**
 * A whole-city list kept between reads until the database changes. The dashboard and the Enkäter
 * page ask for the same list again on every visit, and making it asks, for each open point, which of
 * the group's enrolments answered or were marked: tens of thousands of index lookups. Any write,
 * on this connection or committed by another, lets every kept list go; inside a transaction
 * nothing is kept. The rows are frozen: every caller shares them.
 */
export function keptUntilWrite<T extends readonly object[] | object>(repos: Repos, key: string, make: () => T): T {
  const stamp = repos.outcomes.writeStamp();
  if (stamp === null) return make();
  let kept = keptLists.get(repos.outcomes);
  if (!kept || kept.stamp !== stamp) keptLists.set(repos.outcomes, (kept = { stamp, values: new Map() }));
  if (kept.values.has(key)) return kept.values.get(key) as T;
  const value = make();
  if (Array.isArray(value)) for (const row of value as unknown[]) Object.freeze(row);
  Object.freeze(value);
  if (repos.outcomes.writeStamp() !== stamp) return value;
  if (kept.values.size >= keptListsAtMost) kept.values.delete(kept.values.keys().next().value!);
  kept.values.set(key, value);
  return value;
}

/**
 * Due and overdue questionnaires on `today`, for every enrolment with a scheduled programme (or
 * one group's): the windows are worked out once per group, and the database returns only the
 * enrolments that have neither answered nor been marked at each open point.
 */
export function dueList(repos: Repos, today: string, groupId?: string): readonly DueItemValue[] {
  return keptUntilWrite(repos, `due|${today}|${groupId ?? ''}`, () => makeDueList(repos, today, groupId));
}

function makeDueList(repos: Repos, today: string, groupId?: string): DueItemValue[] {
  const points = openPointsOn(repos, today, groupId);
  return repos.outcomes.unanswered(points.map(keyOf)).map(({ point, participantId }) => {
    const p = points[point]!;
    return { participantId, groupId: p.groupId, instrument: p.instrument, timepoint: p.timepoint, dueFrom: p.dueFrom, dueTo: p.dueTo, status: p.status };
  });
}

/** The same list with each participant's name and their group's programme, unit and start date in words. */
export function dueListNamed(repos: Repos, today: string, groupId?: string): readonly Omit<WorklistRow, 'pending'>[] {
  return keptUntilWrite(repos, `named|${today}|${groupId ?? ''}`, () => makeDueListNamed(repos, today, groupId));
}

function makeDueListNamed(repos: Repos, today: string, groupId?: string): Omit<WorklistRow, 'pending'>[] {
  const points = openPointsOn(repos, today, groupId);
  const open = repos.outcomes.unansweredNamed(points.map(keyOf));
  const words = new Map(repos.outcomes.groupWords([...new Set(points.map((p) => p.groupId))]).map((w) => [w.groupId, w]));
  return open.flatMap(({ point, participantId, participantName }) => {
    const p = points[point]!;
    const w = words.get(p.groupId);
    return w
      ? [
          {
            participantId,
            groupId: p.groupId,
            instrument: p.instrument,
            timepoint: p.timepoint,
            dueFrom: p.dueFrom,
            dueTo: p.dueTo,
            status: p.status,
            participantName,
            programmeName: w.programmeName,
            unitName: w.unitName,
            groupStartDate: w.groupStartDate,
          },
        ]
      : [];
  });
}

/** Every stored scale score, with its band's label from the definition it was scored under. */
export function scoreList(repos: Repos, participantId?: string): ScoreRowValue[] {
  const instrument = instrumentCache(repos);
  return repos.outcomes
    .storedScores()
    .filter((s) => !participantId || s.participantId === participantId)
    .map((s) => {
      const scale = instrument(s.instrumentCode, s.instrumentVersion)?.definition.scales.find((x) => x.code === s.scale);
      const band = s.band === null ? null : (scale?.bands[s.band]?.label ?? null);
      return {
        participantId: s.participantId,
        instrument: s.instrumentCode,
        version: s.instrumentVersion,
        timepoint: s.timepoint,
        scale: s.scale,
        score: s.score,
        band,
      };
    });
}

export function outcomeService({ repos, tx, audit, clock }: ServiceContext) {
  return {
    schedules: ({ programmeId }: ParsedInput<'outcomeSchedules.list'>): ScheduleEntry[] => repos.outcomes.schedulesFor(programmeId),

    addSchedule: (input: ParsedInput<'outcomeSchedules.add'>): ScheduleEntry =>
      tx(() => {
        if (!repos.programmes.get(input.programmeId)) throw notFound({ sv: 'Programmet', en: 'The programme' });
        if (!repos.outcomes.latestInstrument(input.instrumentCode)) {
          throw new AppError('validation', { sv: 'Instrumentet finns inte i biblioteket.', en: 'The instrument is not in the library.' }, [
            {
              path: 'instrumentCode',
              message: { sv: `Det finns inget instrument ${input.instrumentCode}.`, en: `There is no instrument ${input.instrumentCode}.` },
            },
          ]);
        }
        if (repos.outcomes.schedulesFor(input.programmeId).some((s) => s.instrumentCode === input.instrumentCode && s.timepoint === input.timepoint)) {
          const message = {
            sv: `${input.instrumentCode} finns redan i schemat vid ${input.timepoint}.`,
            en: `${input.instrumentCode} is already scheduled at ${input.timepoint}.`,
          };
          throw new AppError('conflict', message, [{ path: 'timepoint', message }]);
        }
        const point = parseTimepoint(input.timepoint)!;
        const created = repos.outcomes.insertSchedule({
          programmeId: input.programmeId,
          instrumentCode: input.instrumentCode,
          respondent: input.respondent,
          timepoint: input.timepoint,
          months: point.kind === 'followup' ? point.months : null,
          windowDays: point.kind === 'followup' ? input.windowDays : null,
          missedAfterDays: input.missedAfterDays,
          doubleEntry: input.doubleEntry,
        });
        audit.record({
          action: 'create',
          entity: 'outcomeSchedule',
          entityId: created.id,
          fields: ['instrumentCode', 'respondent', 'timepoint', 'windowDays', 'missedAfterDays', 'doubleEntry'],
        });
        return created;
      }),

    deleteSchedule: ({ id }: ParsedInput<'outcomeSchedules.delete'>) =>
      tx(() => {
        if (!repos.outcomes.schedule(id)) throw notFound({ sv: 'Schemapunkten', en: 'The schedule entry' });
        repos.outcomes.deleteSchedule(id);
        audit.record({ action: 'delete', entity: 'outcomeSchedule', entityId: id, fields: [] });
        return { deleted: true as const };
      }),

    /** Marks (or with null, clears) a participant as declined or unreachable at a time point. */
    setStatus: ({ participantId, timepoint, status }: ParsedInput<'outcomes.setStatus'>) =>
      tx(() => {
        if (!repos.outcomes.programmeOfParticipant(participantId)) throw participantMissing();
        if (status) repos.outcomes.setStatus(participantId, timepoint, status);
        else repos.outcomes.clearStatus(participantId, timepoint);
        audit.record({ action: 'update', entity: 'outcomeStatus', entityId: `${participantId}|${timepoint}`, fields: ['status'] });
        return { participantId, timepoint, status };
      }),

    due: ({ groupId, on }: ParsedInput<'outcomes.due'>): DueItemValue[] => [...dueList(repos, on ?? clock.today(), groupId)],

    scores: ({ participantId }: ParsedInput<'scores.list'>): ScoreRowValue[] => scoreList(repos, participantId),
  };
}
