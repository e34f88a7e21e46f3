import type { AttendanceState, SessionCounts } from '../../contract';
import { AppError } from '../errors';
import type { Repos } from '../repos';
import type { ParticipantRow } from '../repos/participants';
import { cellDate, cellText } from './cell-values';
import type { ColumnMapping } from './mapping';
import { matrixColumns, sessionOfHeader, type SessionChoice, type SessionRef } from './session-columns';
import type { Cell } from './parse-process';
import { nameKey, programmeLookup, readGroupKey, rowReader, type RowReading } from './row-reader';
import { countRows, type ImportPlan, type PlannedRow } from './plan-types';
import type { ImportTable } from './read-table';
import { unitLookup } from './unit-lookup';

/** One participant's marks from one row: every session of a matrix row, or the one session of a list row. */
export interface AttendanceImportInput {
  groupId: string;
  participantId: string;
  marks: { sessionId: string; state: AttendanceState }[];
}

const stateWords = new Map<string, AttendanceState>([
  ['x', 'present'],
  ['ja', 'present'],
  ['j', 'present'],
  ['1', 'present'],
  ['n', 'present'],
  ['närvarande', 'present'],
  ['närv', 'present'],
  ['närvaro', 'present'],
  ['deltog', 'present'],
  ['present', 'present'],
  ['p', 'present'],
  ['yes', 'present'],
  ['✓', 'present'],
  ['✔', 'present'],
  ['nej', 'absent'],
  ['0', 'absent'],
  ['f', 'absent'],
  ['frånvarande', 'absent'],
  ['frånv', 'absent'],
  ['borta', 'absent'],
  ['absent', 'absent'],
  ['no', 'absent'],
  ['anmäld frånvaro', 'absent_with_notice'],
  ['anmäld', 'absent_with_notice'],
  ['anmält', 'absent_with_notice'],
  ['af', 'absent_with_notice'],
  ['återbud', 'absent_with_notice'],
  ['meddelat', 'absent_with_notice'],
  ['meddelad', 'absent_with_notice'],
  ['förhinder', 'absent_with_notice'],
  ['notified', 'absent_with_notice'],
  ['absent with notice', 'absent_with_notice'],
  ['excused', 'absent_with_notice'],
]);

const stateHint = {
  sv: 'skriv x eller närvarande, frånvarande, eller anmäld frånvaro (återbud); lämna tomt om inget är känt',
  en: 'write x or present, absent, or notified (absent with notice); leave it empty when nothing is known',
};

function sessionOfCell(cell: Cell | undefined): SessionRef | null {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 1000) return { number: cell };
  if (cell instanceof Date || typeof cell === 'number') {
    const date = cellDate(cell);
    return date ? { date } : null;
  }
  return sessionOfHeader(cellText(cell));
}

const describeRef = (ref: SessionRef) =>
  'number' in ref ? { sv: `träff ${ref.number}`, en: `session ${ref.number}` } : { sv: `träff den ${ref.date}`, en: `session on ${ref.date}` };

const noSessionColumns = () =>
  new AppError('validation', {
    sv: 'Ingen kolumn för träffarna hittades. Ge antingen en kolumn per träff (rubriker som "Tillfälle 1", "1" eller "2026-01-14") eller kolumnerna "Träff" och "Närvaro".',
    en: 'No column for the sessions was found. Give either one column per session (headers such as "Session 1", "1" or "2026-01-14") or the columns "Session" and "Attendance".',
  });

/** A group's sessions found by number or date, its participants by name, and the marks Komet already has. */
function groupFacts(repos: Repos, groupId: string) {
  const sessions = repos.attendance.groupSessions(groupId);
  const byNumber = new Map<number, SessionCounts>(sessions.map((s) => [s.number, s]));
  const byDate = new Map<string, SessionCounts[]>();
  for (const s of sessions) {
    const date = s.heldDate ?? s.plannedDate;
    byDate.set(date, [...(byDate.get(date) ?? []), s]);
  }
  const byName = new Map<string, ParticipantRow[]>();
  for (const p of repos.participants.rowsForGroup(groupId)) {
    // A moved enrolment is history: its marks are recorded in the group the person moved to.
    if (p.manualStatus === 'moved') continue;
    const key = nameKey(p.displayName);
    byName.set(key, [...(byName.get(key) ?? []), p]);
  }
  const marks = new Map(repos.attendance.groupMarks(groupId).map((m) => [`${m.participantId}|${m.sessionId}`, m.state]));
  return { byNumber, byDate, byName, marks };
}

