import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, arrangeGroup, goTo } from './ui-steps';

test('the year filter offers the years that have groups and the current year, nothing else', async ({ page, komet }) => {
  const { programme, unit, group } = await arrangeGroup(komet);
  const thisYear = new Date().getFullYear();
  await arrange(komet, 'groups.create', {
    programmeId: programme.id,
    unitId: unit.id,
    venue: 'Gamla skolan',
    startDate: `${thisYear - 4}-03-02`,
    startTime: '17:30',
    note: '',
    leaderIds: group.leaders.map((l) => l.id),
    supervisorId: null,
  });
  await goTo(page, 'Grupper');
  const year = page.getByRole('combobox', { name: 'År', exact: true });
  const offered = [...new Set([thisYear, Number(group.startDate.slice(0, 4)), thisYear - 4])].sort((a, b) => b - a).map(String);
  await expect(year.getByRole('option')).toHaveText(['Alla år', ...offered]);
  await year.selectOption(String(thisYear - 4));
  await expect(page.getByRole('table', { name: 'Grupper' }).getByRole('row')).toHaveCount(2);
  await expect(year.getByRole('option')).toHaveText(['Alla år', ...offered]);
  await expectNoAxeViolations(page);
});
