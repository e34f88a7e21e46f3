// The leaders' ways into Komet from outside a page: a calendar file of a group's sessions, and the header search.
import fs from 'node:fs';
import ICAL from 'ical.js';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, names, openRoute } from './participation-helpers';

test('the group page saves its sessions as a calendar file the leaders can import, without participants', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet, { participants: 2, startDaysAgo: 7 });
  const detail = await komet.call('groups.get', { id: group.id });
  if (!detail.ok) throw new Error('group missing');
  await openRoute(page, `/groups/${group.id}`);
  const save = page.getByRole('button', { name: 'Spara träffarna som kalenderfil (.ics)' });
  await expect(save).toBeVisible();
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  expect(download.suggestedFilename()).toMatch(/^komet-fKomet-.*\.ics$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  expect(events).toHaveLength(detail.value.sessions.length);
  expect(events.map((e) => e.uid)).toEqual(detail.value.sessions.map((s) => `${s.id}@komet`));
  expect(events[0]!.summary).toBe('Komet för föräldrar 3–11, Norrmalm stadsdelsförvaltning: träff 1');
  expect(events[0]!.location).toBe('Familjecentralen');
  // 17:30 on the group's first day, Stockholm time, whatever the machine's zone.
  const first = events[0]!.startDate.toJSDate();
  const shown = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(first);
  expect(shown).toBe(`${detail.value.sessions[0]!.plannedDate} 17:30`);
  for (const name of names.slice(0, 2)) expect(text).not.toContain(name);
});

test('the header search is one key press away and lists people, groups and leaders as links', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet, { participants: 3 });
  await openRoute(page, '/');
  await page.keyboard.press('Control+k');
  const field = page.getByRole('searchbox', { name: /^Sök/ });
  await expect(field).toBeFocused();
  await field.fill('cecilia');
  await field.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sökresultat för ”cecilia”' })).toBeVisible();
  const people = page.getByRole('region', { name: 'Deltagare' });
  await expect(people.getByRole('link')).toHaveText(['Cecilia']);
  await expectNoAxeViolations(page);

  await page.keyboard.press('Control+k');
  await expect(field).toBeFocused();
  await field.fill('astrid');
  await field.press('Enter');
  await expect(page.getByRole('region', { name: 'Gruppledare' }).getByRole('link', { name: 'Astrid Ledare' })).toBeVisible();
  await field.fill('Familjecentralen');
  await field.press('Enter');
  await page.getByRole('region', { name: 'Grupper' }).getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`#/groups/${group.id}$`));
});
