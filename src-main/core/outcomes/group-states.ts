import type { GroupOutcomeState } from '../../contract/enums';
import { timepointOrder } from './results';
import { closedKey, dueWindow, enteredKey, lastOverdueDay, type WorklistEnrolment, type WorklistPoint } from './worklist';

export interface GroupStatesInput {
  enrolments: readonly WorklistEnrolment[];
  /** The group's programme's schedule. */
  schedule: readonly WorklistPoint[];
  entered: ReadonlySet<string>;
  /** `participantId|instrument|timepoint` → typings in (1 or 2) of a form typed twice that is no response yet. */
  pending?: ReadonlyMap<string, number>;
  /** `participantId|timepoint` → the mark set there. */
  marks: ReadonlyMap<string, 'declined' | 'unreachable'>;
  today: string;
}

/**
 * Every participant's state at each scheduled questionnaire of the group, by the worklist's rules:
 * an entered response first, then a declined or unreachable mark, then a form typed twice that waits
 * for its second typing or for reconciliation (it may be finished even after its window), then the window (due, overdue,
 * missed once the schedule's overdue days have passed, or not open yet). Moved-away enrolments are answered in their new group, as on the worklist.
 */
export function groupStates({ enrolments, schedule, entered, marks, pending, today }: GroupStatesInput) {
  const points = [...schedule].sort((a, b) => timepointOrder(a.timepoint, b.timepoint) || a.instrumentCode.localeCompare(b.instrumentCode));
  const rows = enrolments
    .filter((e) => e.status !== 'moved')
    .map((e) => ({
      participantId: e.participantId,
      states: points.map((point): GroupOutcomeState => {
        if (entered.has(enteredKey(e.participantId, point.instrumentCode, point.timepoint))) return 'entered';
        const mark = marks.get(closedKey(e.participantId, point.timepoint));
        if (mark) return mark;
        const typings = pending?.get(enteredKey(e.participantId, point.instrumentCode, point.timepoint));
        if (typings) return typings >= 2 ? 'awaiting_reconciliation' : 'awaiting_second';
        const window = dueWindow(point.timepoint, point.windowDays, e.firstSession, e.lastSession);
        if (!window || today < window.dueFrom) return 'upcoming';
        return today <= window.dueTo ? 'due' : today <= lastOverdueDay(window.dueTo, point.missedAfterDays) ? 'overdue' : 'missed';
      }),
    }));
  return { points: points.map((p) => ({ instrument: p.instrumentCode, timepoint: p.timepoint })), rows };
}
