import { z } from 'zod';
import { ATTENDANCE_STATES, IMPORT_KINDS } from '../../contract/enums';
import { AppError } from '../errors';
import type { attendanceService, ImportedMarks } from '../services/attendance';
import type { ServiceContext } from '../services/context';
import type { groupService } from '../services/groups';
import type { participantService } from '../services/participants';
import type { staffService } from '../services/staff';
import type { ImportKind } from './kinds';
import { describeMapping, type ColumnMapping } from './mapping';
import { describeSessionChoice, type SessionChoice } from './session-columns';
import { countRows, type ImportPlan, type PlannedRow } from './plan-types';
import type { ImportTable } from './read-table';
import { planAttendance, type AttendanceImportInput } from './attendance-plan';
import { planGroups, type GroupImportInput } from './group-plan';
import { planParticipants, type ParticipantImportInput } from './participant-plan';
import { planStaff } from './staff-plan';

/** What the last committed import created, kept until the next import so it can be undone whole. */
export interface LastImport {
  id: string;
  kind: ImportKind;
  at: string;
  created: string[];
  /** An attendance import's marks, and the sessions and groups it recorded as held and running. */
  attendance?: ImportedMarks;
}

const lastImportKey = 'import.last';
/** What commit writes as the last import; read back checked, since the settings value may be damaged. */
const lastImportValue = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  at: z.string(),
  created: z.array(z.string()),
  attendance: z
    .object({
      cells: z.array(z.tuple([z.string(), z.string(), z.enum(ATTENDANCE_STATES)])),
      heldSessions: z.array(z.string()),
      runningGroups: z.array(z.string()),
    })
    .optional(),
});
/** Field → header (or null for a field left unmapped), as describeMapping writes it. */
const savedMappingValue = z.record(z.string(), z.string().nullable());
/** The columns the last import of a kind used, offered again for the next file of that kind. */
const mappingKey = (kind: ImportKind) => `import.mapping.${kind}`;
/** Header → session number (or null), where the last attendance import's user set a matrix column over its header. */
const savedSessionsValue = z.record(z.string(), z.number().int().min(1).max(999).nullable());
const sessionsKey = 'import.sessions.attendance';

const refusedRows = (plan: ImportPlan) =>
  new AppError(
    'validation',
    plan.counts.invalid === 1
      ? {
          sv: '1 rad har fel. Inget importerades. Rätta raden eller importera bara de giltiga.',
          en: '1 row has errors. Nothing was imported. Fix the row or import only the valid ones.',
        }
      : {
          sv: `${plan.counts.invalid} rader har fel. Inget importerades. Rätta raderna eller importera bara de giltiga.`,
          en: `${plan.counts.invalid} rows have errors. Nothing was imported. Fix the rows or import only the valid ones.`,
        },
    plan.rows
      .filter((r) => r.status === 'invalid')
      .slice(0, 100)
      .flatMap((r) => r.issues.map((i) => ({ path: `row.${r.rowNumber}${i.column ? `.${i.column}` : ''}`, message: i.message }))),
  );

/** A rule the service enforces beyond the form's schema, named by the row that broke it. */
function atRow(rowNumber: number, err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const detail = err.issues?.map((i) => i.message) ?? [err.messages];
  return new AppError(
    err.code,
    {
      sv: `Rad ${rowNumber}: ${detail.map((m) => m.sv).join(' ')} Inget importerades.`,
      en: `Row ${rowNumber}: ${detail.map((m) => m.en).join(' ')} Nothing was imported.`,
    },
    err.issues,
  );
}

const groupHasParticipants = () =>
  new AppError('in_use', {
    sv: 'En grupp från importen har fått deltagare och tas inte bort. Inget ångrades.',
    en: 'A group from the import has participants now and is not deleted. Nothing was undone.',
  });

