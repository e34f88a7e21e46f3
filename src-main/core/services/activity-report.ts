import type {
  ActivityReport,
  GroupRow,
  Headline,
  ParsedInput,
  PreviousSections,
  ProcedureOutput,
  ReportCell,
  ReportSections,
  SavedReport,
} from '../../contract';
import { fieldError, notFound } from '../errors';
import { defaultSuppression } from '../export/disclosure/suppression';
import { shareTotals, startedCategories, type GroupShare, type ReportWindow, type ShareTotals } from '../repos/activity-report';
import { buildParentSection, keptSuppression, type KeptSuppression, type Label } from '../reports/parent-tables';
import { buildOutcomeSection } from '../reports/outcome-tables';
import { previousPeriod } from '../reports/period';
import { reportPdf } from '../reports/report-pdf';
import { reportXlsx } from '../reports/report-xlsx';
import type { ServiceContext } from './context';
import { finish } from '../steps';
import { keptByInput } from './kept-between-writes';

const byLabel = (a: Label, b: Label) => a.label.localeCompare(b.label, 'sv-SE') || a.key.localeCompare(b.key);
const between = (date: string | null, from: string, to: string) => date !== null && date >= from && date <= to;
const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1e6) / 1e6 : null);

/**
 * The activity report for committees and funders (see contract/schemas/activity-report.ts). In a
 * period, a group counts as started when its start date lies in it, completed when it is marked
 * completed and its last held session lies in it, running when it held a session in it, cancelled
 * when it is cancelled and was to start in it. Parents are the enrolments in the groups that
 * started in the period; completion is the participant status the programme's completion rule
 * sets (domain/participation.ts).
 */
