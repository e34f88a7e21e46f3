import type { GroupOverview, ParsedInput, ParticipationDashboard, ParticipationStats } from '../../contract';
import { addDays } from '../domain/dates';
import { missing } from '../domain/errors';
import { fidelityPercent, isKnownOutcome } from '../domain/participation';
import type { ServiceContext } from './context';
import { keptBetweenWrites } from './kept-between-writes';

/** Recently held sessions the dashboard asks leaders to complete: the last twelve weeks. */
export const needsRecordWindowDays = 84;
const listed = 50;

// Rounded so the same data always reports the same figure: SQLite may sum the parts in any order.
const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1e6) / 1e6 : null);

export function participationReportService({ repos, clock }: ServiceContext) {
  // The dashboard's panels are asked for on every visit to it, with the same figures until a write.
  const keptDashboard = keptBetweenWrites<ParticipationDashboard>(repos.writeStamp, 2);
  return {
    /** Everything the group page shows, in one call: a handful of indexed queries on one group. */
    overview: ({ id }: ParsedInput<'groups.overview'>): GroupOverview => {
      const group = repos.groups.row(id);
      if (!group) throw missing('group');
      const programme = repos.programmes.get(group.programmeId)!;
      const participants = repos.participants.listForGroup(id);
      const sessions = repos.attendance.groupSessions(id);
      const marks = repos.attendance.groupMarks(id);
      const fidelityBySession = new Map(repos.plans.groupFidelity(id).map((f) => [f.sessionId, f]));
      const familyOf = new Map(participants.map((p) => [p.id, p.family.id]));
      const held = new Set(sessions.filter((s) => s.status === 'held').map((s) => s.id));

      const perSession = new Map(sessions.map((s) => [s.id, { present: 0, absent: 0, absentWithNotice: 0, families: new Set<string>() }]));
      const reached = new Set<string>();
      let presentMarks = 0;
      let heldMarks = 0;
      for (const m of marks) {
        const c = perSession.get(m.sessionId);
        if (!c) continue;
        if (m.state === 'present') {
          c.present++;
          c.families.add(familyOf.get(m.participantId)!);
        } else if (m.state === 'absent') c.absent++;
        else c.absentWithNotice++;
        if (held.has(m.sessionId)) {
          heldMarks++;
          if (m.state === 'present') {
            presentMarks++;
            reached.add(familyOf.get(m.participantId)!);
          }
        }
      }

      const current = participants.filter((p) => p.status !== 'moved');
      const count = (s: string) => current.filter((p) => p.status === s).length;
      const left = current.filter((p) => p.status === 'dropped_out' || p.status === 'never_started');
      const fidelity = sessions.map((s) => {
        const f = fidelityBySession.get(s.id);
        return { sessionId: s.id, number: s.number, percent: f ? fidelityPercent(f.coveredCount, f.totalCount) : null, note: f?.note ?? '' };
      });
      const recorded = fidelity.filter((f) => f.percent !== null);
      const known = current.filter((p) => isKnownOutcome(p.status)).length;

      return {
        groupId: id,
        programmeId: programme.id,
        programmeAudience: programme.audience,
        tracksAttendance: group.tracksAttendance,
        rules: { programmeId: programme.id, ...repos.plans.rules(programme.id) },
        participants,
        sessions,
        marks,
        fidelity,
        series: {
          attendance: sessions.map((s) => {
            const c = perSession.get(s.id)!;
            return {
              sessionId: s.id,
              number: s.number,
              date: s.heldDate ?? s.plannedDate,
              status: s.status,
              present: c.present,
              absent: c.absent,
              absentWithNotice: c.absentWithNotice,
              families: c.families.size,
            };
          }),
          // Someone who left counts from the first held session after the last one they attended.
          cumulativeDropout: sessions
            .filter((s) => s.status === 'held')
            .map((s) => ({ number: s.number, droppedOut: left.filter((p) => (p.lastSessionAttended ?? 0) < s.number).length })),
        },
        summary: {
          participants: current.length,
          families: new Set(current.map((p) => p.family.id)).size,
          familiesReached: group.tracksAttendance ? reached.size : null,
          active: count('active'),
          completed: count('completed'),
          droppedOut: count('dropped_out'),
          neverStarted: count('never_started'),
          atRisk: current.filter((p) => p.atRisk).length,
          // While anyone's outcome is still open the share would count only those who left: no rate yet.
          // Head counts alone say who left but not who completed, so such a group has no rate at all.
          completionRate: count('active') > 0 || !group.tracksAttendance ? null : rate(count('completed'), known),
          meanAttendance: rate(presentMarks, heldMarks),
          meanFidelity: recorded.length ? recorded.reduce((sum, f) => sum + f.percent!, 0) / recorded.length : null,
        },
      };
    },

    dashboard: (input: ParsedInput<'dashboard.participation'>): ParticipationDashboard => {
      const today = input.today ?? clock.today();
      return keptDashboard(today, () => dashboard(today));
    },

    stats: (): ParticipationStats => {
      const programmes = new Map(repos.programmes.list(true).map((p) => [p.id, p]));
      const fidelity = new Map(repos.participation.fidelityByProgramme().map((f) => [f.programmeId, f]));
      const rows = repos.participation.byProgramme();
      const totals = { total: 0, completed: 0, droppedOut: 0, present: 0, marked: 0, fidelitySum: 0, fidelityN: 0 };
      for (const r of rows) {
        totals.total += r.total;
        totals.completed += r.completed;
        totals.droppedOut += r.droppedOut;
        totals.present += r.present;
        totals.marked += r.marked;
      }
      for (const f of fidelity.values()) {
        totals.fidelitySum += f.sum;
        totals.fidelityN += f.n;
      }
      const byProgramme = [...programmes.values()]
        .filter((p) => p.active || rows.some((r) => r.programmeId === p.id))
        .map((p) => {
          const r = rows.find((x) => x.programmeId === p.id);
          const f = fidelity.get(p.id);
          return {
            key: p.code,
            label: p.name,
            participants: r?.total ?? 0,
            completed: r?.completed ?? 0,
            droppedOut: r?.droppedOut ?? 0,
            families: r?.families ?? 0,
            attendanceRate: rate(r?.present ?? 0, r?.marked ?? 0),
            fidelityRate: f ? rate(f.sum, f.n) : null,
          };
        })
        .sort((a, b) => a.label.localeCompare(b.label, 'sv-SE'));
      return {
        participants: { total: totals.total, completed: totals.completed, droppedOut: totals.droppedOut, families: repos.participation.familiesTotal() },
        attendanceRate: rate(totals.present, totals.marked),
        fidelityRate: rate(totals.fidelitySum, totals.fidelityN),
        byProgramme,
      };
    },
  };

  function dashboard(today: string): ParticipationDashboard {
    const from = addDays(today, -needsRecordWindowDays);
    const outcomes = repos.participation.outcomesForGroupsStarting(today.slice(0, 4));
    return {
      atRisk: repos.participation.atRisk(listed),
      atRiskTotal: repos.participation.atRiskTotal(),
      heldWithoutAttendance: repos.participation.heldWithoutAttendance(from, today, listed),
      heldWithoutAttendanceTotal: repos.participation.heldWithoutAttendanceTotal(from, today),
      heldWithoutFidelity: repos.participation.heldWithoutFidelity(from, today, listed),
      heldWithoutFidelityTotal: repos.participation.heldWithoutFidelityTotal(from, today),
      completionRateThisYear: rate(outcomes.completed, outcomes.known),
    };
  }
}
