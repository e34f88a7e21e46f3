import { addMonths, formatISO, parseISO } from 'date-fns';
import type { DueState } from '../../contract/enums';
import { addDays } from '../domain/dates';
import { parseTimepoint } from './timepoints';

/** `pre` opens this many days before the first session and closes on it. */
export const PRE_OPENS_DAYS_BEFORE = 28;
/** `post` opens on the last session and closes this many days after it. */
export const POST_OPEN_DAYS = 56;

export interface WorklistPoint {
  programmeId: string;
  instrumentCode: string;
  timepoint: string;
  /** Follow-ups only: days the window stays open after it falls due. */
  windowDays: number | null;
  /** Days after the window closes that the questionnaire stays overdue; after them it is missed. */
  missedAfterDays: number;
}

/** How long a closed window stays overdue unless the schedule says otherwise. */
export const DEFAULT_MISSED_AFTER_DAYS = 90;

/** The last day a questionnaire is overdue rather than missed. */
export const lastOverdueDay = (dueTo: string, missedAfterDays: number): string => addDays(dueTo, missedAfterDays);

export interface WorklistEnrolment {
  participantId: string;
  groupId: string;
  programmeId: string;
  /** The participant's status; only `moved` is left out (the enrolment continues in the other group and is asked there). */
  status: string;
  firstSession: string | null;
  lastSession: string | null;
}

export interface DueItem {
  participantId: string;
  groupId: string;
  instrument: string;
  timepoint: string;
  dueFrom: string;
  dueTo: string;
  status: DueState;
}

export interface WorklistInput {
  enrolments: readonly WorklistEnrolment[];
  schedule: readonly WorklistPoint[];
  /** `participantId|instrument|timepoint` of every stored response. */
  entered: ReadonlySet<string>;
  /** `participantId|timepoint` of every declined or unreachable mark. */
  closed: ReadonlySet<string>;
  today: string;
}

export const enteredKey = (participantId: string, instrument: string, timepoint: string) => `${participantId}|${instrument}|${timepoint}`;
export const closedKey = (participantId: string, timepoint: string) => `${participantId}|${timepoint}`;

/**
 * The window a scheduled time point is open in, both ends inclusive: `pre` from four weeks before
 * the first session until it; `post` from the last session to eight weeks after; a follow-up from
 * N calendar months after the last session (the month's last day when the day does not exist) for
 * its window of days. Null while the group has no sessions to count from.
 */
export function dueWindow(
  timepoint: string,
  windowDays: number | null,
  firstSession: string | null,
  lastSession: string | null,
): { dueFrom: string; dueTo: string } | null {
  const parsed = parseTimepoint(timepoint);
  const dueFrom = dueOpens(timepoint, firstSession, lastSession);
  if (!parsed || dueFrom === null) return null;
  if (parsed.kind === 'pre') return { dueFrom, dueTo: firstSession! };
  if (parsed.kind === 'post') return { dueFrom, dueTo: addDays(lastSession!, POST_OPEN_DAYS) };
  return { dueFrom, dueTo: addDays(dueFrom, windowDays ?? 0) };
}

/** The day a time point's window opens (`dueWindow`'s `dueFrom`), all a response rate asks of it. */
export function dueOpens(timepoint: string, firstSession: string | null, lastSession: string | null): string | null {
  const parsed = parseTimepoint(timepoint);
  if (!parsed) return null;
  if (parsed.kind === 'pre') return firstSession ? addDays(firstSession, -PRE_OPENS_DAYS_BEFORE) : null;
  if (!lastSession) return null;
  if (parsed.kind === 'post') return lastSession;
  return formatISO(addMonths(parseISO(lastSession), parsed.months), { representation: 'date' });
}

/**
 * Questionnaires due or overdue on `today`, per enrolment and scheduled instrument: due inside its
 * window, overdue for the schedule's `missedAfterDays` after it, then missed and no longer listed
 * (a questionnaire a year late is no longer the time point it was meant to measure); not listed
 * before it opens. Dropouts stay in (evaluators need their
 * post and follow-up answers); a row clears once a response is stored or the participant is
 * marked declined or unreachable at that time point.
 */
export function computeWorklist({ enrolments, schedule, entered, closed, today }: WorklistInput): DueItem[] {
  const windows = windowCache(schedule);
  const items: DueItem[] = [];
  for (const e of enrolments) {
    if (e.status === 'moved') continue;
    for (const w of windows(e)) {
      const status = stateOn(w, today);
      if (!status) continue;
      const { point } = w;
      if (closed.has(closedKey(e.participantId, point.timepoint))) continue;
      if (entered.has(enteredKey(e.participantId, point.instrumentCode, point.timepoint))) continue;
      items.push({ participantId: e.participantId, groupId: e.groupId, instrument: point.instrumentCode, timepoint: point.timepoint, ...w.window!, status });
    }
  }
  return items;
}