const damagedRecord = () =>
  new AppError('validation', {
    sv: 'Uppgiften om vad den senaste importen lade till är skadad, så importen kan inte ångras. Inget togs bort; ta bort posterna för hand vid behov.',
    en: 'The record of what the last import added is damaged, so the import cannot be undone. Nothing was removed; remove the records by hand if needed.',
  });

const nothingToUndo = () => new AppError('not_found', { sv: 'Det finns ingen import att ångra.', en: 'There is no import to undo.' });

type Writers = {
  staff: ReturnType<typeof staffService>;
  groups: ReturnType<typeof groupService>;
  participants: ReturnType<typeof participantService>;
  attendance: ReturnType<typeof attendanceService>;
};

/** Thrown to roll the dry run's trial writes back. */
class TrialOver extends Error {}

export function importService(ctx: ServiceContext, services: Writers, trial: Writers) {
  const { repos, tx, audit, clock } = ctx;

  /** A saved setting read back through its schema; a damaged one only loses the convenience, so it reads as none. */
  const readSaved = <T>(key: string, schema: z.ZodType<Record<string, T>>): Record<string, T> | null => {
    const text = repos.settings.get(key);
    if (!text) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return null;
    }
    if (!schema.safeParse(value).success) return null;
    // Read back from the parsed JSON as entries, so a header named like a prototype key stays an ordinary string.
    return Object.fromEntries(Object.entries(value as Record<string, T>));
  };

  /** Creates the plan's new rows through the services. */
  const createRows = (
    kind: ImportKind,
    planned: ImportPlan,
    writers: Writers,
    onError: (row: PlannedRow, err: unknown) => void,
  ): { created: string[]; attendance?: ImportedMarks } => {
    const rows = planned.rows.filter((r) => r.status === 'new');
    if (kind === 'participants') {
      const created = writers.participants.createMany(
        rows.map((r) => r.input as ParticipantImportInput),
        (index, err) => onError(rows[index]!, err),
        { deriveStatuses: writers !== trial },
      );
      return { created };
    }
    if (kind === 'attendance') {
      const attendance = writers.attendance.importMarks(
        rows.map((r) => r.input as AttendanceImportInput),
        (index, err) => onError(rows[index]!, err),
      );
      return { created: attendance.cells.map(([participantId, sessionId]) => `${participantId}|${sessionId}`), attendance };
    }
    const created: string[] = [];
    for (const row of rows) {
      try {
        if (kind === 'groups') created.push(writers.groups.create(row.input as GroupImportInput).id);
        else created.push(writers.staff.create(row.input as Parameters<Writers['staff']['create']>[0]).id);
      } catch (err) {
        onError(row, err);
      }
    }
    return { created };
  };

  /**
   * The dry run: the plan, then every new row tried through the services' own rules (those that
   * look at the database, such as consent dated before enrolment) and rolled back, so the
   * preview names every row the commit would refuse. Writes nothing, logs nothing.
   */
  const preview = (kind: ImportKind, table: ImportTable, mapping: ColumnMapping, sessions?: SessionChoice): ImportPlan => {
    const planned = plan(kind, table, mapping, sessions);
    try {
      tx(() => {
        createRows(kind, planned, trial, (row, err) => {
          if (!(err instanceof AppError)) throw err;
          row.status = 'invalid';
          delete row.input;
          const issues = err.issues?.length ? err.issues.map((i) => i.message) : [err.messages];
          row.issues.push(...issues.map((message) => ({ column: null, message })));
        });
        throw new TrialOver();
      });
    } catch (err) {
      if (!(err instanceof TrialOver)) throw err;
    }
    return { ...planned, counts: countRows(planned.rows) };
  };

  const plan = (kind: ImportKind, table: ImportTable, mapping: ColumnMapping, sessions?: SessionChoice): ImportPlan => {
    switch (kind) {
      case 'staff':
        return planStaff(repos, table, mapping);
      case 'groups':
        return planGroups(repos, table, mapping);
      case 'participants':
        return planParticipants(repos, table, mapping);
      case 'attendance':
        return planAttendance(repos, table, mapping, sessions);
    }
  };

  /** The record of the last import, or 'damaged' when the stored value is not one (undo then refuses, saying so). */
  const readRecord = (): LastImport | null | 'damaged' => {
    const text = repos.settings.get(lastImportKey);
    if (!text) return null;
    try {
      const parsed = lastImportValue.safeParse(JSON.parse(text));
      return parsed.success ? (parsed.data as LastImport) : 'damaged';
    } catch {
      return 'damaged';
    }
  };
  const readLast = (): LastImport | null => {
    const last = readRecord();
    return last === 'damaged' ? null : last;
  };

  return {
    preview,

    /**
     * Creates the new rows in one transaction, planned again inside it so nothing that changed
     * since the preview slips through. Rows with errors refuse the whole import unless the
     * caller chose to skip them.
     */
    commit(
      kind: ImportKind,
      table: ImportTable,
      mapping: ColumnMapping,
      options: { skipInvalid?: boolean; sessions?: SessionChoice } = {},
    ): { plan: ImportPlan; importId: string } {
      return tx(() => {
        const planned = plan(kind, table, mapping, options.sessions);
        if (planned.counts.invalid > 0 && !options.skipInvalid) throw refusedRows(planned);
        const { created, attendance } = createRows(kind, planned, services, (row, err) => {
          throw atRow(row.rowNumber, err);
        });
        const importId = crypto.randomUUID();
        const last: LastImport = { id: importId, kind, at: clock.now(), created, ...(attendance ? { attendance } : {}) };
        repos.settings.set(lastImportKey, JSON.stringify(last));
        repos.settings.set(mappingKey(kind), JSON.stringify(describeMapping(kind, table.headers, mapping)));
        if (kind === 'attendance')
          repos.settings.set(sessionsKey, JSON.stringify(describeSessionChoice(table.headers, mapping, options.sessions ?? new Map())));
        audit.record({ action: 'import', entity: 'import', entityId: importId, fields: [kind] });
        return { plan: planned, importId };
      });
    },

    last: readLast,

    /** Field → header as the last committed import of the kind mapped them, if any. */
    savedMapping(kind: ImportKind): Record<string, string | null> | null {
      return readSaved(mappingKey(kind), savedMappingValue);
    },

    /** Header → session number (or null) as the last committed attendance import set its matrix columns over their headers. */
    savedSessions(): Record<string, number | null> | null {
      return readSaved(sessionsKey, savedSessionsValue);
    },

    /** Removes everything the last import created, newest first, or nothing if any of it is now in use. */
    undo(): { kind: ImportKind; removed: number } {
      return tx(() => {
        const last = readRecord();
        if (last === 'damaged') throw damagedRecord();
        if (!last) throw nothingToUndo();
        if (last.kind === 'attendance') {
          const removed = last.attendance ? services.attendance.undoImportedMarks(last.attendance) : 0;
          repos.settings.set(lastImportKey, '');
          audit.record({ action: 'undo', entity: 'import', entityId: last.id, fields: [last.kind] });
          return { kind: last.kind, removed };
        }
        let removed = 0;
        // Records deleted by hand since the import are gone already; the rest go, or none do.
        for (const id of [...last.created].reverse()) {
          if (last.kind === 'staff' && repos.staff.get(id)) services.staff.delete({ id });
          else if (last.kind === 'groups' && repos.groups.row(id)) {
            // Deleting a group takes its participants with it: those were added after the import.
            if (repos.participants.listForGroup(id).length > 0) throw groupHasParticipants();
            services.groups.delete({ id });
          } else if (last.kind === 'participants' && repos.participants.get(id)) services.participants.delete({ id });
          else continue;
          removed++;
        }
        repos.settings.set(lastImportKey, '');
        audit.record({ action: 'undo', entity: 'import', entityId: last.id, fields: [last.kind] });
        return { kind: last.kind, removed };
      });
    },
  };
}
export type ImportService = ReturnType<typeof importService>;
