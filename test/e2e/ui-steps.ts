import type { Page } from '@playwright/test';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../src-main/contract';
import { expect, type KometServer } from './fixtures';

/** A local calendar date `days` from today, as the date inputs and the API want it. */
export function isoDate(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Arranges data over HTTP (as the page would) when a test is about a later step. */
export async function arrange<P extends ProcedureName>(komet: KometServer, procedure: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>> {
  const result = await komet.call(procedure, input);
  if (!result.ok) throw new Error(`${procedure} failed: ${result.error.message.en}`);
  return result.value;
}

export interface ArrangedGroup {
  programme: ProcedureOutput<'programmes.create'>;
  unit: ProcedureOutput<'units.create'>;
  group: ProcedureOutput<'groups.create'>;
}

/** A programme, a unit, two leaders, a supervisor and a group started two weeks ago. */
export async function arrangeGroup(komet: KometServer, suffix = ''): Promise<ArrangedGroup> {
  const programme = await arrange(komet, 'programmes.create', {
    name: `Testprogram${suffix}`,
    code: `tKomet${suffix}`,
    audience: 'parents',
    sessionCount: 11,
    sessionLengthMinutes: 150,
    childAgeMin: 3,
    childAgeMax: 11,
  });
  const unit = await arrange(komet, 'units.create', { name: `Testdistrikt${suffix}`, kind: 'district' });
  const leaders = await Promise.all(
    ['Astrid Ledare', 'Bo Ledare'].map((name) =>
      arrange(komet, 'staff.create', { name: `${name}${suffix}`, unitId: unit.id, isLeader: true, isSupervisor: false }),
    ),
  );
  const supervisor = await arrange(komet, 'staff.create', { name: `Cilla Handledare${suffix}`, isLeader: false, isSupervisor: true });
  const group = await arrange(komet, 'groups.create', {
    programmeId: programme.id,
    unitId: unit.id,
    venue: 'Familjecentralen',
    startDate: isoDate(-14),
    startTime: '17:30',
    note: '',
    leaderIds: leaders.map((l) => l.id),
    supervisorId: supervisor.id,
  });
  return { programme, unit, group };
}

export const mainNav = (page: Page) => page.getByRole('navigation', { name: /Huvudmeny|Main menu/ });

export async function goTo(page: Page, section: string): Promise<void> {
  const link = mainNav(page).getByRole('link', { name: section, exact: true });
  await link.click();
  // The link turns current in the render that shows its page; the old page's heading alone would
  // pass before the navigation has landed.
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/**
 * Waits for the day's first backup, made a moment after the vault opens (it re-reads only what
 * shows backups, so a test that counts a screen's requests need not wait for it).
 */
export async function firstBackupMade(komet: KometServer): Promise<void> {
  await expect.poll(async () => (await arrange(komet, 'backups.list', {})).length, { timeout: 15_000 }).toBeGreaterThan(0);
}

/** The confirmation toast; the live region holds all toasts, so match on text. */
/** The procedures the page asks for from now on, in order: a screen's requests are what it waits on. */
export function recordProcedures(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const procedure = request.headers()['x-komet-procedure'];
    if (procedure) asked.push(procedure);
  });
  return asked;
}

export const toast = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

export const statValue = (page: Page, label: string) => page.locator('.stat').filter({ hasText: label }).locator('dd');
