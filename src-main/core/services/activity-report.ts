import type { ActivityReport, GroupRow, Headline, ParsedInput, ProcedureOutput, ReportCell, ReportSections } from '../../contract';
import { fieldError } from '../errors';
import { defaultSuppression } from '../export/disclosure/suppression';
import type { ReportWindow } from '../repos/activity-report';
import { buildParentSection, type Label } from '../reports/parent-tables';
import { buildOutcomeSection } from '../reports/outcome-tables';
import { previousPeriod } from '../reports/period';
import { reportPdf } from '../reports/report-pdf';
import type { ServiceContext } from './context';

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
export function activityReportService({ repos, clock }: ServiceContext) {
  const units = () => new Map(repos.units.list(true).map((u) => [u.id, u]));
  const programmes = () => new Map(repos.programmes.list(true).map((p) => [p.id, p]));

  function sections(
    window: ReportWindow,
    unitNames: Map<string, string>,
    programmeNames: Map<string, string>,
    chosen: ParsedInput<'reports.activity'>,
  ): ReportSections {
    const { from, to } = window;
    const groupRows = repos.activityReport.groups(window);
    const parentRows = repos.activityReport.parents(window);
    const familiesByUnit = new Map(repos.activityReport.familiesByUnit(window).map((r) => [r.key, r.n]));
    const familiesByProgramme = new Map(repos.activityReport.familiesByProgramme(window).map((r) => [r.key, r.n]));
    const unitKeys = new Set([...chosen.unitIds, ...groupRows.map((g) => g.unitId), ...parentRows.map((p) => p.unitId)]);
    const programmeKeys = new Set([...chosen.programmeIds, ...groupRows.map((g) => g.programmeId), ...parentRows.map((p) => p.programmeId)]);
    const unitLabels = [...unitKeys].map((key) => ({ key, label: unitNames.get(key) ?? key })).sort(byLabel);
    const programmeLabels = [...programmeKeys].map((key) => ({ key, label: programmeNames.get(key) ?? key })).sort(byLabel);

    const groupTable = (labels: Label[], keyOf: (g: (typeof groupRows)[number]) => string): GroupRow[] =>
      labels.map((l) => {
        const mine = groupRows.filter((g) => keyOf(g) === l.key);
        return {
          key: l.key,
          label: l.label,
          started: mine.filter((g) => g.status !== 'cancelled' && between(g.startDate, from, to)).length,
          completed: mine.filter((g) => g.status === 'completed' && between(g.lastHeld, from, to)).length,
          running: mine.filter((g) => g.heldInPeriod > 0).length,
          cancelled: mine.filter((g) => g.status === 'cancelled' && between(g.startDate, from, to)).length,
        };
      });
    const byUnit = groupTable(unitLabels, (g) => g.unitId);
    const sum = (rows: GroupRow[], k: 'started' | 'completed' | 'running' | 'cancelled') => rows.reduce((a, r) => a + r[k], 0);

    const parents = buildParentSection(
      {
        rows: parentRows,
        units: unitLabels,
        programmes: programmeLabels,
        familiesByUnit,
        familiesByProgramme,
        dropouts: repos.activityReport.dropouts(window),
      },
      defaultSuppression,
    );
    const leaders = repos.activityReport.leaders(window);
    const { fidelity, supervision } = leaders;
    return {
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
      outcomes: repos.activityReport.hasOutcomeData()
        ? buildOutcomeSection(
            {
              started: repos.activityReport.startedCount(window),
              startedPublished: parents.total.started.hidden === null,
              returns: repos.activityReport.returns(window),
              scheduled: repos.activityReport.scheduledTimepoints(window),
              prePost: repos.activityReport.prePost(window),
            },
            defaultSuppression,
          )
        : { present: false },
    };
  }

  const service = {
    activity: (input: ParsedInput<'reports.activity'>): ActivityReport => {
      const today = clock.today();
      if (input.from > today) {
        throw fieldError(
          'from',
          'Perioden har inte börjat än: välj en period som börjar senast i dag.',
          'The period has not begun yet: choose a period that starts today at the latest.',
        );
      }
      const unitMap = units();
      const programmeMap = programmes();
      const unknownUnit = input.unitIds.find((id) => !unitMap.has(id));
      if (unknownUnit) throw fieldError('unitIds', 'En vald enhet finns inte (längre).', 'A chosen unit does not exist (any more).');
      const unknownProgramme = input.programmeIds.find((id) => !programmeMap.has(id));
      if (unknownProgramme) throw fieldError('programmeIds', 'Ett valt program finns inte (längre).', 'A chosen programme does not exist (any more).');

      const unitNames = new Map([...unitMap.values()].map((u) => [u.id, u.name]));
      const programmeNames = new Map([...programmeMap.values()].map((p) => [p.id, p.name]));
      const scope = { units: JSON.stringify(input.unitIds), programmes: JSON.stringify(input.programmeIds) };
      const prev = previousPeriod(input.from, input.to);
      const current = sections({ from: input.from, to: input.to, ...scope }, unitNames, programmeNames, input);
      const previous = sections({ ...prev, ...scope }, unitNames, programmeNames, input);
      return {
        createdAt: clock.now(),
        smallCellMax: defaultSuppression.max,
        scope: {
          units: input.unitIds.map((id) => ({ id, name: unitNames.get(id)! })),
          programmes: input.programmeIds.map((id) => ({ id, code: programmeMap.get(id)!.code, name: programmeNames.get(id)! })),
        },
        current,
        previous,
        headlines: headlines(current, previous),
      };
    },
    pdf: async ({ lang, ...input }: ParsedInput<'reports.activityPdf'>): Promise<ProcedureOutput<'reports.activityPdf'>> => {
      const report = service.activity(input);
      const pdf = await reportPdf(report, lang);
      const name = lang === 'sv' ? 'verksamhetsrapport' : 'activity-report';
      return { fileName: `${name}-${input.from}-${input.to}.pdf`, base64: pdf.toString('base64') };
    },
  };
  return service;
}

const plain = (value: number): ReportCell => ({ value, hidden: null });

function headlineCells(s: ReportSections): Record<Headline, ReportCell> {
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

function headlines(current: ReportSections, previous: ReportSections): ActivityReport['headlines'] {
  const now = headlineCells(current);
  const before = headlineCells(previous);
  return (Object.keys(now) as Headline[]).map((key) => {
    const a = now[key].value;
    const b = before[key].value;
    return { key, current: now[key], previous: before[key], change: a !== null && b !== null ? a - b : null };
  });
}
