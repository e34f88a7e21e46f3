import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { statValue } from './ui-steps';

// One column per session, one letter per participant (Anna … Frida), typed into the grid:
// n/p/1 present, f/2 absent, a/3 absent with notice; '-' is Enter, which confirms the cell as it
// is and goes on to the next person; '^' is ArrowUp.
// Frida is absent without notice from session 4: at risk after 5, dropped out after 6.
const typed: Record<number, string> = {
  // Anna, back up to her, Enter to confirm her mark and go on to Bertil, then the rest.
  2: '1^-11111',
  3: 'pppppp',
  4: 'nnnnaf',
  5: 'nnnnn2',
  6: 'nnnnnf',
  7: 'nnnnn-',
  8: 'nnnfn-',
  9: 'nnnnn-',
  10: '33nnn-',
  11: 'nnnnn-',
};

async function typeColumn(page: Page, marks: string): Promise<void> {
  for (const ch of marks) await page.keyboard.press(ch === '-' ? 'Enter' : ch === '^' ? 'ArrowUp' : ch);
}

const footer = (grid: Locator, name: string) => grid.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('gridcell');

test('records a full 11-session group with the keyboard alone and sees counts, statuses and charts follow', async ({ page, komet }) => {
  // About 80 key presses, each saved and re-read, on a shared machine.
  test.setTimeout(300_000);
  const { group } = await arrangeParticipationGroup(komet);
  // Marks do not record a session held; the leader records each one once its attendance is taken.
  // Held with no number, the count comes from the marks, so it waits until the first one is saved.
  const recordHeld = async (number: number) => {
    const session = group.sessions.find((x) => x.number === number)!;
    await expect
      .poll(async () => (await komet.call('sessions.record', { id: session.id, status: 'held', heldDate: session.plannedDate, participantCount: null })).ok)
      .toBe(true);
  };
  await openRoute(page, `/groups/${group.id}`);
  const grid = page.getByRole('grid', { name: 'Närvaro' });
  await expect(grid.getByRole('row')).toHaveCount(1 + 6 + 2);
  await expect(page.getByText('N eller P = närvarande, F = frånvarande, A = anmäld frånvaro')).toBeVisible();

  // Into the grid with Tab: its one tab stop is the first unmarked cell.
  await page.getByRole('checkbox', { name: 'Gå till nästa deltagare efter varje markering' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('gridcell', { name: 'Anna, träff 1: inte markerad' })).toBeFocused();

  // Session 1: up to the column header's "all present" button.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: /^Alla närvarande – markera alla omarkerade som närvarande på träff 1$/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('gridcell', { name: 'Frida, träff 1: närvarande' })).toBeVisible();
  await recordHeld(1);
  await page.keyboard.press('ArrowDown');

  for (let session = 2; session <= 11; session++) {
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('gridcell', { name: new RegExp(`^Anna, träff ${session}: `) })).toBeFocused();
    await typeColumn(page, typed[session]!);
    await recordHeld(session);
    if (session === 5) {
      await expect(grid.getByRole('rowheader', { name: /^Frida/ })).toContainText('Risk för avhopp');
    }
    if (session === 6) {
      await expect(grid.getByRole('rowheader', { name: /^Frida/ })).toContainText('Avhopp');
      await expect(grid.getByRole('rowheader', { name: /^Frida/ })).not.toContainText('Risk för avhopp');
    }
  }
  // Every key was saved: the announcement confirms the last one.
  await expect(page.getByRole('status').filter({ hasText: 'Eva, träff 11: närvarande. Sparat.' })).toBeAttached();
  await expect(page.getByRole('gridcell', { name: 'Anna, träff 10: anmäld frånvaro' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'David, träff 8: frånvarande' })).toBeVisible();

  // Derived counts: individuals and families (Anna and Bertil are one family).
  await expect(footer(grid, 'Närvarande deltagare')).toHaveText(['6', '6', '6', '4', '5', '5', '5', '4', '5', '3', '5']);
  await expect(footer(grid, 'Närvarande familjer')).toHaveText(['5', '5', '5', '3', '4', '4', '4', '3', '4', '3', '4']);
  const sessions = page.getByRole('table', { name: 'Träffar', exact: true });
  await expect(sessions.getByRole('row', { name: /^4 / })).toContainText('4 deltagare');
  await expect(sessions.getByRole('row', { name: /^10 / })).toContainText('3 deltagare');
  await expect(page.getByText('11 genomförda, 0 inställda av 11')).toBeVisible();

  // The group has ended: everyone but Frida completed.
  const participants = page.getByRole('table', { name: 'Deltagare', exact: true });
  await expect(participants.getByRole('row', { name: /^Frida/ })).toContainText('Avhopp');
  await expect(participants.getByRole('row', { name: /^Anna/ })).toContainText('Fullföljt');
  await expect(participants.getByRole('row', { name: /^David/ })).toContainText('10 av 11');
  await expect(statValue(page, 'Familjer nådda')).toHaveText('5');
  await expect(statValue(page, 'Fullföljandegrad')).toHaveText('83 %');
  // 54 present marks out of 61 (Frida has no marks after she dropped out).
  await expect(statValue(page, 'Genomsnittlig närvaro')).toHaveText('89 %');

  // The charts' table alternatives carry the same numbers.
  const attendanceFigure = page.getByRole('figure', { name: 'Närvaro per träff' });
  await expect(attendanceFigure.getByRole('img', { name: /Närvaro per träff\. Stapeldiagram för 11 genomförda träffar/ })).toBeVisible();
  await attendanceFigure.getByRole('button', { name: 'Visa som tabell' }).click();
  const attendanceTable = attendanceFigure.getByRole('table', { name: 'Närvaro per träff' });
  await expect(attendanceTable.getByRole('row', { name: /^Träff 4 / }).getByRole('cell')).toHaveText([/./, '4', '1', '1', '3']);
  await expect(attendanceTable.getByRole('row', { name: /^Träff 10 / }).getByRole('cell')).toHaveText([/./, '3', '0', '2', '3']);
  const dropoutFigure = page.getByRole('figure', { name: 'Avhopp, sammanlagt' });
  await dropoutFigure.getByRole('button', { name: 'Visa som tabell' }).click();
  const dropoutTable = dropoutFigure.getByRole('table', { name: 'Avhopp, sammanlagt' });
  await expect(dropoutTable.getByRole('row', { name: /^Träff 1 / })).toContainText('0');
  await expect(dropoutTable.getByRole('row', { name: /^Träff 11 / })).toContainText('1');

  await expectNoAxeViolations(page);
});