export function activityReportService({ repos, clock, tx, audit }: ServiceContext) {
  type Combined = ReturnType<ShareTotals['figures']>;
  type LeaderRecords = ReturnType<typeof repos.activityReport.leaderRecords>;

  function sections(
    window: ReportWindow,
    made: Combined,
    records: LeaderRecords,
    unitNames: Map<string, string>,
    programmeNames: Map<string, string>,
    chosen: ParsedInput<'reports.activity'>,
    suppression: KeptSuppression,
  ): PreviousSections {
    const { from, to } = window;
    const groupRows = made.groups;
    const { parents: parentRows, familiesByUnit, familiesByProgramme, dropouts } = made.cohort;
    const unitKeys = new Set([...chosen.unitIds, ...groupRows.map((g) => g.unitId), ...parentRows.map((p) => p.unitId)]);
    const programmeKeys = new Set([...chosen.programmeIds, ...groupRows.map((g) => g.programmeId), ...parentRows.map((p) => p.programmeId)]);
    const unitLabels = [...unitKeys].map((key) => ({ key, label: unitNames.get(key) ?? key })).sort(byLabel);
    const programmeLabels = [...programmeKeys].map((key) => ({ key, label: programmeNames.get(key) ?? key })).sort(byLabel);

    // Each group counted under its label in one pass, rather than the groups filtered once per label.
    const groupTable = (labels: Label[], keyOf: (g: (typeof groupRows)[number]) => string): GroupRow[] => {
      const counts = new Map(labels.map((l) => [l.key, { key: l.key, label: l.label, started: 0, completed: 0, running: 0, cancelled: 0 }]));
      for (const g of groupRows) {
        const row = counts.get(keyOf(g))!;
        if (g.status !== 'cancelled' && between(g.startDate, from, to)) row.started += 1;
        if (g.status === 'completed' && between(g.lastHeld, from, to)) row.completed += 1;
        if (g.heldInPeriod > 0) row.running += 1;
        if (g.status === 'cancelled' && between(g.startDate, from, to)) row.cancelled += 1;
      }
      return [...counts.values()];
    };
    const byUnit = groupTable(unitLabels, (g) => g.unitId);
    const sum = (rows: GroupRow[], k: 'started' | 'completed' | 'running' | 'cancelled') => rows.reduce((a, r) => a + r[k], 0);

    const parents = buildParentSection(
      {
        rows: parentRows,
        units: unitLabels,
        programmes: programmeLabels,
        familiesByUnit,
        familiesByProgramme,
        dropouts,
      },
      defaultSuppression,
      suppression,
    );
    const { fidelity } = made.leaders;
    const { supervision } = records;
    return {
      period: { from, to },
      groups: {
        byUnit,
        byProgramme: groupTable(programmeLabels, (g) => g.programmeId),
        total: { started: sum(byUnit, 'started'), completed: sum(byUnit, 'completed'), running: sum(byUnit, 'running'), cancelled: sum(byUnit, 'cancelled') },
      },
      parents,
      leaders: {
        inCourse: records.inCourse,
        supervisedFirstGroup: made.leaders.supervisedFirstGroup,
        certified: records.certified,
        active: made.leaders.active,
        supervisionSessions: supervision.sessions,
        supervisionAttendances: supervision.attendances,
        supervisionHours: null,
        heldSessions: fidelity.held,
        sessionsWithFidelity: fidelity.recorded,
        fidelityRecordedRate: rate(fidelity.recorded, fidelity.held),
        fidelityMean: fidelity.mean === null ? null : Math.round(fidelity.mean * 1e4) / 1e6,
      },
    };
  }

  /**
   * The chosen period's sections with its outcomes. The period compared with is made without
   * them: nothing shows its outcomes, and its pre/post pairs and returns were half the report's cost.
   */
  function withOutcomes(window: ReportWindow, s: PreviousSections, made: Combined): ReportSections {
    return {
      ...s,
      outcomes: repos.activityReport.hasOutcomeData()
        ? buildOutcomeSection(
            {
              started: made.cohort.parents.filter((r) => startedCategories.includes(r.category)).reduce((a, r) => a + r.n, 0),
              startedPublished: s.parents.total.started.hidden === null,
              returns: made.returns,
              scheduled: repos.activityReport.scheduledTimepoints(window),
              prePost: made.prePost,
            },
            defaultSuppression,
          )
        : { present: false },
    };
  }

  /**
   * A report's groups' shares of both periods, with their sums. The screen opens on this year's
   * report and asks again on every visit; made from nothing it costs a second at the largest
   * scale, so the shares are kept and after a write on this connection only the groups it touched
   * are read again (`repos.reportChanges` notes them) and their sums mended; everything after a
   * write to the leaders' own records, a bulk write, or a write by another connection (the CLI
   * beside a running app).
   */
  interface Period {
    window: ReportWindow;
    shares: Map<string, GroupShare>;
    totals: ShareTotals;
    records: LeaderRecords;
    /** Its sections as last made, and under which names; none after a write changed its shares. */
    made: { names: string; figures: Combined; sections: PreviousSections } | null;
    /** The parents' tables' suppression as last made: kept when a write changed no count they publish. */
    suppression: KeptSuppression;
  }
  interface Kept {
    noted: number;
    current: Period;
    previous: Period;
    /** The write stamp the report below was made under. */
    stamp: string;
    report: Omit<ActivityReport, 'createdAt'>;
  }
  // Let go after another connection's commit: its writes are not noted here. Asked before
  // reading, so a commit after it is noticed at the next call.
  const kept = keptByInput<Kept>(repos.reportChanges.otherWrites);
  /** Past this many groups changed at once, reading everything again costs less. */
  const groupsAtMost = 300;

  function* periodSteps(window: ReportWindow, outcomes: boolean): Generator<void, Period> {
    const shares = yield* repos.activityReport.shareSteps(window, null, outcomes);
    yield;
    const totals = shareTotals();
    for (const share of shares.values()) totals.add(share);
    return { window, shares, totals, records: repos.activityReport.leaderRecords(window), made: null, suppression: keptSuppression() };
  }

  const sameShare = (a: GroupShare, b: GroupShare) => JSON.stringify(a) === JSON.stringify(b);
  const holdsAnything = (s: GroupShare) => s.group !== null || s.parents.length + s.leaders.length + s.held + s.returns.length + s.pairs.length > 0;

  function mend(p: Period, groupIds: string[], outcomes: boolean) {
    if (groupIds.length === 0) return;
    for (const [id, share] of repos.activityReport.shares(p.window, groupIds, outcomes)) {
      const was = p.shares.get(id);
      // Most writes to a group's rows (a participant's contact details, a note, a touched time
      // stamp) leave its share as it was: then the sections made from it still hold.
      if (was ? sameShare(was, share) : !holdsAnything(share)) continue;
      p.made = null;
      if (was) p.totals.remove(was);
      if (holdsAnything(share)) {
        p.shares.set(id, share);
        p.totals.add(share);
      } else p.shares.delete(id);
    }
  }

  function report(input: ParsedInput<'reports.activity'>, current: Period, earlier: Period): Omit<ActivityReport, 'createdAt'> {
    const names = repos.activityReport.names();
    const unitNames = new Map(names.units.map((u) => [u.id, u.name]));
    const programmeNames = new Map(names.programmes.map((p) => [p.id, p.name]));
    const codes = new Map(names.programmes.map((p) => [p.id, p.code]));
    const namesKey = JSON.stringify(names);
    // A period whose shares no write changed keeps its sections, unless a name changed.
    const made = (p: Period) => {
      if (p.made?.names !== namesKey) {
        const figures = p.totals.figures(p.shares.values());
        p.made = { names: namesKey, figures, sections: sections(p.window, figures, p.records, unitNames, programmeNames, input, p.suppression) };
      }
      return p.made;
    };
    const now = made(current);
    const currentWithOutcomes = withOutcomes(current.window, now.sections, now.figures);
    const previous = made(earlier).sections;
    return {
      saved: null,
      costs: null,
      smallCellMax: defaultSuppression.max,
      scope: {
        units: input.unitIds.map((id) => ({ id, name: unitNames.get(id)! })),
        programmes: input.programmeIds.map((id) => ({ id, code: codes.get(id)!, name: programmeNames.get(id)! })),
      },
      current: currentWithOutcomes,
      previous,
      headlines: headlines(currentWithOutcomes, previous),
    };
  }

  function* freshSteps(input: ParsedInput<'reports.activity'>): Generator<void, { current: Period; previous: Period }> {
    const scope = { units: JSON.stringify(input.unitIds), programmes: JSON.stringify(input.programmeIds) };
    const current = yield* periodSteps({ from: input.from, to: input.to, ...scope }, true);
    yield;
    const previous = yield* periodSteps({ ...previousPeriod(input.from, input.to), ...scope }, false);
    return { current, previous };
  }
  const fresh = (input: ParsedInput<'reports.activity'>) => finish(freshSteps(input));
  const keyOf = (input: ParsedInput<'reports.activity'>) => JSON.stringify([input.from, input.to, input.unitIds, input.programmeIds]);

  /** A kept entry made from nothing; notes are taken before the first read, so what is written between the steps is mended at the next call. */
  function* entrySteps(input: ParsedInput<'reports.activity'>): Generator<void, Kept> {
    const noted = repos.reportChanges.start();
    const made = yield* freshSteps(input);
    yield;
    return { noted, ...made, stamp: repos.writeStamp(), report: report(input, made.current, made.previous) };
  }

  // A report made ahead of its first call (warm), step by step between other calls.
  let ahead: { key: string; otherWrites: string | number; steps: Generator<void, Kept> } | null = null;
  /** The reading ahead's entry, kept unless another connection wrote while it was made (its writes are not noted here). */
  function keepAhead(done: Kept) {
    const { key, otherWrites } = ahead!;
    ahead = null;
    if (repos.reportChanges.otherWrites() === otherWrites && kept.get(key) === undefined) kept.set(key, done);
  }
  /** A call for the report being read ahead takes what is left of it at once. */
  function takeAhead(key: string) {
    if (ahead?.key !== key) return;
    try {
      keepAhead(finish(ahead.steps));
    } catch {
      // Made again by the call, which reports what fails.
      ahead = null;
    }
  }

  function make(input: ParsedInput<'reports.activity'>): Omit<ActivityReport, 'createdAt'> {
    const changes = repos.reportChanges;
    // Inside a transaction, whose writes a rollback would take back, nothing is kept.
    if (changes.inTransaction()) {
      const made = fresh(input);
      return report(input, made.current, made.previous);
    }
    const key = keyOf(input);
    takeAhead(key);
    let entry = kept.get(key);
    if (entry) {
      const noted = changes.after(entry.noted, groupsAtMost);
      if (noted.all) {
        kept.delete(key);
        entry = undefined;
      } else if (noted.upTo !== entry.noted) {
        entry.noted = noted.upTo;
        mend(entry.current, noted.groupIds, true);
        mend(entry.previous, noted.groupIds, false);
        // With a scope, a supervision session counts by its groups' units and programmes.
        const scoped = input.unitIds.length + input.programmeIds.length > 0;
        if (noted.supervision || (scoped && noted.groupIds.length > 0))
          for (const p of [entry.current, entry.previous]) {
            p.records = repos.activityReport.leaderRecords(p.window);
            p.made = null;
          }
      } else if (entry.stamp === repos.writeStamp()) return entry.report;
    }
    if (!entry) {
      entry = finish(entrySteps(input));
      kept.set(key, entry);
      return entry.report;
    }
    entry.report = report(input, entry.current, entry.previous);
    entry.stamp = repos.writeStamp();
    return entry.report;
  }

  const service = {
    activity: (input: ParsedInput<'reports.activity'>): ActivityReport => {
      checkScope(input);
      return { createdAt: clock.now(), ...make(input) };
    },
    /**
     * The report read ahead of its first call, one query per step (the largest is a good part of
     * a second at city scale): the caller runs a step when nothing else is waiting. A call for the
     * same report finishes what is left. Returns whether steps remain.
     */
    warmStep: (input: ParsedInput<'reports.activity'>): boolean => {
      if (!ahead) {
        const key = keyOf(input);
        if (repos.reportChanges.inTransaction() || kept.get(key) !== undefined) return false;
        checkScope(input);
        ahead = { key, otherWrites: repos.reportChanges.otherWrites(), steps: entrySteps(input) };
      }
      let next: IteratorResult<void, Kept>;
      try {
        next = ahead.steps.next();
      } catch (err) {
        ahead = null;
        throw err;
      }
      if (!next.done) return true;
      keepAhead(next.value);
      return false;
    },
    pdf: async ({ lang, ...input }: ParsedInput<'reports.activityPdf'>): Promise<ProcedureOutput<'reports.activityPdf'>> => {
      const report = service.activity(input);
      const pdf = await reportPdf(report, lang);
      const name = lang === 'sv' ? 'verksamhetsrapport' : 'activity-report';
      return { fileName: `${name}-${input.from}-${input.to}.pdf`, base64: pdf.toString('base64') };
    },
    xlsx: async (input: ParsedInput<'reports.activityXlsx'>): Promise<ProcedureOutput<'reports.activityXlsx'>> => {
      const book = await reportXlsx(service.activity(input));
      return { fileName: `verksamhetsrapport-${input.from}-${input.to}.xlsx`, base64: book.toString('base64') };
    },
  };
  const savedLabel = { sv: 'Den sparade rapporten', en: 'The saved report' };
  const saved = {
    list: () => repos.savedReports.list(),
    save: ({ id, ...fields }: ParsedInput<'savedReports.save'>): SavedReport =>
      tx(() => {
        // The same checks as an ad hoc report, so a saved one always runs.
        checkScope(fields);
        const row = id ? repos.savedReports.update(id, fields) : repos.savedReports.insert(fields);
        if (!row) throw notFound(savedLabel);
        audit.record({ action: id ? 'update' : 'create', entity: 'savedReport', entityId: row.id, fields: Object.keys(fields) });
        return row;
      }),
    delete: ({ id }: ParsedInput<'savedReports.delete'>): { deleted: true } =>
      tx(() => {
        if (!repos.savedReports.delete(id)) throw notFound(savedLabel);
        audit.record({ action: 'delete', entity: 'savedReport', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
    report: ({ id }: ParsedInput<'savedReports.report'>): ActivityReport => {
      const s = repos.savedReports.get(id);
      if (!s) throw notFound(savedLabel);
      const report = service.activity({ from: s.from, to: s.to, unitIds: s.unitIds, programmeIds: s.programmeIds });
      return { ...report, saved: s, costs: costsOf(s.budget, report) };
    },
    pdf: async ({ id }: ParsedInput<'savedReports.pdf'>): Promise<ProcedureOutput<'savedReports.pdf'>> => {
      const report = saved.report({ id });
      const pdf = await reportPdf(report, report.saved!.lang);
      return { fileName: `${fileNameOf(report.saved!.title)}-${report.saved!.from}-${report.saved!.to}.pdf`, base64: pdf.toString('base64') };
    },
    xlsx: async ({ id }: ParsedInput<'savedReports.xlsx'>): Promise<ProcedureOutput<'savedReports.xlsx'>> => {
      const report = saved.report({ id });
      const book = await reportXlsx(report);
      return { fileName: `${fileNameOf(report.saved!.title)}-${report.saved!.from}-${report.saved!.to}.xlsx`, base64: book.toString('base64') };
    },
  };

  function checkScope(input: { from: string; unitIds: string[]; programmeIds: string[] }) {
    const { units, programmes } = repos.activityReport.names();
    if (input.from > clock.today()) {
      throw fieldError(
        'from',
        'Perioden har inte börjat än: välj en period som börjar senast i dag.',
        'The period has not begun yet: choose a period that starts today at the latest.',
      );
    }
    if (input.unitIds.some((u) => !units.some((x) => x.id === u)))
      throw fieldError('unitIds', 'En vald enhet finns inte (längre).', 'A chosen unit does not exist (any more).');
    if (input.programmeIds.some((p) => !programmes.some((x) => x.id === p)))
      throw fieldError('programmeIds', 'Ett valt program finns inte (längre).', 'A chosen programme does not exist (any more).');
  }

  return { ...service, saved };
}

/** A title as a file name: letters (å, ä, ö included), digits and hyphens. */
const fileNameOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'rapport';

/**
 * Cost per started group and per completing parent from the budget lines. The net cost is
 * published, so a cost per completer would give away a hidden count of completers: it is hidden
 * with it.
 */
export function costsOf(budget: SavedReport['budget'], report: ActivityReport): NonNullable<ActivityReport['costs']> {
  const totalCost = budget.filter((b) => b.kind === 'cost').reduce((a, b) => a + b.amount, 0);
  const totalIncome = budget.filter((b) => b.kind === 'income').reduce((a, b) => a + b.amount, 0);
  const net = totalCost - totalIncome;
  const started = report.current.groups.total.started;
  const completed = report.current.parents.total.completed;
  const perCompletingParent: ReportCell =
    completed.value === null
      ? { value: null, hidden: completed.hidden }
      : { value: completed.value > 0 ? Math.round(net / completed.value) : null, hidden: null };
  return { totalCost, totalIncome, net, perStartedGroup: started > 0 ? Math.round(net / started) : null, perCompletingParent };
}

const plain = (value: number): ReportCell => ({ value, hidden: null });

function headlineCells(s: PreviousSections): Record<Headline, ReportCell> {
  return {
    groupsStarted: plain(s.groups.total.started),
    groupsCompleted: plain(s.groups.total.completed),
    parentsEnrolled: s.parents.total.enrolled,
    parentsStarted: s.parents.total.started,
    parentsCompleted: s.parents.total.completed,
    parentsDroppedOut: s.parents.total.droppedOut,
    families: s.parents.total.families,
    leadersActive: plain(s.leaders.active),
    leadersCertified: plain(s.leaders.certified),
  };
}

function headlines(current: PreviousSections, previous: PreviousSections): ActivityReport['headlines'] {
  const now = headlineCells(current);
  const before = headlineCells(previous);
  return (Object.keys(now) as Headline[]).map((key) => {
    const a = now[key].value;
    const b = before[key].value;
    return { key, current: now[key], previous: before[key], change: a !== null && b !== null ? a - b : null };
  });
}
