import type { ActivityReport, ParentCells, ReportCell } from '../../contract';
import { csvRecords } from '../export/csv';
import type { Cell } from '../export/table-def';

/**
 * The report's tables as CSV files for those who edit further, written by the FoU export's CSV
 * writer so a unit or programme name that starts like a formula is neutralised the same way. A
 * hidden figure is an empty cell with its reason in the column after it. A saved report adds its
 * budget lines with the cost figures, and its summary and section notes.
 */

const value = (c: ReportCell): Cell => c.value;
const reason = (c: ReportCell): Cell => c.hidden ?? '';

const PARENT_KEYS = [
  'enrolled',
  'notStarted',
  'unrecorded',
  'started',
  'ongoing',
  'completed',
  'notCompleted',
  'droppedOut',
  'families',
  'attendanceRate',
] as const;
const parentHeader = (first: string) => [first, ...PARENT_KEYS.flatMap((k) => [k, `${k}_hidden`])];
const parentRow = (label: string, p: ParentCells): Cell[] => [label, ...PARENT_KEYS.flatMap((k) => [value(p[k]), reason(p[k])])];

/** The report's tables by file name (without extension), for the CSV files and the workbook's sheets alike. */
export function reportTables(r: ActivityReport): Record<string, Cell[][]> {
  const c = r.current;
  const files: Record<string, Cell[][]> = {
    summary: [
      ['figure', 'current', 'current_hidden', 'previous', 'previous_hidden', 'change'],
      ...r.headlines.map((h) => [h.key, value(h.current), reason(h.current), value(h.previous), reason(h.previous), h.change]),
    ],
    groups_by_unit: [
      ['unit', 'started', 'completed', 'running', 'cancelled'],
      ...[...c.groups.byUnit, { label: 'total', ...c.groups.total }].map((g) => [g.label, g.started, g.completed, g.running, g.cancelled]),
    ],
    groups_by_programme: [
      ['programme', 'started', 'completed', 'running', 'cancelled'],
      ...[...c.groups.byProgramme, { label: 'total', ...c.groups.total }].map((g) => [g.label, g.started, g.completed, g.running, g.cancelled]),
    ],
    parents_by_unit: [parentHeader('unit'), ...c.parents.byUnit.map((p) => parentRow(p.label, p)), parentRow('total', c.parents.total)],
    parents_by_programme: [parentHeader('programme'), ...c.parents.byProgramme.map((p) => parentRow(p.label, p)), parentRow('total', c.parents.total)],
    dropouts_by_last_session: [
      ['last_session_attended', 'dropped_out', 'dropped_out_hidden'],
      ...c.parents.dropoutBySession.map((d) => [d.session, value(d.count), reason(d.count)]),
    ],
    leaders: [
      ['figure', 'current', 'previous'],
      ...(Object.keys(c.leaders) as (keyof typeof c.leaders)[]).map((k) => [k, c.leaders[k], r.previous.leaders[k]]),
    ],
  };
  if (c.outcomes.present) {
    files['questionnaire_returns'] = [
      ['timepoint', 'started', 'started_hidden', 'returned', 'returned_hidden', 'return_rate', 'return_rate_hidden'],
      ...c.outcomes.returns.map((x) => [x.timepoint, value(x.base), reason(x.base), value(x.returned), reason(x.returned), value(x.rate), reason(x.rate)]),
    ];
    files['questionnaire_change'] = [
      ['instrument', 'scale', 'pairs', 'pairs_hidden', 'mean_pre', 'mean_post', 'mean_change'],
      ...c.outcomes.change.map((x) => [x.instrument, x.scale, value(x.pairs), reason(x.pairs), x.meanPre, x.meanPost, x.meanChange]),
    ];
  }
  if (r.saved && r.costs) {
    const k = r.costs;
    files['budget'] = [
      ['line', 'kind', 'amount', 'amount_hidden'],
      ...r.saved.budget.map((b) => [b.label, b.kind, b.amount, '']),
      ['total_cost', 'figure', k.totalCost, ''],
      ['total_income', 'figure', k.totalIncome, ''],
      ['net_cost', 'figure', k.net, ''],
      ['cost_per_started_group', 'figure', k.perStartedGroup, ''],
      ['cost_per_completing_parent', 'figure', value(k.perCompletingParent), reason(k.perCompletingParent)],
    ];
  }
  if (r.saved) {
    const notes = r.saved.notes;
    files['texts'] = [['section', 'text'], ...r.saved.sections.filter((s) => notes[s]).map((s) => [s, notes[s]!])];
  }
  return files;
}

export function reportCsvFiles(r: ActivityReport): Record<string, string> {
  return Object.fromEntries(Object.entries(reportTables(r)).map(([name, rows]) => [`${name}.csv`, csvRecords(rows)]));
}
