import { describe, expect, it } from 'vitest';
import {
  followUpOverdueRule,
  lowAttendanceRule,
  lowFidelityRule,
  noSupervisionRule,
  readyForCertificationRule,
  defaultAttentionParams as p,
  type GroupForAttention,
} from '../../src-main/core/domain/attention';
import {
  addMonths,
  countsAsSupervised,
  defaultRequirements,
  evaluatePathway,
  evaluatePathwayStatus,
  heldNeeded,
  mostAdvanced,
  type LedGroup,
} from '../../src-main/core/domain/pathway';

const group = (over: Partial<GroupForAttention> = {}): GroupForAttention => ({
  groupId: 'g',
  label: 'fKomet Skärholmen (2025-01-06)',
  status: 'running',
  startDate: '2025-01-06',
  lastSupervisionDate: null,
  attendance: 0.8,
  fidelity: 90,
  ...over,
});
const led = (over: Partial<LedGroup> = {}): LedGroup => ({
  groupId: 'g',
  label: 'G',
  supervisorId: 's',
  status: 'completed',
  sessionCount: 11,
  heldCount: 11,
  lastHeldDate: '2024-05-01',
  ...over,
});

describe('attention rules at their boundaries', () => {
  it('no supervision: flagged from exactly 4 weeks after the last supervision (or the start), running groups only', () => {
    expect(noSupervisionRule(group({ lastSupervisionDate: '2025-02-01' }), '2025-02-28', p)).toBeNull();
    const f = noSupervisionRule(group({ lastSupervisionDate: '2025-02-01' }), '2025-03-01', p)!;
    expect(f).toMatchObject({ rule: 'no_supervision', value: 4, threshold: 4, groupId: 'g' });
    expect(f.message.sv).toBe('fKomet Skärholmen (2025-01-06): ingen handledning på 4 veckor (senast 1 februari 2025; gräns 4 veckor).');
    expect(f.message.en).toBe('fKomet Skärholmen (2025-01-06): no supervision for 4 weeks (last 1 February 2025; limit 4 weeks).');
    // Said once, with the day: not "sedan start för 4 veckor sedan".
    const fromStart = noSupervisionRule(group(), '2025-02-03', p)!.message;
    expect(fromStart.sv).toBe('fKomet Skärholmen (2025-01-06): ingen handledning på 4 veckor, sedan gruppen startade 6 januari 2025 (gräns 4 veckor).');
    expect(fromStart.en).toBe('fKomet Skärholmen (2025-01-06): no supervision for 4 weeks, since the group started on 6 January 2025 (limit 4 weeks).');
    expect(noSupervisionRule(group({ status: 'completed' }), '2026-01-01', p)).toBeNull();
  });

  it('attendance: 60 % is fine, just below is flagged; no marks is not judged', () => {
    expect(lowAttendanceRule(group({ attendance: 0.6 }), p)).toBeNull();
    expect(lowAttendanceRule(group({ attendance: 0.599 }), p)).toMatchObject({ rule: 'low_attendance', value: 59.9, threshold: 60 });
    expect(lowAttendanceRule(group({ attendance: null }), p)).toBeNull();
    expect(lowAttendanceRule(group({ attendance: 0.1, status: 'planned' }), p)).toBeNull();
  });

  it('fidelity: 70 % is fine, 69.9 is flagged', () => {
    expect(lowFidelityRule(group({ fidelity: 70 }), p)).toBeNull();
    expect(lowFidelityRule(group({ fidelity: 69.9 }), p)?.message.en).toBe('fKomet Skärholmen (2025-01-06): fidelity is 69.9 % (limit 70 %).');
    expect(lowFidelityRule(group({ fidelity: null }), p)).toBeNull();
  });

  it('ready for certification only while met and not certified; follow-ups overdue from the day after due', () => {
    expect(readyForCertificationRule({ programmeId: 'p', programmeCode: 'fKomet', requirementsMet: true, certified: false })?.message.sv).toBe(
      'Uppfyller kraven för fKomet men är inte certifierad.',
    );
    expect(readyForCertificationRule({ programmeId: 'p', programmeCode: 'fKomet', requirementsMet: true, certified: true })).toBeNull();
    expect(readyForCertificationRule({ programmeId: 'p', programmeCode: 'fKomet', requirementsMet: false, certified: false })).toBeNull();
    const f = { id: 'f', text: 'x', dueDate: '2025-03-10', done: false };
    expect(followUpOverdueRule(f, '2025-03-10')).toBeNull();
    expect(followUpOverdueRule(f, '2025-03-11')).toMatchObject({
      value: 1,
      message: { sv: 'Uppföljning försenad 1 dag (skulle vara klar 10 mars 2025).', en: 'Follow-up 1 day overdue (due 10 March 2025).' },
    });
    expect(followUpOverdueRule({ ...f, done: true }, '2025-04-01')).toBeNull();
  });
});

