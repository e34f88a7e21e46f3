import type { AttentionFlag, CertificateSummary, LeaderPage, LeaderRow, LeadersOverview, ParsedInput } from '../../contract';
import { ratingScale } from '../../contract/rating-scale';
import { followUpOverdueRule, lowAttendanceRule, lowFidelityRule, noSupervisionRule, readyForCertificationRule, ruleExplanations } from '../domain/attention';
import { missing } from '../domain/errors';
import { mostAdvanced, statusRank } from '../domain/pathway';
import { compareSwedish, foldCase } from '../domain/text';
import type { ServiceContext } from './context';
import { gatherLeaderFacts, gatherLeaderSummaries, gatherLeaderSummariesSteps, type LeaderSummary, readLeaderSettings } from './leaders-facts';
import { supervisionService } from './supervision';
import { finish } from '../steps';

const notNull = <T>(x: T | null): x is T => x !== null;

/** Every "needs attention" flag for one leader, in the order the legend lists the rules. */
function attentionOf(f: LeaderSummary, today: string, params: ReturnType<typeof readLeaderSettings>): AttentionFlag[] {
  const running = f.groups.filter((g) => g.status === 'running').map((g) => ({ ...g, attendance: g.meanAttendance, fidelity: g.meanFidelity }));
  return [
    ...running.map((g) => noSupervisionRule(g, today, params)),
    ...running.map((g) => lowAttendanceRule(g, params)),
    ...running.map((g) => lowFidelityRule(g, params)),
    ...f.pathways.map((p) => readyForCertificationRule(p)),
    ...f.openFollowUps.map((u) => followUpOverdueRule({ ...u, done: false }, today)),
  ].filter(notNull);
}

