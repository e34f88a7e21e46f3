import { groupInput } from '../../contract/schemas/groups';
import type { StaffMember } from '../../contract';
import type { Repos } from '../repos';
import { cellText, closest } from './cell-values';
import type { ColumnMapping } from './mapping';
import { nameKey, programmeLookup, readGroupKey, rowReader } from './row-reader';
import { countRows, type ImportPlan, type PlannedRow } from './plan-types';
import type { ImportTable } from './read-table';
import { unitLookup } from './unit-lookup';
import { schemaIssues } from './zod-issues';
import type { Cell } from './parse-process';

export type GroupImportInput = ReturnType<typeof groupInput.parse>;

const fieldOfPath: Record<string, string> = { startTime: 'time', leaderIds: 'leaders', supervisorId: 'supervisor', venue: 'venue', startDate: 'startDate' };

/** 17:30, 17.30, 1730 or an xlsx time cell (a fraction of a day). */
function cellTime(cell: Cell | undefined): string | null {
  if (typeof cell === 'number' && cell >= 0 && cell < 1) {
    const minutes = Math.round(cell * 24 * 60);
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  const m = cellText(cell).match(/^(\d{1,2})[:.]?(\d{2})$/);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/** Finds staff by name or e-mail; a name two people share must be given as e-mail. */
function staffLookup(staff: readonly StaffMember[]) {
  const byName = new Map<string, StaffMember[]>();
  for (const s of staff) byName.set(nameKey(s.name), [...(byName.get(nameKey(s.name)) ?? []), s]);
  const byEmail = new Map(staff.filter((s) => s.email).map((s) => [s.email!.toLowerCase(), s]));
  return (written: string, role: 'leader' | 'supervisor'): { member: StaffMember } | { sv: string; en: string } => {
    const found = written.includes('@') ? [byEmail.get(written.toLowerCase())].filter((s) => s !== undefined) : (byName.get(nameKey(written)) ?? []);
    const active = found.filter((s) => s.active);
    if (active.length > 1)
      return {
        sv: `två medarbetare heter '${written}'; skriv e-postadressen i stället`,
        en: `two staff members are called '${written}'; write the e-mail address instead`,
      };
    const member = active[0];
    if (!member) {
      const near = closest(
        written,
        staff.filter((s) => s.active).map((s) => s.name),
      );
      return {
        sv: `medarbetaren '${written}' finns inte${near ? `; menade du '${near}'?` : '; importera medarbetarna först'}`,
        en: `there is no staff member '${written}'${near ? `; did you mean '${near}'?` : '; import the staff first'}`,
      };
    }
    if (role === 'leader' && !member.isLeader) return { sv: `'${written}' är inte gruppledare`, en: `'${written}' is not a group leader` };
    if (role === 'supervisor' && !member.isSupervisor) return { sv: `'${written}' är inte handledare`, en: `'${written}' is not a supervisor` };
    return { member };
  };
}

/** Groups are the same group by programme, unit and start date. */
export function planGroups(repos: Repos, table: ImportTable, mapping: ColumnMapping): ImportPlan<GroupImportInput> {
  const findStaff = staffLookup(repos.staff.list({ includeArchived: true }));
  const finders = { programme: programmeLookup(repos.programmes.list(true), true), unit: unitLookup(repos.units.list(true)) };
  const known = new Set(repos.groups.naturalKeys().map((g) => `${g.programmeId}|${g.unitId}|${g.startDate}`));
  const seen = new Map<string, number>();
  const { header, read } = rowReader(table, mapping);

  const rows = table.rows.map(({ rowNumber, cells }): PlannedRow<GroupImportInput> => {
    const row = read(cells);
    const { cell, issues, add } = row;
    const { programmeText, unitText, startText, programme, unit, startDate } = readGroupKey(row, finders, 'startDate', {
      sv: 'ange startdatum',
      en: 'give the start date',
    });
    const timeRaw = cellText(cell('time'));
    const startTime = cellTime(cell('time'));
    if (!startTime)
      add(
        'time',
        timeRaw ? `tiden '${timeRaw}' är ingen tid (skriv till exempel 17:30)` : 'ange starttid (till exempel 17:30)',
        timeRaw ? `the time '${timeRaw}' is not a time (write for example 17:30)` : 'give the start time (for example 17:30)',
      );

    const leaderIds: string[] = [];
    for (const written of cellText(cell('leaders'))
      .split(/\s*(?:[,;/&]|\boch\b|\band\b)\s*/)
      .filter(Boolean)) {
      const found = findStaff(written, 'leader');
      if ('member' in found) leaderIds.push(found.member.id);
      else add('leaders', found.sv, found.en);
    }
    const supervisorText = cellText(cell('supervisor'));
    let supervisorId: string | null = null;
    if (supervisorText) {
      const found = findStaff(supervisorText, 'supervisor');
      if ('member' in found) supervisorId = found.member.id;
      else add('supervisor', found.sv, found.en);
    }
    const label = [programmeText, unitText, startText].filter(Boolean).join(' ') || `(${rowNumber})`;
    if (issues.length || !programme || !unit || !startDate || !startTime) return { rowNumber, status: 'invalid', label, issues };
    const candidate = { programmeId: programme.id, unitId: unit.id, venue: cellText(cell('venue')), startDate, startTime, leaderIds, supervisorId };
    const parsed = groupInput.safeParse(candidate);
    if (!parsed.success) {
      for (const i of schemaIssues(groupInput, candidate)) issues.push({ column: header(fieldOfPath[i.path.split('.')[0]!] ?? ''), message: i.message });
      return { rowNumber, status: 'invalid', label, issues };
    }
    const key = `${programme.id}|${unit.id}|${startDate}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return { rowNumber, status: 'duplicate', label, issues, sameAsRow: earlier };
    seen.set(key, rowNumber);
    if (known.has(key)) return { rowNumber, status: 'existing', label, issues };
    return { rowNumber, status: 'new', label, issues, input: parsed.data };
  });
  return { kind: 'groups', rows, counts: countRows(rows) };
}
