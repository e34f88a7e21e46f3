import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import type { participantService } from '../services/participants';
import type { staffService } from '../services/staff';
import type { ImportKind } from './kinds';
import type { ColumnMapping } from './mapping';
import type { ImportPlan } from './plan-types';
import type { ImportTable } from './read-table';
import { planStaff } from './staff-plan';

/** What the last committed import created, kept until the next import so it can be undone whole. */
export interface LastImport {
  id: string;
  kind: ImportKind;
  at: string;
  created: string[];
}

const lastImportKey = 'import.last';

const refusedRows = (plan: ImportPlan) =>
  new AppError(
    'validation',
    {
      sv: `${plan.counts.invalid === 1 ? '1 rad har fel' : `${plan.counts.invalid} rader har fel`}. Inget importerades. Rätta raderna eller importera bara de giltiga.`,
      en: `${plan.counts.invalid === 1 ? '1 row has errors' : `${plan.counts.invalid} rows have errors`}. Nothing was imported. Fix the rows or import only the valid ones.`,
    },
    plan.rows
      .filter((r) => r.status === 'invalid')
      .slice(0, 100)
      .flatMap((r) => r.issues.map((i) => ({ path: `row.${r.rowNumber}${i.column ? `.${i.column}` : ''}`, message: i.message }))),
  );

const nothingToUndo = () => new AppError('not_found', { sv: 'Det finns ingen import att ångra.', en: 'There is no import to undo.' });

export function importService(ctx: ServiceContext, services: { staff: ReturnType<typeof staffService>; participants: ReturnType<typeof participantService> }) {
  const { repos, tx, audit, clock } = ctx;

  const plan = (kind: ImportKind, table: ImportTable, mapping: ColumnMapping): ImportPlan => {
    switch (kind) {
      case 'staff':
        return planStaff(repos, table, mapping);
      case 'participants':
        throw new AppError('validation', { sv: 'Import av deltagare finns inte än.', en: 'Importing participants is not available yet.' });
    }
  };

  const readLast = (): LastImport | null => {
    const text = repos.settings.get(lastImportKey);
    return text ? (JSON.parse(text) as LastImport) : null;
  };

  return {
    /** The dry run: what a commit would do, row by row. Writes nothing. */
    preview: plan,

    /**
     * Creates the new rows in one transaction, planned again inside it so nothing that changed
     * since the preview slips through. Rows with errors refuse the whole import unless the
     * caller chose to skip them.
     */
    commit(kind: ImportKind, table: ImportTable, mapping: ColumnMapping, options: { skipInvalid?: boolean } = {}): { plan: ImportPlan; importId: string } {
      return tx(() => {
        const planned = plan(kind, table, mapping);
        if (planned.counts.invalid > 0 && !options.skipInvalid) throw refusedRows(planned);
        const created: string[] = [];
        for (const row of planned.rows) {
          if (row.status !== 'new') continue;
          if (kind === 'staff') created.push(services.staff.create(row.input as Parameters<typeof services.staff.create>[0]).id);
        }
        const importId = crypto.randomUUID();
        const last: LastImport = { id: importId, kind, at: clock.now(), created };
        repos.settings.set(lastImportKey, JSON.stringify(last));
        audit.record({ action: 'import', entity: 'import', entityId: importId, fields: [kind] });
        return { plan: planned, importId };
      });
    },

    last: readLast,

    /** Removes everything the last import created, newest first, or nothing if any of it is now in use. */
    undo(): { kind: ImportKind; removed: number } {
      return tx(() => {
        const last = readLast();
        if (!last) throw nothingToUndo();
        let removed = 0;
        // Records deleted by hand since the import are gone already; the rest go, or none do.
        for (const id of [...last.created].reverse()) {
          if (last.kind === 'staff' && repos.staff.get(id)) services.staff.delete({ id });
          else if (last.kind === 'participants' && repos.participants.get(id)) services.participants.delete({ id });
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
