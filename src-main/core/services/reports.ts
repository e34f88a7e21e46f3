import type { Dashboard, ParsedInput, Stats } from '../../ipc/contract';
import { endOfIsoWeek, yearRange } from '../domain/dates';
import type { CountRow } from '../repos/reports';
import type { ServiceContext } from './context';

const overdueShown = 50;

export function dashboardService({ repos, clock }: ServiceContext) {
  return {
    get: (input: ParsedInput<'dashboard.get'>): Dashboard => {
      const today = input.today ?? clock.today();
      const byStatus = new Map(repos.reports.groupStatusCounts().map((r) => [r.status, r.n]));
      const year = yearRange(Number(today.slice(0, 4)));
      const held = repos.reports.heldInRange(year.from, year.to);
      return {
        today,
        activeGroups: byStatus.get('running') ?? 0,
        plannedGroups: byStatus.get('planned') ?? 0,
        sessionsHeldThisYear: held.n,
        participantCountThisYear: held.participants,
        upcomingThisWeek: repos.reports.upcoming(today, endOfIsoWeek(today)),
        overdue: repos.reports.overdue(today, overdueShown),
        overdueTotal: repos.reports.overdueTotal(today),
      };
    },
  };
}

type Breakdown = Stats['byProgramme'][number];

/** Joins group counts and held-session counts on their key into one row per key. */
function merge(groups: CountRow[], held: CountRow[], labels: Map<string, { key: string; label: string; active?: boolean }>): Breakdown[] {
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
  for (const g of groups) row(g.key).groups = g.n;
  for (const h of held) Object.assign(row(h.key), { sessionsHeld: h.n, participantCount: h.participants });
  return [...rows.values()];
}

export function statsService({ repos }: ServiceContext) {
  return {
    /** Years are the start year for groups and the planned date's year for sessions. */
    get: (): Stats => {
      const totals = repos.reports.totals();
      const sessions = { planned: 0, held: 0, cancelled: 0 };
      let participantCount = 0;
      for (const s of repos.reports.sessionStatusCounts()) {
        sessions[s.status as keyof typeof sessions] = s.n;
        if (s.status === 'held') participantCount = s.participants;
      }
      const programmes = new Map(repos.programmes.list(true).map((p) => [p.id, { key: p.code, label: p.name, active: p.active }]));
      const units = new Map(repos.units.list(true).map((u) => [u.id, { key: u.id, label: u.name, active: u.active }]));
      const byLabel = (a: Breakdown, b: Breakdown) => a.label.localeCompare(b.label, 'sv');
      return {
        ...totals,
        sessions,
        participantCount,
        byProgramme: merge(repos.reports.groupsBy('programme'), repos.reports.heldBy('programme'), programmes).sort(byLabel),
        byUnit: merge(repos.reports.groupsBy('unit'), repos.reports.heldBy('unit'), units).sort(byLabel),
        byYear: merge(repos.reports.groupsBy('year'), repos.reports.heldBy('year'), new Map()).sort((a, b) => a.key.localeCompare(b.key)),
      };
    },
  };
}
