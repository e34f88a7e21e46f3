import type { AttendanceState, Participant, SessionCounts } from '@contract';

/** Why a cell cannot be written; mirrors the server's refusals so the grid explains them up front. */
export type Lock = 'groupCancelled' | 'cancelled' | 'future' | 'beforeEnrolment' | 'moved' | null;

export function cellLock(groupCancelled: boolean, session: SessionCounts, participant: Participant, today: string): Lock {
  if (groupCancelled) return 'groupCancelled';
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'planned' && session.plannedDate > today) return 'future';
  if (participant.manualStatus === 'moved') return 'moved';
  if ((session.heldDate ?? session.plannedDate) < participant.enrolmentDate) return 'beforeEnrolment';
  return null;
}

export function columnLock(groupCancelled: boolean, session: SessionCounts, today: string): Lock {
  if (groupCancelled) return 'groupCancelled';
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'planned' && session.plannedDate > today) return 'future';
  return null;
}

/**
 * The keys that set a cell. Letters follow the Swedish labels (N närvarande, F frånvarande,
 * A anmäld frånvaro); P is accepted for present too, and the digits work on any layout.
 */
export function stateForKey(key: string): AttendanceState | null | undefined {
  switch (key.toLowerCase()) {
    case 'n':
    case 'p':
    case '1':
      return 'present';
    case 'f':
    case '2':
      return 'absent';
    case 'a':
    case '3':
      return 'absent_with_notice';
    case 'delete':
    case 'backspace':
    case '0':
      return null;
    default:
      return undefined;
  }
}

/** A click steps through the states, for pointer users. */
export function nextState(state: AttendanceState | null): AttendanceState | null {
  if (state === null) return 'present';
  if (state === 'present') return 'absent';
  if (state === 'absent') return 'absent_with_notice';
  return null;
}

export interface Position {
  row: number;
  col: number;
}

/**
 * Grid navigation. Row 0 is the header, rows 1..dataRows the participants, then the footer rows;
 * column 0 holds the row headers. Returns null for keys that are not movements.
 */
export function move(pos: Position, key: string, ctrl: boolean, dims: { rows: number; cols: number; dataRows: number }): Position | null {
  const lastRow = dims.rows - 1;
  const lastCol = dims.cols - 1;
  const clamp = (row: number, col: number) => ({ row: Math.max(0, Math.min(lastRow, row)), col: Math.max(0, Math.min(lastCol, col)) });
  switch (key) {
    case 'ArrowUp':
      return clamp(pos.row - 1, pos.col);
    case 'ArrowDown':
      return clamp(pos.row + 1, pos.col);
    case 'ArrowLeft':
      return clamp(pos.row, pos.col - 1);
    case 'ArrowRight':
      return clamp(pos.row, pos.col + 1);
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: pos.row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: lastCol } : { row: pos.row, col: lastCol };
    case 'PageUp':
      return clamp(Math.min(pos.row, 1), pos.col);
    case 'PageDown':
      return clamp(Math.max(pos.row, dims.dataRows), pos.col);
    default:
      return null;
  }
}

/** Index of the first session neither held nor cancelled, or else of the last held one. */
export function currentSessionIndex(sessions: readonly { status: string }[]): number {
  const open = sessions.findIndex((s) => s.status === 'planned');
  if (open >= 0) return open;
  return sessions.map((s) => s.status).lastIndexOf('held');
}
