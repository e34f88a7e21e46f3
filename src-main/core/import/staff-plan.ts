import { staffInput } from '../../contract/schemas/organisation';
import type { Repos } from '../repos';
import type { StaffFields } from '../repos/staff';
import { cellText, cellYes } from './cell-values';
import type { ColumnMapping } from './mapping';
import { nameKey, rowReader } from './row-reader';
import { countRows, type ImportPlan, type PlannedRow } from './plan-types';
import type { ImportTable } from './read-table';
import { unitLookup } from './unit-lookup';
import { schemaIssues } from './zod-issues';

const leaderWords = new Set(['gruppledare', 'ledare', 'leader', 'groupleader', 'group leader']);
const supervisorWords = new Set(['handledare', 'supervisor']);

/** "Gruppledare, handledare", "leader; supervisor", "gruppledare och handledare". */
function rolesOf(text: string): { isLeader: boolean; isSupervisor: boolean; unknown: string[] } {
  const words = text
    .toLowerCase()
    .split(/\s*(?:[,;/+&]|\boch\b|\band\b)\s*/)
    .filter(Boolean);
  return {
    isLeader: words.some((w) => leaderWords.has(w)),
    isSupervisor: words.some((w) => supervisorWords.has(w)),
    unknown: words.filter((w) => !leaderWords.has(w) && !supervisorWords.has(w)),
  };
}

/** Staff are the same person by e-mail, or else by name within the same unit. */
const keysOf = (s: { name: string; unitId: string | null; email: string | null }) => [
  ...(s.email ? [`email:${s.email.toLowerCase()}`] : []),
  `name:${nameKey(s.name)}|${s.unitId ?? ''}`,
];

const fieldOfPath: Record<string, string> = { name: 'name', unitId: 'unit', email: 'email', phone: 'phone', isLeader: 'roles', isSupervisor: 'roles' };

export function planStaff(repos: Repos, table: ImportTable, mapping: ColumnMapping): ImportPlan<StaffFields> {
  const findUnit = unitLookup(repos.units.list(true));
  const known = new Map<string, string>();
  for (const s of repos.staff.list({ includeArchived: true })) for (const k of keysOf(s)) known.set(k, s.id);
  const seen = new Map<string, number>();
  const { header, read } = rowReader(table, mapping);
  const rows = table.rows.map(({ rowNumber, cells }): PlannedRow<StaffFields> => {
    const { cell, issues, addMessage } = read(cells);
    const name = cellText(cell('name'));
    const unitText = cellText(cell('unit'));
    let unitId: string | null = null;
    if (unitText) {
      const found = findUnit(unitText);
      if ('issue' in found) addMessage('unit', found.issue);
      else unitId = found.unit.id;
    }
    const roles = rolesOf(cellText(cell('roles')));
    if (roles.unknown.length) {
      issues.push({
        column: header('roles'),
        message: {
          sv: `okänd roll '${roles.unknown.join(', ')}' (skriv gruppledare och/eller handledare)`,
          en: `unknown role '${roles.unknown.join(', ')}' (write group leader and/or supervisor)`,
        },
      });
    }
    const candidate = {
      name,
      unitId,
      email: cellText(cell('email')) || null,
      phone: cellText(cell('phone')) || null,
      isLeader: roles.isLeader || cellYes(cell('leader')),
      isSupervisor: roles.isSupervisor || cellYes(cell('supervisor')),
    };
    const parsed = staffInput.safeParse(candidate);
    if (!parsed.success)
      for (const i of schemaIssues(staffInput, candidate)) {
        // unitId is always an id here; the schema's other messages name what to fix in the cell.
        issues.push({ column: header(fieldOfPath[i.path.split('.')[0]!] ?? '') ?? null, message: i.message });
      }
    const label = name || `(${rowNumber})`;
    if (issues.length || !parsed.success) return { rowNumber, status: 'invalid', label, issues };
    const keys = keysOf(candidate);
    const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
    if (earlier !== undefined) return { rowNumber, status: 'duplicate', label, issues, sameAsRow: earlier };
    for (const k of keys) seen.set(k, rowNumber);
    if (keys.some((k) => known.has(k))) return { rowNumber, status: 'existing', label, issues };
    return { rowNumber, status: 'new', label, issues, input: parsed.data };
  });
  return { kind: 'staff', rows, counts: countRows(rows) };
}
