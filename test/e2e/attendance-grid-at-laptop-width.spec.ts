import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange } from './ui-steps';

test.use({ viewport: { width: 1366, height: 800 } });

test('the grid opens at the current session and keeps the names in view beside it', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet);
  const detail = await arrange(komet, 'groups.get', { id: group.id });
  // Sessions 1–7 held: session 8 is the one to record now.
  for (const s of detail.sessions.filter((s) => s.number <= 7))
    await arrange(komet, 'attendance.setColumn', { sessionId: s.id, state: 'present', markHeld: true });

  await openRoute(page, `/groups/${group.id}`);
  const grid = page.getByRole('grid', { name: 'Närvaro' });
  const current = grid.getByRole('columnheader', { name: /^Träff 8\b/ });
  const name = grid.getByRole('rowheader', { name: /^Anna/ });
  await expect(name).toBeVisible();
  await name.scrollIntoViewIfNeeded();

  const frame = await grid.evaluate((el) => {
    const r = el.closest('.table-wrap')!.getBoundingClientRect();
    return { left: r.left, right: r.right };
  });
  const box = async (locator: typeof name) => {
    const b = (await locator.boundingBox())!;
    return { left: b.x, right: b.x + b.width };
  };

  // Opened scrolled: the current session is inside the frame without the user scrolling.
  const openedAt = await box(current);
  expect.soft(openedAt.left, "session 8 is to the right of the frame's left edge").toBeGreaterThanOrEqual(frame.left);
  expect.soft(openedAt.right, 'session 8 is inside the frame').toBeLessThanOrEqual(frame.right + 1);

  // However far the grid is scrolled to reach the session, the name stays inside the frame and
  // the session's cells are not hidden under it.
  await current.scrollIntoViewIfNeeded();
  const session = await box(current);
  const person = await box(name);
  expect(person.left, "Anna's name starts inside the frame").toBeGreaterThanOrEqual(frame.left - 1);
  expect(person.right, "Anna's name ends inside the frame").toBeLessThanOrEqual(frame.right);
  expect(session.left, 'session 8 is not under the name column').toBeGreaterThanOrEqual(person.right - 1);
  await expect(grid.getByRole('gridcell', { name: 'Anna, träff 8: inte markerad' })).toBeInViewport();
});

test('a session header is named by its number, date and state, not by the long label of its button', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet, { participants: 2, startDaysAgo: 14 });
  await openRoute(page, `/groups/${group.id}`);
  const grid = page.getByRole('grid', { name: 'Närvaro' });
  // The header is announced with every cell of its column: it must stay short.
  await expect(grid.getByRole('columnheader', { name: /^Träff 1, [^,]+$/ })).toHaveCount(1);
  await expect(grid.getByRole('columnheader', { name: /^Träff 4, [^,]+, kommande$/i })).toHaveCount(1);
  await expect(grid.getByRole('columnheader', { name: /Alla närvarande/ })).toHaveCount(0);
  // The button keeps its full name for the one who reaches it.
  await expect(grid.getByRole('button', { name: 'Alla närvarande – markera alla omarkerade som närvarande på träff 1' })).toBeVisible();
  await expectNoAxeViolations(page, { include: '.attendance-wrap' });
});