const mean = (xs: (number | null)[]) => {
  const v = xs.filter(notNull);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/** The supervisor overview, the leader page and the printable certificate summary. */
export function leaderService(ctx: ServiceContext) {
  const { repos, clock } = ctx;
  const supervision = supervisionService(ctx);

  const row = (f: LeaderSummary, today: string, params: ReturnType<typeof readLeaderSettings>): LeaderRow => {
    let present = 0;
    let marked = 0;
    for (const g of f.groups) {
      present += g.present;
      marked += g.marked;
    }
    return {
      leaderId: f.person.id,
      name: f.person.name,
      unitName: f.person.unitName,
      active: f.person.active === 1,
      status: mostAdvanced(f.pathways.map((p) => p.status)),
      pathways: f.pathways.map((p) => ({ programmeId: p.programmeId, programmeCode: p.programmeCode, status: p.status })),
      groupsLed: f.groups.filter((g) => g.status !== 'cancelled').length,
      runningGroups: f.groups.filter((g) => g.status === 'running').length,
      meanAttendance: marked > 0 ? present / marked : null,
      meanFidelity: mean(f.groups.map((g) => g.meanFidelity)),
      meanRating: f.supervision?.meanRating ?? null,
      lastSupervisionDate: f.supervision?.lastDate ?? null,
      openFollowUps: f.openFollowUps.length,
      attention: attentionOf(f, today, params),
    };
  };

  // ISO dates (and ids) order the same way byte by byte; plain comparison avoids a collator call per pair.
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorters: Record<ParsedInput<'leaders.overview'>['sort'], ((a: LeaderRow, b: LeaderRow) => number) | null> = {
    name: null,
    status: (a, b) => statusRank(a.status) - statusRank(b.status),
    attention: (a, b) => a.attention.length - b.attention.length,
    attendance: (a, b) => (a.meanAttendance ?? -1) - (b.meanAttendance ?? -1),
    fidelity: (a, b) => (a.meanFidelity ?? -1) - (b.meanFidelity ?? -1),
    lastSupervision: (a, b) => byText(a.lastSupervisionDate ?? '', b.lastSupervisionDate ?? ''),
    groups: (a, b) => a.groupsLed - b.groupsLed,
  };

  // Every leader's row comes from grouped queries over all sessions and participants, which grow
  // with the years recorded. The rows are kept between reads; after a write on this connection only
  // the leaders it reached are read again (repos.leadersChanges notes them), and everything is read
  // again when the day moves, when something all rows depend on changed, when a write reached many
  // leaders, or when another connection wrote (the CLI beside a running app). They are kept in name
  // order (A–Ö, ties by id): every sort is stable, so ties stay in name order without comparing
  // names again on each call, and a re-read row goes back in its place by binary search.
  const byName = (a: LeaderRow, b: LeaderRow) => compareSwedish(a.name, b.name) || byText(a.leaderId, b.leaderId);
  const placeOf = (rows: LeaderRow[], r: LeaderRow) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byName(rows[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Past this many, one read of everyone costs less than reading each leader's groups.
  const incrementalAtMost = 500;
  type Kept = { today: string; otherWrites: number; noted: number; rows: LeaderRow[]; params: ReturnType<typeof readLeaderSettings> };
  let kept: Kept | null = null;
  function* readAllSteps(today: string): Generator<void, Kept> {
    // Noted before the first query: what is written between the steps of a reading ahead is read
    // again at the next call, as after any write.
    const noted = repos.leadersChanges.start();
    const otherWrites = repos.leadersReport.otherWrites();
    const params = readLeaderSettings(repos);
    const rows = (yield* gatherLeaderSummariesSteps(repos, today, params)).map((f) => row(f, today, params));
    return { today, otherWrites, noted, params, rows: rows.sort(byName) };
  }
  const readAll = (today: string): Kept => finish(readAllSteps(today));
  // A reading of everyone begun ahead of the first call (warm), step by step between other calls.
  let ahead: { today: string; steps: Generator<void, Kept> } | null = null;
  const takeAhead = (today: string) => {
    if (!ahead) return;
    const { today: day, steps } = ahead;
    ahead = null;
    try {
      const read = finish(steps);
      if (day === today) kept = read;
    } catch {
      // Read again by the call, which reports what fails.
    }
  };
  const allRows = (today: string): Kept => {
    takeAhead(today);
    if (!kept || kept.today !== today || kept.otherWrites !== repos.leadersReport.otherWrites()) return (kept = readAll(today));
    const changes = repos.leadersChanges.after(kept.noted, 4 * incrementalAtMost);
    if (changes.upTo === kept.noted) return kept;
    if (changes.all || changes.leaderIds.length > incrementalAtMost) return (kept = readAll(today));
    const { params } = kept;
    const reread = new Set(changes.leaderIds);
    const rows = kept.rows.filter((r) => !reread.has(r.leaderId));
    for (const f of gatherLeaderSummaries(repos, today, params, changes.leaderIds)) {
      const r = row(f, today, params);
      rows.splice(placeOf(rows, r), 0, r);
    }
    return (kept = { ...kept, noted: changes.upTo, rows });
  };

  return {
    /**
     * The overview's rows read ahead of its first call, one grouped query per step (each a good
     * part of a second at city scale; all of them seconds on a freshly opened file): the caller
     * runs a step when nothing else is waiting. A call that comes first finishes what is left.
     * Returns whether steps remain.
     */
    warmStep: (): boolean => {
      const today = clock.today();
      if (!ahead) {
        if (kept && kept.today === today) return false;
        ahead = { today, steps: readAllSteps(today) };
      }
      const { steps } = ahead;
      let next: IteratorResult<void, Kept>;
      try {
        next = steps.next();
      } catch (err) {
        ahead = null;
        throw err;
      }
      if (!next.done) return true;
      ahead = null;
      kept = next.value;
      return false;
    },

    overview: (input: ParsedInput<'leaders.overview'>): LeadersOverview => {
      const today = input.today ?? clock.today();
      const { rows: all, params } = allRows(today);
      const scope = input.scope === 'supervised' && input.supervisorId ? new Set(repos.leadersReport.supervisedBy(input.supervisorId)) : null;
      const term = input.search ? foldCase(input.search) : null;
      const rows = all
        .filter((r) => (input.includeArchived || r.active) && (!scope || scope.has(r.leaderId)))
        .filter((r) => !term || foldCase(r.name).includes(term))
        .filter((r) => !input.programmeId || r.pathways.some((p) => p.programmeId === input.programmeId))
        .filter((r) => !input.status || (input.programmeId ? r.pathways.find((p) => p.programmeId === input.programmeId)?.status : r.status) === input.status)
        .filter((r) => !input.attentionOnly || r.attention.length > 0);
      // Attention and figures sort worst first by default; names A–Ö.
      const direction = input.direction ?? (input.sort === 'name' ? 'asc' : input.sort === 'attention' || input.sort === 'groups' ? 'desc' : 'asc');
      const sign = direction === 'asc' ? 1 : -1;
      const primary = sorters[input.sort];
      if (primary) rows.sort((a, b) => sign * primary(a, b));
      else if (sign < 0) rows.reverse();
      const needing = rows.filter((r) => r.attention.length > 0);
      return {
        today,
        rows: input.limit === undefined ? rows : rows.slice(input.offset, input.offset + input.limit),
        total: rows.length,
        attention: { rows: needing.slice(0, input.attentionLimit), total: needing.length },
        rules: ruleExplanations(params),
      };
    },

    page: ({ leaderId, today: asOf }: ParsedInput<'leaders.page'>): LeaderPage => {
      const today = asOf ?? clock.today();
      const params = readLeaderSettings(repos);
      const f = gatherLeaderFacts(repos, today, leaderId, undefined, params)[0];
      if (!f) throw missing('staff');
      const courses = repos.courses.list({ leaderId });
      const attended = new Map<string, string[]>();
      for (const a of repos.leadersReport.courseDaysAttended(leaderId)) {
        if (courses.some((c) => c.id === a.courseId)) attended.set(a.courseId, [...(attended.get(a.courseId) ?? []), a.date]);
      }
      const dayCounts = new Map<string, number>();
      for (const d of repos.courses.daysOf(courses.map((c) => c.id))) dayCounts.set(d.courseId, (dayCounts.get(d.courseId) ?? 0) + 1);
      const trend = repos.leadersReport.sessionTrend(leaderId);
      return {
        today,
        leader: { ...f.person, active: f.person.active === 1, isSupervisor: f.person.isSupervisor === 1 },
        pathways: f.pathways,
        groups: f.groups,
        courses: courses.map((c) => ({
          courseId: c.id,
          programmeCode: c.programmeCode,
          title: c.title,
          trainerName: c.trainerName,
          daysAttended: attended.get(c.id) ?? [],
          totalDays: dayCounts.get(c.id) ?? 0,
        })),
        supervision: supervision.list({ leaderId, limit: 500 }),
        followUps: repos.supervision.followUpsOfLeader(leaderId).map((u) => ({ ...u, done: u.done === 1, overdue: u.done === 0 && u.dueDate < today })),
        certifications: f.pathways.map((p) => p.certification).filter(notNull),
        trends: {
          attendance: trend.filter((t) => t.marked > 0).map((t) => ({ date: t.date, groupId: t.groupId, value: t.present / t.marked })),
          fidelity: trend.filter((t) => t.fidelity !== null).map((t) => ({ date: t.date, groupId: t.groupId, value: t.fidelity! })),
          rating: repos.leadersReport.ratingTrend(leaderId).map((r) => ({ date: r.date, groupId: null, value: r.rating })),
        },
        attention: attentionOf({ ...f, pathways: f.pathways.map((p) => ({ ...p, certified: p.certification !== null })) }, today, params),
        ratingScale: ratingScale.map((r) => ({ value: r.value, label: r.label, description: r.description })),
      };
    },

    certificateSummary: ({ leaderId, programmeId, today: asOf }: ParsedInput<'leaders.certificateSummary'>): CertificateSummary => {
      const today = asOf ?? clock.today();
      const programme = repos.programmes.get(programmeId);
      if (!programme) throw missing('programme');
      const f = gatherLeaderFacts(repos, today, leaderId, programmeId)[0];
      if (!f) throw missing('staff');
      const pathway = f.pathways.find((p) => p.programmeId === programmeId)!;
      const courses = repos.courses.list({ leaderId, programmeId });
      const attended = repos.leadersReport.courseDaysAttended(leaderId).filter((a) => courses.some((c) => c.id === a.courseId));
      const sessions = supervision.list({ leaderId, limit: 500 });
      const groupIds = new Set(f.groups.filter((g) => g.programmeId === programmeId).map((g) => g.groupId));
      return {
        printedOn: today,
        leader: { id: f.person.id, name: f.person.name, unitName: f.person.unitName },
        programme: { id: programme.id, code: programme.code, name: programme.name },
        pathway,
        courses: courses.map((c) => ({
          title: c.title,
          trainerName: c.trainerName,
          daysAttended: attended.filter((a) => a.courseId === c.id).map((a) => a.date),
        })),
        groups: f.groups.filter((g) => groupIds.has(g.groupId)),
        supervision: sessions
          .filter((s) => s.groups.length === 0 || s.groups.some((g) => groupIds.has(g.groupId)))
          .map((s) => ({
            date: s.date,
            supervisorName: s.supervisorName,
            format: s.format,
            mode: s.mode,
            rating: s.leaders.find((l) => l.leaderId === leaderId)?.rating ?? null,
          })),
        certification: pathway.certification,
      };
    },
  };
}
