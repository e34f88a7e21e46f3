import type { DueItemValue, ParsedInput, ScheduleEntry, ScoreRowValue } from '../../contract';
import { AppError, notFound } from '../errors';
import { parseTimepoint } from '../outcomes/timepoints';
import { addDays } from '../domain/dates';
import { closedKey, computeWorklist, enteredKey, POST_OPEN_DAYS, PRE_OPENS_DAYS_BEFORE } from '../outcomes/worklist';
import type { Repos } from '../repos';
import type { ServiceContext } from './context';
import { instrumentCache } from './instruments';

const participantMissing = () => notFound({ sv: 'Deltagaren', en: 'The participant' });

/** Due and overdue questionnaires on the clock's today, for every enrolment with a scheduled programme. */
export function dueList(repos: Repos, today: string, groupId?: string): DueItemValue[] {
  const enrolments = repos.outcomes.enrolmentDates().filter((e) => !groupId || e.groupId === groupId);
  const schedule = repos.outcomes.allSchedules();
  const entered = new Set(repos.outcomes.responseKeys().map((r) => enteredKey(r.participantId, r.instrumentCode, r.timepoint)));
  const closed = new Set(repos.outcomes.allStatuses().map((s) => closedKey(s.participantId, s.timepoint)));
  return computeWorklist({ enrolments, schedule, entered, closed, today });
}

/**
 * The same list, computed only over groups whose session span can give a window listed today: a
 * questionnaire is listed from its window's opening until `missedAfterDays` after its close, so a
 * group whose first session is over four weeks ahead, or whose last ended longer ago than the
 * longest reach of any schedule point, has nothing on it.
 */
export function dueListNear(repos: Repos, today: string): DueItemValue[] {
  const schedule = repos.outcomes.allSchedules();
  const reach = Math.max(
    0,
    ...schedule.map((s) => {
      const point = parseTimepoint(s.timepoint);
      if (point?.kind === 'followup') return point.months * 31 + (s.windowDays ?? 0) + s.missedAfterDays;
      return point?.kind === 'post' ? POST_OPEN_DAYS + s.missedAfterDays : s.missedAfterDays;
    }),
  );
  const enrolments = repos.outcomes.enrolmentDatesNear(addDays(today, -reach), addDays(today, PRE_OPENS_DAYS_BEFORE));
  const entered = new Set(repos.outcomes.responseKeys().map((r) => enteredKey(r.participantId, r.instrumentCode, r.timepoint)));
  const closed = new Set(repos.outcomes.allStatuses().map((s) => closedKey(s.participantId, s.timepoint)));
  return computeWorklist({ enrolments, schedule, entered, closed, today });
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

    due: ({ groupId, on }: ParsedInput<'outcomes.due'>): DueItemValue[] => dueList(repos, on ?? clock.today(), groupId),

    scores: ({ participantId }: ParsedInput<'scores.list'>): ScoreRowValue[] => scoreList(repos, participantId),
  };
}