export interface PointWindow {
  point: WorklistPoint;
  window: { dueFrom: string; dueTo: string } | null;
  /** The window's last overdue day; empty while there is no window. */
  lastOverdue: string;
}

/** Whether a point is listed on `today` (from its opening until the last overdue day), and as what. */
function stateOn({ window, lastOverdue }: PointWindow, today: string): DueState | null {
  if (!window || today < window.dueFrom || today > lastOverdue) return null;
  return today <= window.dueTo ? 'due' : 'overdue';
}

/**
 * The windows of an enrolment's programme's schedule points. Every enrolment of a group shares its
 * session dates, so the date arithmetic runs once per programme and pair of dates, not once per
 * participant: a whole city's worklist would otherwise spend most of its time here.
 */
export function windowCache(schedule: readonly WorklistPoint[]) {
  const byProgramme = new Map<string, WorklistPoint[]>();
  for (const point of schedule) {
    const list = byProgramme.get(point.programmeId);
    if (list) list.push(point);
    else byProgramme.set(point.programmeId, [point]);
  }
  const cache = new Map<string, PointWindow[]>();
  // A point's window hangs on one date only (`pre` on the first session, the others on the last),
  // and a city's groups share far fewer such dates than pairs of them.
  const pointCache = new Map<string, PointWindow>();
  const pointWindow = (point: WorklistPoint, firstSession: string | null, lastSession: string | null): PointWindow => {
    const key = `${point.timepoint}|${point.windowDays ?? ''}|${point.missedAfterDays}|${point.timepoint === 'pre' ? (firstSession ?? '') : (lastSession ?? '')}`;
    let cached = pointCache.get(key);
    if (!cached) {
      const window = dueWindow(point.timepoint, point.windowDays, firstSession, lastSession);
      cached = { point, window, lastOverdue: window ? lastOverdueDay(window.dueTo, point.missedAfterDays) : '' };
      pointCache.set(key, cached);
    }
    return cached.point === point ? cached : { ...cached, point };
  };
  return (e: Pick<WorklistEnrolment, 'programmeId' | 'firstSession' | 'lastSession'>): PointWindow[] => {
    const key = `${e.programmeId}|${e.firstSession ?? ''}|${e.lastSession ?? ''}`;
    let windows = cache.get(key);
    if (!windows) {
      windows = (byProgramme.get(e.programmeId) ?? []).map((point) => pointWindow(point, e.firstSession, e.lastSession));
      cache.set(key, windows);
    }
    return windows;
  };
}

/** A group with its programme and session span, as the worklist reads it. */
export interface WorklistGroup {
  groupId: string;
  programmeId: string;
  firstSession: string | null;
  lastSession: string | null;
}

/** One scheduled point of one group that is listed on `today`, with its window: its enrolments are due unless answered or marked. */
export interface OpenPoint {
  groupId: string;
  instrument: string;
  timepoint: string;
  dueFrom: string;
  dueTo: string;
  status: DueState;
}

/**
 * The points of each group whose window lists them on `today` (from its opening until the last
 * overdue day), exactly as `computeWorklist` decides per enrolment: every enrolment of a group
 * shares its window, so only which enrolments answered or were marked is left to ask.
 */
export function openPoints(groups: readonly WorklistGroup[], schedule: readonly WorklistPoint[], today: string): OpenPoint[] {
  const windows = windowCache(schedule);
  const open: OpenPoint[] = [];
  for (const g of groups)
    for (const w of windows(g)) {
      const status = stateOn(w, today);
      if (status) open.push({ groupId: g.groupId, instrument: w.point.instrumentCode, timepoint: w.point.timepoint, ...w.window!, status });
    }
  return open;
}

/**
 * How many days before `today` a group's last session can lie and still give a listed window: the
 * longest reach of any schedule point (a follow-up counted at 31 days a month, never less than its
 * calendar months). A group's first session more than `PRE_OPENS_DAYS_BEFORE` ahead gives none either.
 */
export function worklistReach(schedule: readonly WorklistPoint[]): number {
  return Math.max(
    0,
    ...schedule.map((s) => {
      const point = parseTimepoint(s.timepoint);
      if (point?.kind === 'followup') return point.months * 31 + (s.windowDays ?? 0) + s.missedAfterDays;
      return point?.kind === 'post' ? POST_OPEN_DAYS + s.missedAfterDays : s.missedAfterDays;
    }),
  );
}
