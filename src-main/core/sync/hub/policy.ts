import type { Bilingual } from '../../errors';
import { isHistoryCell, type RowStamps, type ScopeChanges } from '../changes';
import { columnsOfCell } from '../cell-codec';
import type { ScopeStore } from '../engine/scope-store';
import type { DeviceIdentity } from '../protocol';
import { parseScope, type ScopeKind } from '../scopes';
import { keyOfRowId, syncedTableByName, syncedTables, type PartKind } from '../tables';
import type { AccessIndex } from './access-index';

/**
 * Who may see and change what, decided on the server for every scope a device opens and every
 * change it sends. Reference data: everyone reads, administrators write (supervisors also the
 * course catalogue). A group: its unit's people, its supervisor and its leaders. A group's
 * names: its unit only. A leader's pathway: the leader and her supervisors read it; supervisors
 * and administrators write it.
 */
export interface Policy {
  canRead(device: DeviceIdentity, scope: string): boolean;
  /** May send content without receiving any: an administrator uploading names of units she is not in. */
  canUpload(device: DeviceIdentity, scope: string): boolean;
  /** Null when allowed, else why not, in words a user can act on. */
  checkWrite(device: DeviceIdentity, scope: string, incoming: ScopeChanges, store: ScopeStore): Bilingual | null;
}

/**
 * The tables a scope of each kind may carry, read from the one list of synced tables so that a
 * table added there is accepted here too; conflicts travel in every scope.
 */
const tablesOf: Record<ScopeKind, ReadonlySet<string>> = {
  ref: tablesWithPart('ref'),
  group: tablesWithPart('group'),
  people: tablesWithPart('people'),
  pathway: tablesWithPart('pathway'),
};
function tablesWithPart(kind: ScopeKind): ReadonlySet<string> {
  const names = syncedTables.filter((t) => t.parts.some((p) => p.kind === kind)).map((t) => t.name);
  return new Set([...names, 'sync_conflicts']);
}
const courseCatalogue = new Set(['courses', 'course_days', 'sync_conflicts']);

const refuse = (sv: string, en: string): Bilingual => ({ sv, en });
const malformed = () =>
  refuse(
    'Ändringen hade en form som servern inte känner igen och togs inte emot.',
    'The change had a shape the server does not recognise and was not accepted.',
  );
const notYours = () => refuse('Du har inte behörighet att ändra de här uppgifterna.', 'You are not allowed to change this data.');

/** The value of a cell as it will be after the change: incoming if it has it, else stored; key columns come from the row id. */
function valueAfter(table: string, rowId: string, cellId: string, column: string, incoming: RowStamps | undefined, store: ScopeStore): unknown {
  const t = syncedTableByName.get(table);
  if (t && t.key.length > 1 && t.key.includes(column)) return keyOfRowId(t, rowId)[column];
  const cell = syncedTableByName
    .get(table)
    ?.parts.flatMap((p) => p.cells)
    .find((c) => c.id === cellId);
  const stamped = incoming?.[cellId] ?? store.row(table, rowId)?.[cellId];
  if (!cell || !stamped || stamped.value === undefined) return undefined;
  return columnsOfCell(cell, stamped.value)?.[column];
}

/** The change makes a row of the table that the scope does not hold yet. */
function addsRows(table: string, incoming: ScopeChanges, store: ScopeStore): boolean {
  return Object.entries(incoming[table] ?? {}).some(([rowId, cells]) => !store.row(table, rowId) && Object.values(cells).some((c) => c.value !== undefined));
}

