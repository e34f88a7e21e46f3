import type { Dashboard, ParsedInput, Stats } from '../../contract';
import { endOfIsoWeek } from '../domain/dates';
import type { StatsCell } from '../repos/reports';
import type { ServiceContext } from './context';
import { keptBetweenWrites } from './kept-between-writes';

// The dashboard shows the first of each list and counts the rest: a city-wide week can hold
// hundreds of sessions.
const overdueShown = 50;
const upcomingShown = 50;

export function dashboardService({ repos, clock }: ServiceContext) {
  // The dashboard is asked for on every visit to it, with the same figures until a write.
  const kept = keptBetweenWrites<Dashboard>(repos.writeStamp, 2);
  return {
    get: (input: ParsedInput<'dashboard.get'>): Dashboard => {
      const today = input.today ?? clock.today();
      return kept(today, () => make(today));
    },
  };

  function make(today: string): Dashboard {
    const byStatus = new Map(repos.reports.groupStatusCounts().map((r) => [r.status, r.n]));
    const held = repos.reports.heldInYear(today.slice(0, 4));
    return {
      today,
      activeGroups: byStatus.get('running') ?? 0,
      plannedGroups: byStatus.get('planned') ?? 0,
      sessionsHeldThisYear: held.n,
      participantCountThisYear: held.participants,
      peopleThisYear: repos.reports.peopleInYear(today.slice(0, 4)),
      upcomingThisWeek: repos.reports.upcoming(today, endOfIsoWeek(today), upcomingShown),
      upcomingTotal: repos.reports.upcomingTotal(today, endOfIsoWeek(today)),
      overdue: repos.reports.overdue(today, overdueShown),
      overdueTotal: repos.reports.overdueTotal(today),
    };
  }
}

type Breakdown = Stats['byProgramme'][number];
type Label = { key: string; label: string; active: boolean };

/** Sums the cube's cells along one dimension into report rows. */
function breakdown(groups: StatsCell[], held: StatsCell[], keyOf: (c: StatsCell) => string, labels: Map<string, Label>): Breakdown[] {
  const rows = new Map<string, Breakdown>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      const l = labels.get(key) ?? { key, label: key };
      rows.set(key, (r = { key: l.key, label: l.label, groups: 0, sessionsHeld: 0, participantCount: 0 }));
    }
    return r;
  };
  // Active programmes and units are listed even without groups, so a report shows the zeros.
  for (const [key, l] of labels) if (l.active) row(key);
  for (const c of groups) row(keyOf(c)).groups += c.n;
  for (const c of held) {
    const r = row(keyOf(c));
    r.sessionsHeld += c.n;
    r.participantCount += c.participants;
  }
  return [...rows.values()];
}

export function statsService({ repos }: ServiceContext) {
  return {
    /** Years are the start year for groups and the planned date's year for sessions. */
    get: (): Stats => {
      const sessions = { planned: 0, held: 0, cancelled: 0 };
      let participants = 0;
      for (const row of repos.reports.sessionStatusCounts()) {
        if (row.status in sessions) sessions[row.status as keyof typeof sessions] = row.n;
        if (row.status === 'held') participants = row.participants;
      }
      const groups = repos.reports.groupCells();
      const held = repos.reports.heldCells();
      const programmes = new Map(repos.programmes.list(true).map((p) => [p.id, { key: p.code, label: p.name, active: p.active }]));
      const units = new Map(repos.units.list(true).map((u) => [u.id, { key: u.id, label: u.name, active: u.active }]));
      const byLabel = (a: Breakdown, b: Breakdown) => a.label.localeCompare(b.label, 'sv-SE');
      return {
        ...repos.reports.totals(),
        sessions,
        participantCount: participants,
        byProgramme: breakdown(groups, held, (c) => c.programmeId, programmes).sort(byLabel),
        byUnit: breakdown(groups, held, (c) => c.unitId, units).sort(byLabel),
        byYear: breakdown(groups, held, (c) => c.year, new Map()).sort((a, b) => a.key.localeCompare(b.key)),
      };
    },
  };
}
