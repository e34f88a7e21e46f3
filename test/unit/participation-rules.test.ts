import { describe, expect, it } from 'vitest';
import {
  ageAtStart,
  birthYearFits,
  defaultRules,
  deriveStatus,
  fidelityPercent,
  groupHasEnded,
  meetsCompletion,
  trailingAbsences,
  type HeldSessionMark,
  type Mark,
  type StatusInput,
} from '../../src-main/core/domain/participation';

const codes: Record<string, Mark | null> = { P: 'present', A: 'absent', N: 'absent_with_notice', '.': null };
const held = (pattern: string): HeldSessionMark[] => [...pattern].map((c, i) => ({ number: i + 1, mark: codes[c]! }));
const input = (pattern: string, over: Partial<StatusInput> = {}): StatusInput => ({
  held: held(pattern),
  groupEnded: false,
  manualStatus: null,
  keepActive: false,
  ...over,
});
const status = (pattern: string, over: Partial<StatusInput> = {}, rules = defaultRules) => deriveStatus(input(pattern, over), rules);

describe('absence streak', () => {
  it.each([
    ['', 0],
    ['P', 0],
    ['A', 1],
    ['PA', 1],
    ['PAA', 2],
    ['AAP', 0],
    ['PAAA', 3],
    // With notice ends a run; an unmarked session neither ends nor extends it.
    ['AANA', 1],
    ['AN', 0],
    ['A.A', 2],
    ['A..', 1],
    ['P.A.A', 2],
  ])('%j → %i', (pattern, expected) => expect(trailingAbsences(held(pattern))).toBe(expected));
});

describe('at risk and dropout (defaults: at risk after 2, dropout after 3)', () => {
  it('is active and not at risk after one absence', () => expect(status('PA')).toMatchObject({ status: 'active', atRisk: false, absentStreak: 1 }));
  it('is at risk at exactly 2', () => expect(status('PAA')).toMatchObject({ status: 'active', atRisk: true }));
  it('drops out at exactly 3, with the last session attended', () =>
    expect(status('PPAAA')).toMatchObject({ status: 'dropped_out', atRisk: false, lastSessionAttended: 2, absentStreak: 3 }));
  it('counts as never started when the run comes before any presence', () => expect(status('AAA')).toMatchObject({ status: 'never_started' }));
  it('is not dropped out when a notice breaks the run', () => expect(status('PAANA')).toMatchObject({ status: 'active', atRisk: false }));
  it('comes back: presence after a run makes them active again', () => expect(status('PAAAP')).toMatchObject({ status: 'active', absentStreak: 0 }));
  it('stays active when a leader overrides, but still shows the risk', () =>
    expect(status('PAAAA', { keepActive: true })).toMatchObject({ status: 'active', atRisk: true, absentStreak: 4 }));
  it('follows edited rules', () => {
    const strict = { completionPercent: 70, dropoutAfter: 2, atRiskAfter: 1 };
    expect(status('PA', {}, strict)).toMatchObject({ status: 'active', atRisk: true });
    expect(status('PAA', {}, strict)).toMatchObject({ status: 'dropped_out' });
  });
});

describe('completion once the group has ended (default 70 %)', () => {
  const ended = { groupEnded: true };
  it('completes at exactly 70 % (7 of 10)', () => expect(status('PPPPPPPNNN', ended)).toMatchObject({ status: 'completed', presentCount: 7, heldCount: 10 }));
  it('does not complete just below (6 of 10)', () => expect(status('PPPPPPNNNN', ended)).toMatchObject({ status: 'not_completed' }));
  it('rounds nothing: 8 of 11 is 72.7 % and completes, 7 of 11 is 63.6 % and does not', () => {
    expect(status('PPPPPPPPNNN', ended).status).toBe('completed');
    expect(status('PPPPPPPNNNN', ended).status).toBe('not_completed');
  });
  it('counts unmarked held sessions in the denominator', () => expect(status('PPPPPPP...', ended).status).toBe('completed'));
  it('is never started with no presence at all', () => expect(status('NN..', ended).status).toBe('never_started'));
  it('stays active with no marks at all: nothing to judge', () => expect(status('....', ended).status).toBe('active'));
  it('a dropout at the end stays a dropout', () => expect(status('PPPPPPPPAAA', ended).status).toBe('dropped_out'));
  it('is active while the group runs, however good the attendance', () => expect(status('PPPPPPPPPP').status).toBe('active'));
  it('integer comparison at the edge', () => {
    expect(meetsCompletion(7, 10, 70)).toBe(true);
    expect(meetsCompletion(69, 100, 70)).toBe(false);
    expect(meetsCompletion(0, 0, 70)).toBe(false);
    expect(meetsCompletion(1, 1, 100)).toBe(true);
  });
});

describe('leader decisions win', () => {
  it.each(['dropped_out', 'never_started', 'moved'] as const)('%s', (manual) =>
    expect(status('PPPPPPPPPP', { manualStatus: manual, groupEnded: true })).toMatchObject({ status: manual, atRisk: false }),
  );
  it('keeps the leader’s last session for a manual dropout', () =>
    expect(status('PPPA', { manualStatus: 'dropped_out', manualLastSession: 2 })).toMatchObject({ lastSessionAttended: 2 }));
});

describe('group end, ages and fidelity', () => {
  it('ends when completed, or when nothing is planned and something was held', () => {
    expect(groupHasEnded('completed', [{ status: 'planned' }])).toBe(true);
    expect(groupHasEnded('running', [{ status: 'held' }, { status: 'cancelled' }])).toBe(true);
    expect(groupHasEnded('running', [{ status: 'held' }, { status: 'planned' }])).toBe(false);
    expect(groupHasEnded('running', [{ status: 'cancelled' }])).toBe(false);
    expect(groupHasEnded('planned', [])).toBe(false);
    expect(groupHasEnded('cancelled', [{ status: 'held' }, { status: 'planned' }])).toBe(true);
  });
  it('derives the age at start from the year and allows one year either side of the band', () => {
    expect(ageAtStart(2019, '2025-03-03')).toBe(6);
    expect(ageAtStart(null, '2025-03-03')).toBeNull();
    const band = { min: 3, max: 11 };
    expect([2012, 2013, 2023, 2024].map((y) => birthYearFits(y, '2025-03-03', band))).toEqual([false, true, true, false]);
    expect(birthYearFits(2000, '2025-01-01', { min: null, max: null })).toBe(true);
  });
  it('rounds fidelity to whole per cent', () => {
    expect([fidelityPercent(4, 5), fidelityPercent(2, 3), fidelityPercent(0, 4), fidelityPercent(1, 0)]).toEqual([80, 67, 0, 0]);
  });
});

describe('a group that records head counts only', () => {
  const countsOnly = { countsOnly: true } as const;
  it('judges no one by marks: marks left from before the switch neither drop out nor complete anyone', () => {
    expect(status('AAA', countsOnly)).toMatchObject({ status: 'active', atRisk: false });
    expect(status('PPP', { ...countsOnly, groupEnded: true }).status).toBe('ended_unrecorded');
  });
  it('says the group ended without attendance per person, rather than active', () => {
    expect(status('...', { ...countsOnly, groupEnded: true })).toMatchObject({ status: 'ended_unrecorded', atRisk: false });
    expect(status('...', { groupEnded: true }).status).toBe('active');
  });
  it('still follows a leader’s own decision', () => {
    expect(status('...', { ...countsOnly, groupEnded: true, manualStatus: 'dropped_out' }).status).toBe('dropped_out');
  });
});