export function createPolicy(index: AccessIndex): Policy {
  const inUnits = (device: DeviceIdentity, unitId: string | null | undefined) => Boolean(unitId && device.units.includes(unitId));

  function canReadGroup(device: DeviceIdentity, groupId: string): boolean {
    const g = index.group(groupId);
    if (!g) return false;
    if (device.role === 'admin') return true;
    if (inUnits(device, g.unitId)) return true;
    if (device.role === 'unit-server' || !device.personId) return false;
    return g.supervisorId === device.personId || g.leaders.has(device.personId);
  }

  function canRead(device: DeviceIdentity, scope: string): boolean {
    const parsed = parseScope(scope);
    if (!parsed) return false;
    switch (parsed.kind) {
      case 'ref':
        return true;
      case 'group':
        return canReadGroup(device, parsed.id);
      case 'people':
        return inUnits(device, index.group(parsed.id)?.unitId);
      case 'pathway':
        if (device.role === 'admin' || device.personId === parsed.id) return true;
        if (device.role === 'unit-server') return inUnits(device, index.staffUnit(parsed.id));
        return device.role === 'supervisor' && Boolean(device.personId && index.supervisorsOf(parsed.id).has(device.personId));
    }
  }

  /** Every table, cell and value is one this scope holds. */
  function shapeIsValid(kind: ScopeKind, incoming: ScopeChanges): boolean {
    for (const [tableName, rows] of Object.entries(incoming)) {
      const table = syncedTableByName.get(tableName);
      if (!table || !tablesOf[kind].has(tableName)) return false;
      const partKinds: PartKind[] = tableName === 'sync_conflicts' ? ['subject'] : [kind];
      const cellIds = new Set(table.parts.filter((p) => partKinds.includes(p.kind)).flatMap((p) => p.cells.map((c) => c.id)));
      for (const cells of Object.values(rows)) {
        for (const [cellId, stamped] of Object.entries(cells)) {
          const base = isHistoryCell(cellId) ? cellId.slice(0, -2) : cellId;
          if (!cellIds.has(base)) return false;
          if (isHistoryCell(cellId) && stamped.value !== undefined && (typeof stamped.value !== 'string' || !/^[-0-9A-Za-z_,]{0,200}$/.test(stamped.value)))
            return false;
        }
      }
    }
    return true;
  }

  function checkGroupRows(groupId: string, incoming: ScopeChanges, store: ScopeStore): boolean {
    for (const [table, rows] of Object.entries(incoming)) {
      for (const [rowId, cells] of Object.entries(rows)) {
        if (table === 'groups' && rowId !== groupId) return false;
        if (['group_leaders', 'sessions', 'participants'].includes(table)) {
          const g = valueAfter(table, rowId, 'group_id', 'group_id', cells, store);
          if (g !== undefined && g !== groupId) return false;
        }
      }
    }
    return true;
  }

  /**
   * Marks, fidelity records and questionnaire rows name a participant or a session by id. One the
   * server knows to be another group's is refused: otherwise a device could attach rows to another
   * unit's parents or sessions through a group it may write. An id the server does not know yet is
   * let through (the engine may deliver a new table before new rows of one the server already has),
   * and a row that is only deleted names nothing new.
   */
  function checkGroupReferences(groupId: string, incoming: ScopeChanges, store: ScopeStore): boolean {
    const foreign = (table: 'participants' | 'sessions', id: unknown) => {
      if (typeof id !== 'string') return false;
      const here = valueAfter(table, id, 'group_id', 'group_id', incoming[table]?.[id], store);
      const owner = typeof here === 'string' ? here : index.ownerGroup(table, id);
      return owner !== undefined && owner !== groupId;
    };
    for (const [table, rows] of Object.entries(incoming)) {
      const t = syncedTableByName.get(table);
      if (!t || !['attendance', 'fidelity_records', 'outcome_statuses', 'outcome_responses', 'outcome_entries'].includes(table)) continue;
      for (const [rowId, cells] of Object.entries(rows)) {
        if (!Object.values(cells).some((c) => c.value !== undefined)) continue;
        const key = keyOfRowId(t, rowId);
        const participant =
          table === 'outcome_responses' || table === 'outcome_entries'
            ? valueAfter(table, rowId, 'participant_id', 'participant_id', cells, store)
            : key.participant_id;
        if (table !== 'fidelity_records' && foreign('participants', participant)) return false;
        if ((table === 'attendance' || table === 'fidelity_records') && foreign('sessions', key.session_id)) return false;
      }
    }
    return true;
  }

  function checkPathwayRows(device: DeviceIdentity, leaderId: string, incoming: ScopeChanges, store: ScopeStore): boolean {
    for (const [table, rows] of Object.entries(incoming)) {
      for (const [rowId, cells] of Object.entries(rows)) {
        const value = (cell: string, column = cell) => valueAfter(table, rowId, cell, column, cells, store);
        if (['certifications', 'supervision_leaders'].includes(table) && value('leader_id') !== undefined && value('leader_id') !== leaderId) return false;
        if (table === 'follow_ups' && value('leader_id') && value('leader_id') !== leaderId) return false;
        if (table === 'course_attendance' && value('staff_id') !== undefined && value('staff_id') !== leaderId) return false;
        if (
          device.role === 'supervisor' &&
          table === 'supervision_sessions' &&
          value('supervisor_id') !== undefined &&
          value('supervisor_id') !== device.personId
        )
          return false;
        if (device.role === 'supervisor' && table === 'certifications' && value('supervisor_id') !== undefined && value('supervisor_id') !== device.personId)
          return false;
      }
    }
    return true;
  }

  return {
    canRead,
    canUpload: (device, scope) => device.role === 'admin' && parseScope(scope)?.kind === 'people',
    checkWrite(device, scope, incoming, store) {
      const parsed = parseScope(scope);
      if (!parsed || !shapeIsValid(parsed.kind, incoming)) return malformed();
      // The conflict list is kept by whoever holds the data it is about.
      if (Object.keys(incoming).every((t) => t === 'sync_conflicts') && canRead(device, scope)) return null;
      switch (parsed.kind) {
        case 'ref': {
          if (device.role === 'admin') return null;
          if (device.role !== 'leader' && Object.keys(incoming).every((t) => courseCatalogue.has(t))) return null;
          return refuse(
            'Bara administratörer kan ändra referensdata (program, enheter, medarbetare, planer och regler). Ändringen är återställd.',
            'Only administrators can change reference data (programmes, units, staff, plans and rules). The change has been undone.',
          );
        }
        case 'group': {
          const existing = index.group(parsed.id);
          if (!checkGroupRows(parsed.id, incoming, store)) return malformed();
          if (!checkGroupReferences(parsed.id, incoming, store)) {
            return refuse(
              'Ändringen gäller en deltagare eller träff i en annan grupp och togs inte emot.',
              'The change concerns a participant or session in another group and was not accepted.',
            );
          }
          const unitAfter = valueAfter('groups', parsed.id, 'unit_id', 'unit_id', incoming.groups?.[parsed.id], store);
          // A parent's row and her name travel in two scopes; only the unit may hold the name, so
          // only the unit may add her: otherwise the row would be taken in and the name refused.
          if (device.role !== 'admin' && !inUnits(device, existing?.unitId ?? (unitAfter as string)) && addsRows('participants', incoming, store)) {
            return refuse(
              'Deltagare i en grupp läggs till av personal i gruppens egen enhet, som har deras namn. Ändringen togs inte emot.',
              'Participants in a group are added by staff of the group’s own unit, who hold their names. The change was not accepted.',
            );
          }
          if (existing) {
            if (!canRead(device, scope)) return notYours();
            if (device.role !== 'admin' && unitAfter !== existing.unitId && !inUnits(device, unitAfter as string)) {
              return refuse('Gruppen kan bara flyttas till en enhet du hör till.', 'The group can only be moved to a unit you belong to.');
            }
            return null;
          }
          if (typeof unitAfter !== 'string') return refuse('Gruppen finns inte på servern.', 'The group does not exist on the server.');
          if (device.role === 'admin' || inUnits(device, unitAfter)) return null;
          return refuse('Du kan bara lägga upp grupper i en enhet du hör till.', 'You can only create groups in a unit you belong to.');
        }
        case 'people': {
          if (device.role === 'admin' || inUnits(device, index.group(parsed.id)?.unitId)) return null;
          return refuse(
            'Deltagarnas namn och kontaktuppgifter kan bara ändras inom gruppens egen enhet.',
            'Participants’ names and contact details can only be changed within the group’s own unit.',
          );
        }
        case 'pathway': {
          if (!checkPathwayRows(device, parsed.id, incoming, store)) return notYours();
          if (device.role === 'admin') return null;
          if (device.role === 'unit-server' && inUnits(device, index.staffUnit(parsed.id))) return null;
          if (device.role === 'supervisor' && device.personId) {
            if (index.supervisorsOf(parsed.id).has(device.personId)) return null;
            const ownMeeting = Object.entries(incoming.supervision_sessions ?? {}).some(
              ([rowId, cells]) => valueAfter('supervision_sessions', rowId, 'supervisor_id', 'supervisor_id', cells, store) === device.personId,
            );
            if (ownMeeting) return null;
          }
          return refuse(
            'En ledares utbildning, handledning och certifiering ändras av hennes handledare eller en administratör.',
            'A leader’s training, supervision and certification are changed by her supervisors or an administrator.',
          );
        }
      }
    },
  };
}
