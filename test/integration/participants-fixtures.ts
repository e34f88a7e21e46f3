import type { GroupDetail, Participant, ProcedureInput } from '../../src-main/contract';
import type { TestApp } from '../helpers/db';
import { groupSetup, makeGroup, type GroupSetup } from './fixtures';

/** Late enough that every session of a 12-week group starting 2025-03-03 lies in the past. */
export const laterNow = '2025-06-30T10:00:00.000Z';

export async function groupWith(t: TestApp, sessionCount = 4, over: Record<string, unknown> = {}): Promise<{ setup: GroupSetup; group: GroupDetail }> {
  const setup = await groupSetup(t, sessionCount);
  return { setup, group: await makeGroup(t, setup, over) };
}

let n = 0;
export const participantInput = (groupId: string, over: Partial<ProcedureInput<'participants.create'>> = {}): ProcedureInput<'participants.create'> => ({
  groupId,
  displayName: `Förälder ${++n}`,
  relation: 'mother',
  enrolmentDate: '2025-02-20',
  consent: 'yes',
  consentDate: '2025-02-20',
  childBirthYear: 2019,
  childGender: 'girl',
  ...over,
});

export const addParticipant = (t: TestApp, groupId: string, over: Partial<ProcedureInput<'participants.create'>> = {}): Promise<Participant> =>
  t.ok('participants.create', participantInput(groupId, over));

export type State = 'present' | 'absent' | 'absent_with_notice' | null;
const codes: Record<string, State> = { P: 'present', A: 'absent', N: 'absent_with_notice', '.': null };

/**
 * Marks one participant across sessions from a pattern such as "PPAN." (P present, A absent, N with
 * notice, . nothing), recording each marked session held as a leader does when she saves it.
 */
export async function markRow(t: TestApp, group: GroupDetail, participantId: string, pattern: string): Promise<void> {
  for (let i = 0; i < pattern.length; i++) {
    const state = codes[pattern[i]!];
    if (state === undefined) throw new Error(`unknown mark ${pattern[i]}`);
    if (state !== null) await t.ok('attendance.set', { participantId, sessionId: group.sessions[i]!.id, state, markHeld: true });
  }
}

export const participant = (t: TestApp, id: string) => t.ok('participants.get', { id });