describe('pathway rules', () => {
  it('needs the rounded-up share of sessions held, at least one', () => {
    expect(heldNeeded(11, 80)).toBe(9);
    expect(heldNeeded(10, 80)).toBe(8);
    expect(heldNeeded(0, 80)).toBe(1);
    expect(countsAsSupervised(led({ heldCount: 9 }), 'l', 80)).toBe(true);
    expect(countsAsSupervised(led({ heldCount: 8 }), 'l', 80)).toBe(false);
    expect(countsAsSupervised(led({ supervisorId: 'l' }), 'l', 80)).toBe(false);
    expect(countsAsSupervised(led({ status: 'cancelled' }), 'l', 80)).toBe(false);
  });

  it('adds months clamping to the month end', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-11-15', 24)).toBe('2025-11-15');
  });

  it('inactive from exactly the set time after the later of certification and last group; a running group keeps it active', () => {
    const facts = { leaderId: 'l', courseDays: 4, groups: [led()], supervisionSessions: 4, certificationDate: '2024-06-01' };
    const opts = { inactiveAfterMonths: 24 };
    expect(evaluatePathway(facts, defaultRequirements, { ...opts, today: '2026-05-31' })).toMatchObject({ status: 'certified', inactiveFrom: '2026-06-01' });
    expect(evaluatePathway(facts, defaultRequirements, { ...opts, today: '2026-06-01' }).status).toBe('inactive');
    const running = { ...facts, groups: [led(), led({ groupId: 'h', status: 'running', lastHeldDate: '2024-09-01' })] };
    expect(evaluatePathway(running, defaultRequirements, { ...opts, today: '2030-01-01' }).status).toBe('certified');
    expect(mostAdvanced(['in_training', 'inactive', 'requirements_met'])).toBe('inactive');
    expect(mostAdvanced([])).toBe('not_started');
  });
});

describe("the overview's status-only evaluation", () => {
  it('gives the same status, requirements and dates as the full evaluation in every case', () => {
    const groupSets: LedGroup[][] = [
      [],
      [led()],
      [led({ status: 'running', lastHeldDate: '2025-02-01', heldCount: 3 })],
      [led({ supervisorId: 'me' }), led({ groupId: 'h', heldCount: 8, lastHeldDate: '2022-01-10' })],
      [led({ status: 'cancelled' }), led({ groupId: 'h', supervisorId: null, lastHeldDate: null, heldCount: 0 })],
    ];
    let cases = 0;
    for (const groups of groupSets) {
      for (const courseDays of [0, 3, 4]) {
        for (const supervisionSessions of [0, 4]) {
          for (const certificationDate of [null, '2021-06-01', '2024-12-31']) {
            for (const req of [defaultRequirements, { ...defaultRequirements, requireSupervisedGroup: false, minSupervisionSessions: 0 }]) {
              const facts = { leaderId: 'me', courseDays, groups, supervisionSessions, certificationDate };
              const options = { today: '2025-03-12', inactiveAfterMonths: 24 };
              const full = evaluatePathway(facts, req, options);
              expect(evaluatePathwayStatus(facts, req, options)).toEqual({
                status: full.status,
                requirementsMet: full.requirementsMet,
                lastLedDate: full.lastLedDate,
                inactiveFrom: full.inactiveFrom,
              });
              cases++;
            }
          }
        }
      }
    }
    expect(cases).toBe(180);
  });
});
