import type Database from 'better-sqlite3';
import type { Participant } from '../../contract';
import type { Clock } from '../clock';
import { ageAtStart, type StatusResult } from '../domain/participation';
import { foldCase } from '../domain/text';

export interface ParticipantRow {
  id: string;
  personId: string;
  groupId: string;
  familyId: string;
  displayName: string;
  relation: Participant['relation'];
  contact: string | null;
  enrolmentDate: string;
  consent: Participant['consent'];
  consentDate: string | null;
  manualStatus: Participant['manualStatus'];
  keepActive: boolean;
  dropoutReasonId: string | null;
  manualLastSession: number | null;
  movedFromGroupId: string | null;
  movedToGroupId: string | null;
  status: Participant['status'];
  atRisk: boolean;
  absentStreak: number;
  presentCount: number;
  heldCount: number;
  lastSessionAttended: number | null;
  createdAt: string;
  updatedAt: string;
}
export type ParticipantFields = Pick<
  ParticipantRow,
  'displayName' | 'relation' | 'contact' | 'enrolmentDate' | 'consent' | 'consentDate' | 'familyId'
>;

const columns = `p.id as id, p.person_id as personId, p.group_id as groupId, p.family_id as familyId, p.display_name as displayName,
  p.relation as relation, p.contact as contact, p.enrolment_date as enrolmentDate, p.consent as consent, p.consent_date as consentDate,
  p.manual_status as manualStatus, p.keep_active as keepActive, p.dropout_reason_id as dropoutReasonId,
  p.manual_last_session as manualLastSession, p.moved_from_group_id as movedFromGroupId, p.moved_to_group_id as movedToGroupId,
  p.status as status, p.at_risk as atRisk, p.absent_streak as absentStreak, p.present_count as presentCount,
  p.held_count as heldCount, p.last_session_attended as lastSessionAttended, p.created_at as createdAt, p.updated_at as updatedAt`;

type RawRow = Omit<ParticipantRow, 'keepActive' | 'atRisk'> & { keepActive: number; atRisk: number };
type RawFull = RawRow & { childBirthYear: number | null; childGender: Participant['family']['childGender']; startDate: string; membersInGroup: number };

const toRow = (r: RawRow): ParticipantRow => ({ ...r, keepActive: r.keepActive === 1, atRisk: r.atRisk === 1 });

function toParticipant(r: RawFull): Participant {
  const { childBirthYear, childGender, startDate, membersInGroup, ...rest } = r;
  const family = { id: r.familyId, childBirthYear, childGender, childAgeAtStart: ageAtStart(childBirthYear, startDate), membersInGroup };
  return { ...toRow(rest), family };
}