test('cells of cancelled and future sessions explain why they cannot be set', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet, { participants: 2, startDaysAgo: 14 });
  const detail = await komet.call('groups.get', { id: group.id });
  if (!detail.ok) throw new Error('group missing');
  const second = detail.value.sessions.find((s) => s.number === 2)!;
  await komet.call('sessions.record', { id: second.id, status: 'cancelled', cancelReason: 'Lokalen var stängd' });
  await openRoute(page, `/groups/${group.id}`);
  const grid = page.getByRole('grid', { name: 'Närvaro' });
  await expect(grid.getByRole('gridcell', { name: 'Anna, träff 2: inte markerad, träffen är inställd och kan inte registreras' })).toHaveAttribute(
    'aria-readonly',
    'true',
  );
  await expect(grid.getByRole('gridcell', { name: 'Bertil, träff 5: inte markerad, träffen har inte ägt rum än' })).toHaveAttribute('aria-readonly', 'true');
  await expect(grid.getByRole('columnheader', { name: /Träff 5/ })).toContainText('Kommande');

  // Typing on a locked cell saves nothing and says why.
  await grid.getByRole('gridcell', { name: /^Anna, träff 1: / }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('n');
  await expect(page.getByRole('status').filter({ hasText: 'Anna, träff 2: träffen är inställd och kan inte registreras' })).toBeAttached();
  await expect(grid.getByRole('gridcell', { name: /^Anna, träff 2: inte markerad/ })).toBeVisible();

  // Delete clears a cell that was set.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('f');
  await expect(grid.getByRole('gridcell', { name: 'Anna, träff 1: frånvarande' })).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Delete');
  await expect(grid.getByRole('gridcell', { name: 'Anna, träff 1: inte markerad' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Anna, träff 1: inte markerad. Sparat.' })).toBeAttached();
});
