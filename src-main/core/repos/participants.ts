import { and, count, eq, getTableColumns, inArray, isNull, ne, or, placeholder, sql, type SQL, type SQLChunk } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Participant } from '../../contract';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { attendance, families, groups, participants } from '../db/schema';
import { ageAtStart, type StatusResult } from '../domain/participation';
import { foldCase } from '../domain/text';
import { preparedRows } from './prepared-rows';
import { bound } from './sql-fragments';

// marked_count only feeds statistics; a participant read never shows it.
const { markedCount: _markedCount, ...rowColumns } = getTableColumns(participants);

export type ParticipantRow = Omit<typeof participants.$inferSelect, 'markedCount'>;
export type ParticipantFields = Pick<ParticipantRow, 'displayName' | 'relation' | 'contact' | 'enrolmentDate' | 'consent' | 'consentDate' | 'familyId'>;
type FamilyGender = (typeof families.$inferSelect)['childGender'];

type FullRow = ParticipantRow & { childBirthYear: number | null; childGender: FamilyGender; startDate: string; membersInGroup: number };

function toParticipant(r: FullRow): Participant {
  const { childBirthYear, childGender, startDate, membersInGroup, ...row } = r;
  const family = { id: r.familyId, childBirthYear, childGender, childAgeAtStart: ageAtStart(childBirthYear, startDate), membersInGroup };
  return { ...row, family };
}

/** The figures setDerived writes, each with its column. */
const derivedColumns: { [K in keyof StatusResult]: SQLiteColumn } = {
  status: participants.status,
  atRisk: participants.atRisk,
  absentStreak: participants.absentStreak,
  presentCount: participants.presentCount,
  markedCount: participants.markedCount,
  heldCount: participants.heldCount,
  lastSessionAttended: participants.lastSessionAttended,
};
const derivedNames = Object.keys(derivedColumns) as (keyof StatusResult)[];
const list = (parts: SQLChunk[]) => sql.join(parts, sql`, `);

