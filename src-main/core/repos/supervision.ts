import type Database from 'better-sqlite3';
import type { Clock } from '../clock';

export interface SupervisionRow {
  id: string;
  date: string;
  supervisorId: string;
  supervisorName: string;
  format: 'group' | 'individual';
  mode: 'in_person' | 'video';
  notes: string;
  createdAt: string;
  updatedAt: string;
}
export interface SupervisionFields {
  date: string;
  supervisorId: string;
  format: 'group' | 'individual';
  mode: 'in_person' | 'video';
  notes: string;
}
export interface PresentRow { supervisionId: string; leaderId: string; name: string; rating: number | null; note: string }
export interface DiscussedRow { supervisionId: string; groupId: string; programmeCode: string; unitName: string; venue: string; startDate: string }
export interface FollowUpRow {
  id: string;
  supervisionId: string;
  supervisionDate: string;
  supervisorId: string;
  supervisorName: string;
  leaderId: string | null;
  leaderName: string | null;
  text: string;
  dueDate: string;
  done: number;
  doneAt: string | null;
}
export interface FollowUpFields { text: string; dueDate: string; leaderId: string | null }
export interface SupervisionFilter {
  supervisorId: string | null;
  leaderId: string | null;
  groupId: string | null;
  from: string | null;
  to: string | null;
  limit: number;
}

const sessionColumns = `v.id as id, v.date as date, v.supervisor_id as supervisorId, s.name as supervisorName, v.format as format,
  v.mode as mode, v.notes as notes, v.created_at as createdAt, v.updated_at as updatedAt
  from supervision_sessions v join staff s on s.id = v.supervisor_id`;
const followUpColumns = `f.id as id, f.supervision_id as supervisionId, v.date as supervisionDate, v.supervisor_id as supervisorId,
  sv.name as supervisorName, f.leader_id as leaderId, l.name as leaderName, f.text as text, f.due_date as dueDate, f.done as done, f.done_at as doneAt
  from follow_ups f join supervision_sessions v on v.id = f.supervision_id join staff sv on sv.id = v.supervisor_id
  left join staff l on l.id = f.leader_id`;