/**
 * Attendance names its group by programme, unit and start date and its participant by name
 * within the group. The sheet is either a matrix (a row per participant, a column per session,
 * as attendance lists are kept) or a list with a row per mark (session and state columns).
 * An empty cell records nothing; a mark Komet already has is left as it is, and one it has with
 * another state is an error to settle by hand, so an import never overwrites the grid.
 */
export function planAttendance(repos: Repos, table: ImportTable, mapping: ColumnMapping, sessions?: SessionChoice): ImportPlan<AttendanceImportInput> {
  const finders = { programme: programmeLookup(repos.programmes.list(true), false), unit: unitLookup(repos.units.list(true)) };
  const groupByKey = new Map(repos.groups.naturalKeys().map((g) => [`${g.programmeId}|${g.unitId}|${g.startDate}`, g]));
  const listLayout = mapping.has('session') && mapping.has('state');
  const matrix = listLayout ? [] : matrixColumns(table.headers, mapping, sessions);
  if (!listLayout && matrix.length === 0) throw noSessionColumns();
  const { header, read } = rowReader(table, mapping);
  const facts = new Map<string, ReturnType<typeof groupFacts>>();
  const factsOf = (groupId: string) => {
    let f = facts.get(groupId);
    if (!f) facts.set(groupId, (f = groupFacts(repos, groupId)));
    return f;
  };
  /** Row that first gave a participant's mark for a session, and its state. */
  const seen = new Map<string, { rowNumber: number; state: AttendanceState }>();
  // A matrix row is one participant: a second row for the same person repeats the first.
  const seenPeople = new Map<string, number>();

  const findSession = (row: RowReading, f: ReturnType<typeof groupFacts>, ref: SessionRef, column: string | null): SessionCounts | null => {
    const found = 'number' in ref ? f.byNumber.get(ref.number) : f.byDate.get(ref.date)?.[0];
    const many = 'date' in ref && (f.byDate.get(ref.date)?.length ?? 0) > 1;
    const what = describeRef(ref);
    if (many) {
      row.issues.push({
        column,
        message: {
          sv: `gruppen har flera träffar ${ref.date}; ange träffens nummer`,
          en: `the group has several sessions on ${ref.date}; give the session's number`,
        },
      });
      return null;
    }
    if (!found) {
      row.issues.push({ column, message: { sv: `gruppen har ingen ${what.sv}`, en: `the group has no ${what.en}` } });
      return null;
    }
    return found;
  };

  const rows = table.rows.map(({ rowNumber, cells }): PlannedRow<AttendanceImportInput> => {
    const row = read(cells);
    const { cell, issues, add } = row;
    const name = cellText(cell('name'));
    const { programme, unit, startDate } = readGroupKey(row, finders, 'groupStart', { sv: 'ange gruppens startdatum', en: "give the group's start date" });
    if (!name) add('name', 'ange deltagarens namn', "give the participant's name");
    const label = name || `(${rowNumber})`;
    const group = programme && unit && startDate ? groupByKey.get(`${programme.id}|${unit.id}|${startDate}`) : undefined;
    if (programme && unit && startDate && !group) {
      add(
        'groupStart',
        `det finns ingen grupp i ${programme.code} på ${unit.name} som startar ${startDate}; lägg upp gruppen först`,
        `there is no ${programme.code} group at ${unit.name} starting ${startDate}; add the group first`,
      );
    }
    if (!group || !name) return { rowNumber, status: 'invalid', label, issues };
    const f = factsOf(group.id);
    const people = f.byName.get(nameKey(name)) ?? [];
    if (people.length === 0) {
      add(
        'name',
        `'${name}' finns inte bland gruppens deltagare; importera deltagarna först`,
        `'${name}' is not among the group's participants; import the participants first`,
      );
    } else if (people.length > 1) {
      add(
        'name',
        `två deltagare i gruppen heter '${name}'; registrera deras närvaro i Komet`,
        `two participants in the group are called '${name}'; record their attendance in Komet`,
      );
    }
    const participant = people.length === 1 ? people[0]! : undefined;

    // The cells this row gives: [session, state, the column to name in an issue].
    const given: { ref: SessionRef; text: string; column: string | null }[] = [];
    if (listLayout) {
      const sessionCell = cell('session');
      const ref = sessionOfCell(sessionCell);
      if (!ref) {
        const raw = cellText(sessionCell);
        add(
          'session',
          raw ? `'${raw}' är varken ett träffnummer eller ett datum` : 'ange träffens nummer eller datum',
          raw ? `'${raw}' is neither a session number nor a date` : "give the session's number or date",
        );
      } else given.push({ ref, text: cellText(cell('state')), column: header('state') });
    } else {
      for (const m of matrix) given.push({ ref: m.ref, text: cellText(cells[m.index]), column: m.header });
    }

    const marks: AttendanceImportInput['marks'] = [];
    let already = 0;
    let repeats: number | undefined;
    for (const g of given) {
      const text = g.text.toLowerCase().replace(/\s+/g, ' ');
      if (!text) {
        if (listLayout) issues.push({ column: g.column, message: { sv: `ange närvaro (${stateHint.sv})`, en: `give the attendance (${stateHint.en})` } });
        continue;
      }
      const state = stateWords.get(text);
      if (!state) {
        issues.push({
          column: g.column,
          message: { sv: `okänd närvaro '${g.text}' (${stateHint.sv})`, en: `unknown attendance '${g.text}' (${stateHint.en})` },
        });
        continue;
      }
      const session = findSession(row, f, g.ref, g.column);
      if (!session || !participant) continue;
      const key = `${participant.id}|${session.id}`;
      const earlier = seen.get(key);
      if (earlier && earlier.state !== state) {
        issues.push({
          column: g.column,
          message: {
            sv: `rad ${earlier.rowNumber} ger en annan närvaro för samma deltagare och träff`,
            en: `row ${earlier.rowNumber} gives another attendance for the same participant and session`,
          },
        });
        continue;
      }
      if (earlier) {
        repeats = earlier.rowNumber;
        continue;
      }
      seen.set(key, { rowNumber, state });
      const stored = f.marks.get(key);
      if (stored === state) {
        already++;
        continue;
      }
      if (stored) {
        const what = describeRef(g.ref);
        issues.push({
          column: g.column,
          message: {
            sv: `Komet har redan en annan närvaro för ${what.sv}; ändra den i närvarolistan om filen har rätt`,
            en: `Komet already has another attendance for ${what.en}; change it in the attendance grid if the file is right`,
          },
        });
        continue;
      }
      marks.push({ sessionId: session.id, state });
    }
    if (issues.length || !participant) return { rowNumber, status: 'invalid', label, issues };
    if (!listLayout) {
      const earlierRow = seenPeople.get(participant.id);
      if (earlierRow !== undefined) return { rowNumber, status: 'duplicate', label, issues, sameAsRow: earlierRow };
      seenPeople.set(participant.id, rowNumber);
    }
    if (marks.length === 0) {
      // Every mark was there already (or the row has none), or the row repeats an earlier one of the file.
      return repeats !== undefined && already === 0
        ? { rowNumber, status: 'duplicate', label, issues, sameAsRow: repeats }
        : { rowNumber, status: 'existing', label, issues };
    }
    return { rowNumber, status: 'new', label, issues, input: { groupId: group.id, participantId: participant.id, marks } };
  });
  return { kind: 'attendance', rows, counts: countRows(rows) };
}
