import { describe, expect, it } from 'vitest';
import type { Participant, SessionCounts } from '@contract';
import { cellLock, columnLock, move, nextState, stateForKey } from '../../../src-renderer/features/attendance/cellRules';

const today = '2025-03-12';
const session = (over: Partial<SessionCounts> = {}): SessionCounts => ({
  id: 's1',
  number: 1,
  status: 'held',
  plannedDate: '2025-03-04',
  heldDate: '2025-03-04',
  participantCount: null,
  familyCount: null,
  markedCount: 0,
  ...over,
});
const participant = (over: Partial<Participant> = {}): Participant => ({
  id: 'p1',
  personId: 'person1',
  groupId: 'g1',
  displayName: 'Anna',
  relation: 'mother',
  contact: null,
  family: { id: 'f1', childBirthYear: null, childGender: null, childAgeAtStart: null, membersInGroup: 1 },
  enrolmentDate: '2025-03-01',
  consent: 'yes',
  consentDate: null,
  status: 'active',
  manualStatus: null,
  keepActive: false,
  atRisk: false,
  absentStreak: 0,
  dropoutReasonId: null,
  lastSessionAttended: null,
  presentCount: 0,
  heldCount: 0,
  movedFromGroupId: null,
  movedToGroupId: null,
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
  ...over,
});

describe('why a cell cannot be written', () => {
  it('is open for a held session the participant was enrolled for', () => expect(cellLock(false, session(), participant(), today)).toBeNull());
  it('is open for a past session not yet marked held', () =>
    expect(cellLock(false, session({ status: 'planned', heldDate: null }), participant(), today)).toBeNull());
  it('is open on the day itself', () =>
    expect(cellLock(false, session({ status: 'planned', plannedDate: today, heldDate: null }), participant(), today)).toBeNull());
  it('says the group is cancelled before anything else', () =>
    expect(cellLock(true, session({ status: 'cancelled' }), participant({ manualStatus: 'moved' }), today)).toBe('groupCancelled'));
  it('says a cancelled session is cancelled', () => expect(cellLock(false, session({ status: 'cancelled' }), participant(), today)).toBe('cancelled'));
  it('says a planned session after today lies ahead', () =>
    expect(cellLock(false, session({ status: 'planned', plannedDate: '2025-03-13', heldDate: null }), participant(), today)).toBe('future'));
  it('says a moved participant was moved', () => expect(cellLock(false, session(), participant({ manualStatus: 'moved' }), today)).toBe('moved'));
  it('says a session before enrolment came before it, by the held date where there is one', () => {
    expect(cellLock(false, session({ plannedDate: '2025-02-20', heldDate: '2025-02-28' }), participant(), today)).toBe('beforeEnrolment');
    expect(cellLock(false, session({ plannedDate: '2025-02-20', heldDate: '2025-03-01' }), participant(), today)).toBeNull();
    expect(cellLock(false, session({ status: 'planned', plannedDate: '2025-02-28', heldDate: null }), participant(), today)).toBe('beforeEnrolment');
  });
});

describe('why a whole column cannot be set', () => {
  it.each([
    [true, session(), 'groupCancelled'],
    [false, session({ status: 'cancelled' }), 'cancelled'],
    [false, session({ status: 'planned', plannedDate: '2025-04-01', heldDate: null }), 'future'],
    [false, session(), null],
    [false, session({ status: 'planned', plannedDate: '2025-03-01', heldDate: null }), null],
  ] as const)('group cancelled %s, session %j → %s', (cancelled, s, lock) => expect(columnLock(cancelled, s, today)).toBe(lock));
});

describe('keys that set a cell', () => {
  it.each([
    ['n', 'present'],
    ['N', 'present'],
    ['p', 'present'],
    ['1', 'present'],
    ['f', 'absent'],
    ['F', 'absent'],
    ['2', 'absent'],
    ['a', 'absent_with_notice'],
    ['A', 'absent_with_notice'],
    ['3', 'absent_with_notice'],
    ['Delete', null],
    ['Backspace', null],
    ['0', null],
  ] as const)('%s → %s', (key, state) => expect(stateForKey(key)).toBe(state));
  it.each(['x', '4', 'Enter', ' ', 'Tab'])('%j sets nothing', (key) => expect(stateForKey(key)).toBeUndefined());
});

describe('a click steps through the states', () => {
  it('goes empty → present → absent → with notice → empty', () => {
    const seen = [null as ReturnType<typeof nextState>];
    for (let i = 0; i < 4; i++) seen.push(nextState(seen[seen.length - 1]!));
    expect(seen).toEqual([null, 'present', 'absent', 'absent_with_notice', null]);
  });
});

describe('moving in the grid', () => {
  // 3 participants: row 0 header, rows 1–3 data, rows 4–5 the two footer rows; 4 sessions + the name column.
  const dims = { rows: 6, cols: 5, dataRows: 3 };
  it('moves one step with the arrows', () => {
    expect(move({ row: 2, col: 2 }, 'ArrowUp', false, dims)).toEqual({ row: 1, col: 2 });
    expect(move({ row: 2, col: 2 }, 'ArrowDown', false, dims)).toEqual({ row: 3, col: 2 });
    expect(move({ row: 2, col: 2 }, 'ArrowLeft', false, dims)).toEqual({ row: 2, col: 1 });
    expect(move({ row: 2, col: 2 }, 'ArrowRight', false, dims)).toEqual({ row: 2, col: 3 });
  });
  it('stops at the edges', () => {
    expect(move({ row: 0, col: 0 }, 'ArrowUp', false, dims)).toEqual({ row: 0, col: 0 });
    expect(move({ row: 0, col: 0 }, 'ArrowLeft', false, dims)).toEqual({ row: 0, col: 0 });
    expect(move({ row: 5, col: 4 }, 'ArrowDown', false, dims)).toEqual({ row: 5, col: 4 });
    expect(move({ row: 5, col: 4 }, 'ArrowRight', false, dims)).toEqual({ row: 5, col: 4 });
  });
  it('goes to the row ends with Home and End, and to the grid corners with Ctrl', () => {
    expect(move({ row: 2, col: 2 }, 'Home', false, dims)).toEqual({ row: 2, col: 0 });
    expect(move({ row: 2, col: 2 }, 'End', false, dims)).toEqual({ row: 2, col: 4 });
    expect(move({ row: 2, col: 2 }, 'Home', true, dims)).toEqual({ row: 0, col: 0 });
    expect(move({ row: 2, col: 2 }, 'End', true, dims)).toEqual({ row: 5, col: 4 });
  });
  it('jumps to the first and the last participant with Page Up and Page Down, not into header or footer', () => {
    expect(move({ row: 3, col: 2 }, 'PageUp', false, dims)).toEqual({ row: 1, col: 2 });
    expect(move({ row: 1, col: 2 }, 'PageDown', false, dims)).toEqual({ row: 3, col: 2 });
    // From the header or the footer they do not pull back into the data rows.
    expect(move({ row: 0, col: 2 }, 'PageUp', false, dims)).toEqual({ row: 0, col: 2 });
    expect(move({ row: 5, col: 2 }, 'PageDown', false, dims)).toEqual({ row: 5, col: 2 });
  });
  it('is no movement for other keys', () => expect(move({ row: 1, col: 1 }, 'n', false, dims)).toBeNull());
});
