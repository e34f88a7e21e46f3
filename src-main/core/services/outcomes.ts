import type { DueItemValue, ParsedInput, ScheduleEntry, ScoreRowValue, WorklistRow } from '../../contract';
import { AppError, notFound } from '../errors';
import { parseTimepoint } from '../outcomes/timepoints';
import type { Repos } from '../repos';
import type { ServiceContext } from './context';
import { instrumentCache } from './instruments';
import { duePieces, keptList, namedPieces, worklistDay } from './worklist-kept';

const participantMissing = () => notFound({ sv: 'Deltagaren', en: 'The participant' });

/**
 * Due and overdue questionnaires on `today`, for every enrolment with a scheduled programme (or
 * one group's): the windows are worked out once per group, and the database returns only the
 * enrolments that have neither answered nor been marked at each open point. Each group's rows are
 * kept between reads until a write touches that group (see `worklist-kept.ts`); the city's list is
 * its groups' rows one after another, kept until any of them changes.
 */
export function dueList(repos: Repos, today: string, groupId?: string): readonly DueItemValue[] {
  const kept = worklistDay(repos, today);
  return keptList(kept.day, `due|${groupId ?? ''}`, () => Object.freeze(duePieces(repos, kept, groupId).flat()));
}

/** The same list with each participant's name and their group's programme, unit and start date in words. */
export function dueListNamed(repos: Repos, today: string, groupId?: string): readonly Omit<WorklistRow, 'pending'>[] {
  const kept = worklistDay(repos, today);
  return keptList(kept.day, `named|${groupId ?? ''}`, () => Object.freeze(namedPieces(repos, kept, groupId).flat()));
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