/** Participants and families. Every participant read returns its family and derived figures. */
export function participantRepo(sqlite: Database.Database, clock: Clock) {
  const fullFrom = `select ${columns}, f.child_birth_year as childBirthYear, f.child_gender as childGender, g.start_date as startDate,
      (select count(*) from participants m where m.family_id = p.family_id and m.group_id = p.group_id) as membersInGroup
    from participants p join families f on f.id = p.family_id join groups g on g.id = p.group_id`;
  const byId = sqlite.prepare<[string], RawFull>(`${fullFrom} where p.id = ?`);
  const byGroup = sqlite.prepare<[string], RawFull>(`${fullFrom} where p.group_id = ? order by p.enrolment_date, p.created_at, p.id`);
  const rowById = sqlite.prepare<[string], RawRow>(`select ${columns} from participants p where p.id = ?`);
  const rowsByGroup = sqlite.prepare<[string], RawRow>(`select ${columns} from participants p where p.group_id = ? order by p.enrolment_date, p.created_at, p.id`);
  const groupsOfProgramme = sqlite.prepare<[string], { id: string }>(
    'select distinct group_id as id from participants where group_id in (select id from groups where programme_id = ?)',
  );
  const namesInGroup = sqlite.prepare<[string, string], { id: string; familyId: string; displayName: string }>(
    `select id, family_id as familyId, display_name as displayName from participants
     where group_id = ? and manual_status is not 'moved' and id <> ?`,
  );
  const insert = sqlite.prepare(
    `insert into participants (id, person_id, group_id, family_id, display_name, relation, contact, enrolment_date, consent, consent_date,
       moved_from_group_id, created_at, updated_at)
     values (@id, @personId, @groupId, @familyId, @displayName, @relation, @contact, @enrolmentDate, @consent, @consentDate,
       @movedFromGroupId, @now, @now)`,
  );
  const update = sqlite.prepare(
    `update participants set display_name = @displayName, relation = @relation, contact = @contact, enrolment_date = @enrolmentDate,
       consent = @consent, consent_date = @consentDate, family_id = @familyId, updated_at = @now where id = @id`,
  );
  const setManual = sqlite.prepare(
    `update participants set manual_status = @manualStatus, dropout_reason_id = @reasonId, manual_last_session = @lastSession,
       moved_to_group_id = @movedToGroupId, updated_at = @now where id = @id`,
  );
  const setKeepActive = sqlite.prepare('update participants set keep_active = ?, updated_at = ? where id = ?');
  const setDerived = sqlite.prepare(
    `update participants set status = @status, at_risk = @atRisk, absent_streak = @absentStreak, present_count = @presentCount,
       marked_count = @markedCount, held_count = @heldCount, last_session_attended = @lastSessionAttended
     where id = @id and (status, at_risk, absent_streak, present_count, marked_count, held_count, last_session_attended)
       is not (@status, @atRisk, @absentStreak, @presentCount, @markedCount, @heldCount, @lastSessionAttended)`,
  );
  const remove = sqlite.prepare('delete from participants where id = ?');
  const markCount = sqlite.prepare<[string], { n: number }>('select count(*) as n from attendance where participant_id = ?');

  const familyById = sqlite.prepare<[string], { id: string; childBirthYear: number | null; childGender: string | null }>(
    'select id, child_birth_year as childBirthYear, child_gender as childGender from families where id = ?',
  );
  const insertFamily = sqlite.prepare(
    'insert into families (id, child_birth_year, child_gender, created_at, updated_at) values (?, ?, ?, ?, ?)',
  );
  const updateFamily = sqlite.prepare('update families set child_birth_year = ?, child_gender = ?, updated_at = ? where id = ?');
  const familyInGroup = sqlite.prepare<[string, string], { n: number }>(
    'select count(*) as n from participants where family_id = ? and group_id = ?',
  );
  const familyUsers = sqlite.prepare<[string], { n: number }>('select count(*) as n from participants where family_id = ?');
  const removeFamily = sqlite.prepare('delete from families where id = ?');

  return {
    get: (id: string): Participant | undefined => {
      const r = byId.get(id);
      return r && toParticipant(r);
    },
    listForGroup: (groupId: string): Participant[] => byGroup.all(groupId).map(toParticipant),
    row: (id: string): ParticipantRow | undefined => {
      const r = rowById.get(id);
      return r && toRow(r);
    },
    rowsForGroup: (groupId: string): ParticipantRow[] => rowsByGroup.all(groupId).map(toRow),
    groupIdsForProgramme: (programmeId: string): string[] => groupsOfProgramme.all(programmeId).map((r) => r.id),
    /** Others in the group with the same name (any letter case), moved-out enrolments excluded. */
    sameName(groupId: string, exceptId: string, displayName: string): { id: string; familyId: string }[] {
      // Compared in JavaScript: SQLite's nocase folds ASCII only, and a group has a handful of rows.
      const wanted = foldCase(displayName);
      return namesInGroup.all(groupId, exceptId).filter((r) => foldCase(r.displayName) === wanted);
    },
    insert(fields: ParticipantFields & { groupId: string; personId?: string; movedFromGroupId?: string | null }): string {
      const id = crypto.randomUUID();
      insert.run({ ...fields, id, personId: fields.personId ?? crypto.randomUUID(), movedFromGroupId: fields.movedFromGroupId ?? null, now: clock.now() });
      return id;
    },
    update: (id: string, fields: ParticipantFields) => update.run({ ...fields, id, now: clock.now() }),
    setManual: (id: string, m: { manualStatus: ParticipantRow['manualStatus']; reasonId: string | null; lastSession: number | null; movedToGroupId: string | null }) =>
      setManual.run({ ...m, id, now: clock.now() }),
    setKeepActive: (id: string, keepActive: boolean) => setKeepActive.run(keepActive ? 1 : 0, clock.now(), id),
    /** Writes the derived figures; returns whether anything changed. */
    setDerived: (id: string, d: StatusResult): boolean =>
      setDerived.run({ id, ...d, atRisk: d.atRisk ? 1 : 0 }).changes > 0,
    delete: (id: string) => remove.run(id),
    markCount: (id: string) => markCount.get(id)!.n,

    family: (id: string) => familyById.get(id),
    insertFamily(childBirthYear: number | null, childGender: string | null): string {
      const id = crypto.randomUUID();
      const now = clock.now();
      insertFamily.run(id, childBirthYear, childGender, now, now);
      return id;
    },
    updateFamily: (id: string, childBirthYear: number | null, childGender: string | null) => updateFamily.run(childBirthYear, childGender, clock.now(), id),
    familyHasMemberIn: (familyId: string, groupId: string) => familyInGroup.get(familyId, groupId)!.n > 0,
    /** Drops a family nobody belongs to any more. */
    removeFamilyIfUnused(id: string): void {
      if (familyUsers.get(id)!.n === 0) removeFamily.run(id);
    },
  };
}
export type ParticipantRepo = ReturnType<typeof participantRepo>;