/** Supervision sessions with the leaders present (and their ratings), groups discussed and follow-ups. */
export function supervisionRepo(sqlite: Database.Database, clock: Clock) {
  const get = sqlite.prepare<[string], SupervisionRow>(`select ${sessionColumns} where v.id = ?`);
  const list = sqlite.prepare<[SupervisionFilter], SupervisionRow>(
    `select ${sessionColumns}
     where (@supervisorId is null or v.supervisor_id = @supervisorId)
       and (@leaderId is null or v.id in (select supervision_id from supervision_leaders where leader_id = @leaderId))
       and (@groupId is null or v.id in (select supervision_id from supervision_groups where group_id = @groupId))
       and (@from is null or v.date >= @from) and (@to is null or v.date <= @to)
     order by v.date desc, v.id limit @limit`,
  );
  // One leader's sessions (the leader page): start from that leader's few rows, since the general
  // form above walks every session in date order looking for them.
  const listOfLeader = sqlite.prepare<[SupervisionFilter], SupervisionRow>(
    `select v.id as id, v.date as date, v.supervisor_id as supervisorId, s.name as supervisorName, v.format as format,
       v.mode as mode, v.notes as notes, v.created_at as createdAt, v.updated_at as updatedAt
     from supervision_leaders sl cross join supervision_sessions v on v.id = sl.supervision_id join staff s on s.id = v.supervisor_id
     where sl.leader_id = @leaderId
       and (@supervisorId is null or v.supervisor_id = @supervisorId)
       and (@groupId is null or v.id in (select supervision_id from supervision_groups where group_id = @groupId))
       and (@from is null or v.date >= @from) and (@to is null or v.date <= @to)
     order by v.date desc, v.id limit @limit`,
  );
  const presentOf = sqlite.prepare<[string], PresentRow>(
    `select sl.supervision_id as supervisionId, sl.leader_id as leaderId, s.name as name, sl.rating as rating, sl.note as note
     from supervision_leaders sl join staff s on s.id = sl.leader_id where sl.supervision_id in (select value from json_each(?))`,
  );
  const discussedOf = sqlite.prepare<[string], DiscussedRow>(
    `select sg.supervision_id as supervisionId, g.id as groupId, p.code as programmeCode, u.name as unitName, g.venue as venue, g.start_date as startDate
     from supervision_groups sg join groups g on g.id = sg.group_id join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id
     where sg.supervision_id in (select value from json_each(?)) order by g.start_date`,
  );
  const followUpsOf = sqlite.prepare<[string], FollowUpRow>(
    `select ${followUpColumns} where f.supervision_id in (select value from json_each(?)) order by f.due_date, f.id`,
  );
  const followUp = sqlite.prepare<[string], FollowUpRow>(`select ${followUpColumns} where f.id = ?`);
  // A follow-up can only name a leader who was present, so both kinds are found from the sessions
  // the leader attended, through their index, rather than by reading every follow-up.
  const followUpsOfLeader = sqlite.prepare<[{ l: string }], FollowUpRow>(
    `select f.id as id, f.supervision_id as supervisionId, v.date as supervisionDate, v.supervisor_id as supervisorId,
       sv.name as supervisorName, f.leader_id as leaderId, l.name as leaderName, f.text as text, f.due_date as dueDate, f.done as done, f.done_at as doneAt
     from supervision_leaders present cross join follow_ups f on f.supervision_id = present.supervision_id
       join supervision_sessions v on v.id = f.supervision_id join staff sv on sv.id = v.supervisor_id left join staff l on l.id = f.leader_id
     where present.leader_id = @l and (f.leader_id = @l or f.leader_id is null) order by f.done, f.due_date, f.id`,
  );
  const openWhere = `where f.done = 0 and (@supervisorId is null or v.supervisor_id = @supervisorId) and (@leaderId is null or f.leader_id = @leaderId)`;
  const open = sqlite.prepare<[{ supervisorId: string | null; leaderId: string | null; limit: number }], FollowUpRow>(
    `select ${followUpColumns} ${openWhere} order by f.due_date, f.id limit @limit`,
  );
  const openCounts = sqlite.prepare<[{ supervisorId: string | null; leaderId: string | null; today: string }], { total: number; overdue: number }>(
    `select count(*) as total, coalesce(sum(f.due_date < @today), 0) as overdue
     from follow_ups f join supervision_sessions v on v.id = f.supervision_id ${openWhere}`,
  );

  const insert = sqlite.prepare(
    `insert into supervision_sessions (id, date, supervisor_id, format, mode, notes, created_at, updated_at)
     values (@id, @date, @supervisorId, @format, @mode, @notes, @now, @now)`,
  );
  const update = sqlite.prepare(
    `update supervision_sessions set date = @date, supervisor_id = @supervisorId, format = @format, mode = @mode, notes = @notes,
       updated_at = @now where id = @id`,
  );
  const remove = sqlite.prepare('delete from supervision_sessions where id = ?');
  const clearLeaders = sqlite.prepare('delete from supervision_leaders where supervision_id = ?');
  const addLeader = sqlite.prepare('insert into supervision_leaders (supervision_id, leader_id, rating, note) values (?, ?, ?, ?)');
  const clearGroups = sqlite.prepare('delete from supervision_groups where supervision_id = ?');
  const addGroup = sqlite.prepare('insert into supervision_groups (supervision_id, group_id) values (?, ?)');
  const insertFollowUp = sqlite.prepare(
    `insert into follow_ups (id, supervision_id, leader_id, text, due_date, done, done_at, created_at, updated_at)
     values (@id, @supervisionId, @leaderId, @text, @dueDate, 0, null, @now, @now)`,
  );
  const updateFollowUp = sqlite.prepare('update follow_ups set leader_id = @leaderId, text = @text, due_date = @dueDate, updated_at = @now where id = @id');
  const setDone = sqlite.prepare('update follow_ups set done = @done, done_at = case when @done = 1 then @now end, updated_at = @now where id = @id');
  const removeFollowUp = sqlite.prepare('delete from follow_ups where id = ?');

  // The first day a person is known to have worked: their record, their first group or course day.
  const knownSince = sqlite.prepare<[string], { id: string; since: string }>(
    `select s.id as id, min(substr(s.created_at, 1, 10),
       coalesce((select min(g.start_date) from group_leaders gl join groups g on g.id = gl.group_id where gl.staff_id = s.id), '9999-12-31'),
       coalesce((select min(ca.date) from course_attendance ca where ca.staff_id = s.id), '9999-12-31')) as since
     from staff s where s.id in (select value from json_each(?))`,
  );
  const json = (ids: string[]) => JSON.stringify(ids);

  return {
    get: (id: string) => get.get(id),
    list: (f: SupervisionFilter) => (f.leaderId !== null ? listOfLeader : list).all(f),
    presentOf: (ids: string[]) => presentOf.all(json(ids)),
    discussedOf: (ids: string[]) => discussedOf.all(json(ids)),
    followUpsOf: (ids: string[]) => followUpsOf.all(json(ids)),
    followUp: (id: string) => followUp.get(id),
    /** Follow-ups about the leader, and the group's own ones from sessions the leader attended. */
    followUpsOfLeader: (leaderId: string) => followUpsOfLeader.all({ l: leaderId }),
    open: (f: { supervisorId: string | null; leaderId: string | null; limit: number }) => open.all(f),
    openCounts: (f: { supervisorId: string | null; leaderId: string | null; today: string }) => openCounts.get(f)!,
    knownSince: (ids: string[]) => knownSince.all(json(ids)),
    insert(f: SupervisionFields): string {
      const id = crypto.randomUUID();
      insert.run({ id, ...f, now: clock.now() });
      return id;
    },
    update: (id: string, f: SupervisionFields) => update.run({ id, ...f, now: clock.now() }),
    delete: (id: string) => remove.run(id).changes > 0,
    setLeaders(id: string, leaders: { leaderId: string; rating: number | null; note: string }[]): void {
      clearLeaders.run(id);
      for (const l of leaders) addLeader.run(id, l.leaderId, l.rating, l.note);
    },
    setGroups(id: string, groupIds: string[]): void {
      clearGroups.run(id);
      for (const g of groupIds) addGroup.run(id, g);
    },
    insertFollowUp(supervisionId: string, f: FollowUpFields): string {
      const id = crypto.randomUUID();
      insertFollowUp.run({ id, supervisionId, ...f, now: clock.now() });
      return id;
    },
    updateFollowUp: (id: string, f: FollowUpFields) => updateFollowUp.run({ id, ...f, now: clock.now() }),
    setFollowUpDone: (id: string, done: boolean) => setDone.run({ id, done: done ? 1 : 0, now: clock.now() }),
    deleteFollowUp: (id: string) => removeFollowUp.run(id).changes > 0,
  };
}
export type SupervisionRepo = ReturnType<typeof supervisionRepo>;
