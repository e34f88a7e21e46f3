import type { Page } from '@playwright/test';
import type { ProcedureOutput } from '../../src-main/contract';
import { type KometServer } from './fixtures';
import { arrange, isoDate } from './ui-steps';

export const names = ['Anna', 'Bertil', 'Cecilia', 'David', 'Eva', 'Frida'] as const;

/** The seeded names the screens show for the arranged group. */
export const programmeName = 'Komet för föräldrar 3–11';
export const unitName = 'Norrmalm stadsdelsförvaltning';

/**
 * A group of the seeded 11-session programme that started 11 weeks ago, so every session is in the past,
 * with six participants enrolled before the start; Anna and Bertil are one family.
 */
export async function arrangeParticipationGroup(komet: KometServer, options: { participants?: number; startDaysAgo?: number } = {}) {
  // Every data dir starts with the seeded programmes and districts: use them, as a user would.
  const programme = (await arrange(komet, 'programmes.list', {})).find((p) => p.code === 'fKomet');
  const unit = (await arrange(komet, 'units.list', {})).find((u) => u.name === unitName);
  if (!programme || !unit) throw new Error('the seeded fKomet programme or Norrmalm district is missing');
  const leader = await arrange(komet, 'staff.create', { name: 'Astrid Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const group = await arrange(komet, 'groups.create', {
    programmeId: programme.id,
    unitId: unit.id,
    venue: 'Familjecentralen',
    startDate: isoDate(-(options.startDaysAgo ?? 77)),
    startTime: '17:30',
    note: '',
    leaderIds: [leader.id],
    supervisorId: null,
  });
  const childYear = new Date().getFullYear() - 6;
  const participants: ProcedureOutput<'participants.create'>[] = [];
  for (const [i, displayName] of names.slice(0, options.participants ?? 6).entries()) {
    const familyId: string | null = i === 1 ? participants[0]!.family.id : null;
    // Distinct enrolment dates keep the list order fixed (the list is sorted by enrolment).
    const enrolled = isoDate(-(options.startDaysAgo ?? 77) - 14 + i);
    participants.push(
      await arrange(komet, 'participants.create', {
        groupId: group.id,
        displayName,
        relation: i === 1 ? 'father' : 'mother',
        familyId,
        childBirthYear: childYear,
        childGender: 'girl',
        enrolmentDate: enrolled,
        consent: 'yes',
        consentDate: enrolled,
        contact: '',
      }),
    );
  }
  return { programme, unit, leader, group, participants };
}

/** Opens a page of the app by its hash route, keeping the page's token. */
export async function openRoute(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#${route}`);
}
