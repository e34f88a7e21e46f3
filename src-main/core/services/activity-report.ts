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
import { startedCategories, type ParentCountRow, type ReportWindow } from '../repos/activity-report';
import { buildParentSection, type Label } from '../reports/parent-tables';
import { buildOutcomeSection } from '../reports/outcome-tables';
import { previousPeriod } from '../reports/period';
import { reportPdf } from '../reports/report-pdf';
import { reportXlsx } from '../reports/report-xlsx';
import type { ServiceContext } from './context';
import { keptBetweenWrites } from './kept-between-writes';

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
  const units = () => new Map(repos.units.list(true).map((u) => [u.id, u]));
  const programmes = () => new Map(repos.programmes.list(true).map((p) => [p.id, p]));

  function sections(
    window: ReportWindow,
    unitNames: Map<string, string>,
    programmeNames: Map<string, string>,
    chosen: ParsedInput<'reports.activity'>,
  ): { sections: PreviousSections; parentRows: ParentCountRow[] } {
    const { from, to } = window;
    const groupRows = repos.activityReport.groups(window);
    const { parents: parentRows, familiesByUnit, familiesByProgramme, dropouts } = repos.activityReport.cohort(window);
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
    );
    const leaders = repos.activityReport.leaders(window);
    const { fidelity, supervision } = leaders;
    const result: PreviousSections = {
      period: { from, to },
      groups: {
        byUnit,
        byProgramme: groupTable(programmeLabels, (g) => g.programmeId),
        total: { started: sum(byUnit, 'started'), completed: sum(byUnit, 'completed'), running: sum(byUnit, 'running'), cancelled: sum(byUnit, 'cancelled') },
      },
      parents,
      leaders: {
        inCourse: leaders.inCourse,
        supervisedFirstGroup: leaders.supervisedFirstGroup,
        certified: leaders.certified,
        active: leaders.active,
        supervisionSessions: supervision.sessions,
        supervisionAttendances: supervision.attendances,
        supervisionHours: null,
        heldSessions: fidelity.held,
        sessionsWithFidelity: fidelity.recorded,
        fidelityRecordedRate: rate(fidelity.recorded, fidelity.held),
        fidelityMean: fidelity.mean === null ? null : Math.round(fidelity.mean * 1e4) / 1e6,
      },
    };
    return { sections: result, parentRows };
  }

  /**
   * The chosen period's sections with its outcomes. The period compared with is made without
   * them: nothing shows its outcomes, and its pre/post pairs and returns were half the report's cost.
   */
  function withOutcomes(window: ReportWindow, made: ReturnType<typeof sections>): ReportSections {
    const { sections: s, parentRows } = made;
    return {
      ...s,
      outcomes: repos.activityReport.hasOutcomeData()
        ? buildOutcomeSection(
            {
              started: parentRows.filter((r) => startedCategories.includes(r.category)).reduce((a, r) => a + r.n, 0),
              startedPublished: s.parents.total.started.hidden === null,
              returns: repos.activityReport.returns(window),
              scheduled: repos.activityReport.scheduledTimepoints(window),
              prePost: repos.activityReport.prePost(window),
            },
            defaultSuppression,
          )
        : { present: false },
    };
  }

  // The screen opens on this year's report and asks again on every visit; made from nothing it
  // costs a second at the largest scale.
  const kept = keptBetweenWrites<Omit<ActivityReport, 'createdAt'>>(repos.writeStamp);

  function make(input: ParsedInput<'reports.activity'>): Omit<ActivityReport, 'createdAt'> {
    const unitMap = units();
    const programmeMap = programmes();
    const unitNames = new Map([...unitMap.values()].map((u) => [u.id, u.name]));
    const programmeNames = new Map([...programmeMap.values()].map((p) => [p.id, p.name]));
    const scope = { units: JSON.stringify(input.unitIds), programmes: JSON.stringify(input.programmeIds) };
    const prev = previousPeriod(input.from, input.to);
    const window = { from: input.from, to: input.to, ...scope };
    const current = withOutcomes(window, sections(window, unitNames, programmeNames, input));
    const previous = sections({ ...prev, ...scope }, unitNames, programmeNames, input).sections;
    return {
      saved: null,
      costs: null,
      smallCellMax: defaultSuppression.max,
      scope: {
        units: input.unitIds.map((id) => ({ id, name: unitNames.get(id)! })),
        programmes: input.programmeIds.map((id) => ({ id, code: programmeMap.get(id)!.code, name: programmeNames.get(id)! })),
      },
      current,
      previous,
      headlines: headlines(current, previous),
    };
  }

  const service = {
    activity: (input: ParsedInput<'reports.activity'>): ActivityReport => {
      checkScope(input);
      const report = kept(JSON.stringify([input.from, input.to, input.unitIds, input.programmeIds]), () => make(input));
      return { createdAt: clock.now(), ...report };
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
    const units = repos.units.list(true);
    const programmes = repos.programmes.list(true);
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