/** Participants and families. Every participant read returns its family and derived figures. */
export function participantRepo(orm: Orm, clock: Clock) {
  const sameFamily = alias(participants, 'm');
  const membersInGroup = orm
    .select({ n: count() })
    .from(sameFamily)
    .where(and(eq(sameFamily.familyId, participants.familyId), eq(sameFamily.groupId, participants.groupId)));
  const fullFields = {
    ...rowColumns,
    childBirthYear: families.childBirthYear,
    childGender: families.childGender,
    startDate: groups.startDate,
    membersInGroup: sql<number>`${membersInGroup}`,
  };
  const full = () =>
    orm
      .select(fullFields)
      .from(participants)
      .innerJoin(families, eq(families.id, participants.familyId))
      .innerJoin(groups, eq(groups.id, participants.groupId));
  const enrolmentOrder = [participants.enrolmentDate, participants.createdAt, participants.id];

  // The attendance grid, the group page, participant pages and every attendance save read these:
  // prepared once, as building a statement costs more than running it.
  const byId = preparedRows(full().where(eq(participants.id, placeholder('id'))), fullFields);
  const byGroup = preparedRows(
    full()
      .where(eq(participants.groupId, placeholder('groupId')))
      .orderBy(...enrolmentOrder),
    fullFields,
  );
  const rowById = preparedRows(
    orm
      .select(rowColumns)
      .from(participants)
      .where(eq(participants.id, placeholder('id'))),
    rowColumns,
  );
  const rowsByGroup = preparedRows(
    orm
      .select(rowColumns)
      .from(participants)
      .where(eq(participants.groupId, placeholder('groupId')))
      .orderBy(...enrolmentOrder),
    rowColumns,
  );
  const setDerived = orm
    .update(participants)
    .set(Object.fromEntries(derivedNames.map((n) => [n, bound(n, derivedColumns[n])])) as Record<keyof StatusResult, SQL>)
    .where(
      and(
        eq(participants.id, placeholder('id')),
        // Unchanged figures are not written, so the caller learns whether anything changed.
        sql`(${list(derivedNames.map((n) => derivedColumns[n]))}) is not (${list(derivedNames.map((n) => bound(n, derivedColumns[n])))})`,
      ),
    )
    .prepare();

  // An import inserts thousands of participants in one go: every statement it repeats is prepared once.
  const takingPartFields = { id: participants.id, familyId: participants.familyId, displayName: participants.displayName };
  const takingPart = preparedRows(
    orm
      .select(takingPartFields)
      .from(participants)
      .where(and(eq(participants.groupId, placeholder('groupId')), or(isNull(participants.manualStatus), ne(participants.manualStatus, 'moved')))),
    takingPartFields,
  );
  const insertRow = orm
    .insert(participants)
    .values({
      id: placeholder('id'),
      personId: placeholder('personId'),
      groupId: placeholder('groupId'),
      familyId: placeholder('familyId'),
      displayName: placeholder('displayName'),
      relation: placeholder('relation'),
      contact: placeholder('contact'),
      enrolmentDate: placeholder('enrolmentDate'),
      consent: placeholder('consent'),
      consentDate: placeholder('consentDate'),
      movedFromGroupId: placeholder('movedFromGroupId'),
      createdAt: placeholder('now'),
      updatedAt: placeholder('now'),
    })
    .prepare();
  const familyFields = { id: families.id, childBirthYear: families.childBirthYear, childGender: families.childGender };
  const familyById = preparedRows(
    orm
      .select(familyFields)
      .from(families)
      .where(eq(families.id, placeholder('id'))),
    familyFields,
  );
  const insertFamilyRow = orm
    .insert(families)
    .values({
      id: placeholder('id'),
      childBirthYear: placeholder('childBirthYear'),
      childGender: placeholder('childGender'),
      createdAt: placeholder('now'),
      updatedAt: placeholder('now'),
    })
    .prepare();
  const updateFamilyRow = orm
    .update(families)
    .set({
      childBirthYear: bound('childBirthYear', families.childBirthYear),
      childGender: bound('childGender', families.childGender),
      updatedAt: bound('now', families.updatedAt),
    })
    .where(eq(families.id, placeholder('id')))
    .prepare();

  // Undoing an import deletes as many as it added.
  const countField = { n: count() };
  const marksOf = preparedRows(
    orm
      .select(countField)
      .from(attendance)
      .where(eq(attendance.participantId, placeholder('id'))),
    countField,
  );
  const membersOf = preparedRows(
    orm
      .select(countField)
      .from(participants)
      .where(eq(participants.familyId, placeholder('id'))),
    countField,
  );
  const deleteRow = orm
    .delete(participants)
    .where(eq(participants.id, placeholder('id')))
    .prepare();
  const deleteFamilyRow = orm
    .delete(families)
    .where(eq(families.id, placeholder('id')))
    .prepare();

  const countWhere = (where: SQL | undefined) => orm.select({ n: count() }).from(participants).where(where).get()!.n;

  return {
    get(id: string): Participant | undefined {
      const r = byId.get({ id });
      return r && toParticipant(r);
    },
    listForGroup: (groupId: string): Participant[] => byGroup.all({ groupId }).map(toParticipant),
    row: (id: string): ParticipantRow | undefined => rowById.get({ id }),
    rowsForGroup: (groupId: string): ParticipantRow[] => rowsByGroup.all({ groupId }),
    /** Groups that count heads only and still have someone active: their status may predate `ended_unrecorded`. */
    countsOnlyGroupsWithActive: (): string[] =>
      orm
        .selectDistinct({ id: participants.groupId })
        .from(participants)
        .where(
          and(
            eq(participants.status, 'active'),
            inArray(participants.groupId, orm.select({ id: groups.id }).from(groups).where(eq(groups.tracksAttendance, false))),
          ),
        )
        .all()
        .map((r) => r.id),
    groupIdsForProgramme: (programmeId: string): string[] =>
      orm
        .selectDistinct({ id: participants.groupId })
        .from(participants)
        .where(inArray(participants.groupId, orm.select({ id: groups.id }).from(groups).where(eq(groups.programmeId, programmeId))))
        .all()
        .map((r) => r.id),
    /** Others in the group with the same name (any letter case), moved-out enrolments excluded. */
    sameName(groupId: string, exceptId: string, displayName: string): { id: string; familyId: string }[] {
      // Compared in JavaScript: SQLite's nocase folds ASCII only, and a group has a handful of rows.
      const wanted = foldCase(displayName);
      return takingPart
        .all({ groupId })
        .filter((r) => r.id !== exceptId && foldCase(r.displayName) === wanted)
        .map(({ id, familyId }) => ({ id, familyId }));
    },
    /** The group's enrolments that have not moved out, with their names: what an import compares many new names with. */
    takingPart: (groupId: string): { id: string; familyId: string; displayName: string }[] => takingPart.all({ groupId }),
    insert(fields: ParticipantFields & { groupId: string; personId?: string; movedFromGroupId?: string | null }): string {
      const id = crypto.randomUUID();
      const now = clock.now();
      insertRow.run({
        id,
        personId: fields.personId ?? crypto.randomUUID(),
        groupId: fields.groupId,
        familyId: fields.familyId,
        displayName: fields.displayName,
        relation: fields.relation,
        contact: fields.contact,
        enrolmentDate: fields.enrolmentDate,
        consent: fields.consent,
        consentDate: fields.consentDate,
        movedFromGroupId: fields.movedFromGroupId ?? null,
        now,
      });
      return id;
    },
    update: (id: string, f: ParticipantFields) =>
      orm
        .update(participants)
        .set({
          displayName: f.displayName,
          relation: f.relation,
          contact: f.contact,
          enrolmentDate: f.enrolmentDate,
          consent: f.consent,
          consentDate: f.consentDate,
          familyId: f.familyId,
          updatedAt: clock.now(),
        })
        .where(eq(participants.id, id))
        .run(),
    setManual: (
      id: string,
      m: { manualStatus: ParticipantRow['manualStatus']; reasonId: string | null; lastSession: number | null; movedToGroupId: string | null },
    ) =>
      orm
        .update(participants)
        .set({
          manualStatus: m.manualStatus,
          dropoutReasonId: m.reasonId,
          manualLastSession: m.lastSession,
          movedToGroupId: m.movedToGroupId,
          updatedAt: clock.now(),
        })
        .where(eq(participants.id, id))
        .run(),
    setKeepActive: (id: string, keepActive: boolean) =>
      orm.update(participants).set({ keepActive, updatedAt: clock.now() }).where(eq(participants.id, id)).run(),
    /** Writes the derived figures; returns whether anything changed. */
    setDerived: (id: string, d: StatusResult): boolean => setDerived.run({ id, ...d }).changes > 0,
    delete: (id: string) => deleteRow.run({ id }),
    markCount: (id: string) => marksOf.get({ id })!.n,

    family: (id: string) => familyById.get({ id }),
    insertFamily(childBirthYear: number | null, childGender: FamilyGender): string {
      const id = crypto.randomUUID();
      insertFamilyRow.run({ id, childBirthYear, childGender, now: clock.now() });
      return id;
    },
    updateFamily: (id: string, childBirthYear: number | null, childGender: FamilyGender) =>
      updateFamilyRow.run({ id, childBirthYear, childGender, now: clock.now() }),
    familyHasMemberIn: (familyId: string, groupId: string) => countWhere(and(eq(participants.familyId, familyId), eq(participants.groupId, groupId))) > 0,
    /** Drops a family nobody belongs to any more. */
    removeFamilyIfUnused(id: string): void {
      if (membersOf.get({ id })!.n === 0) deleteFamilyRow.run({ id });
    },
  };
}
export type ParticipantRepo = ReturnType<typeof participantRepo>;
