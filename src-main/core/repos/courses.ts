import type Database from 'better-sqlite3';
import type { Clock } from '../clock';

export interface CourseRow {
  id: string;
  programmeId: string;
  programmeCode: string;
  title: string;
  trainerStaffId: string | null;
  trainerName: string;
  note: string;
  firstDate: string;
  lastDate: string;
  createdAt: string;
  updatedAt: string;
}
export interface CourseFields {
  programmeId: string;
  title: string;
  trainerStaffId: string | null;
  trainerName: string;
  note: string;
  dates: string[];
}
export interface CourseAttendanceRow { courseId: string; leaderId: string; name: string; date: string }

const courseColumns = `c.id as id, c.programme_id as programmeId, p.code as programmeCode, c.title as title, c.trainer_staff_id as trainerStaffId,
  coalesce(s.name, c.trainer_name) as trainerName, c.note as note, c.first_date as firstDate, c.last_date as lastDate,
  c.created_at as createdAt, c.updated_at as updatedAt
  from courses c join programmes p on p.id = c.programme_id left join staff s on s.id = c.trainer_staff_id`;

/** Training courses, their days and which leaders attended which day. */
export function courseRepo(sqlite: Database.Database, clock: Clock) {
  const get = sqlite.prepare<[string], CourseRow>(`select ${courseColumns} where c.id = ?`);
  const list = sqlite.prepare<[{ programmeId: string | null; leaderId: string | null }], CourseRow>(
    `select ${courseColumns} where (@programmeId is null or c.programme_id = @programmeId)
       and (@leaderId is null or c.id in (select course_id from course_attendance where staff_id = @leaderId))
     order by c.first_date desc, c.id`,
  );
  const days = sqlite.prepare<[string], { date: string }>('select date from course_days where course_id = ? order by date');
  const daysOfMany = sqlite.prepare<[string], { courseId: string; date: string }>(
    'select course_id as courseId, date from course_days where course_id in (select value from json_each(?)) order by date',
  );
  const attendanceOfMany = sqlite.prepare<[string], CourseAttendanceRow>(
    `select ca.course_id as courseId, ca.staff_id as leaderId, s.name as name, ca.date as date
     from course_attendance ca join staff s on s.id = ca.staff_id where ca.course_id in (select value from json_each(?)) order by ca.date`,
  );
  const insert = sqlite.prepare(
    `insert into courses (id, programme_id, title, trainer_staff_id, trainer_name, note, first_date, last_date, created_at, updated_at)
     values (@id, @programmeId, @title, @trainerStaffId, @trainerName, @note, @firstDate, @lastDate, @now, @now)`,
  );
  const update = sqlite.prepare(
    `update courses set programme_id = @programmeId, title = @title, trainer_staff_id = @trainerStaffId, trainer_name = @trainerName,
       note = @note, first_date = @firstDate, last_date = @lastDate, updated_at = @now where id = @id`,
  );
  const insertDay = sqlite.prepare('insert or ignore into course_days (course_id, date) values (?, ?)');
  const deleteDaysExcept = sqlite.prepare('delete from course_days where course_id = ? and date not in (select value from json_each(?))');
  const deleteCourse = sqlite.prepare('delete from courses where id = ?');
  const clearAttendance = sqlite.prepare('delete from course_attendance where course_id = ? and staff_id = ?');
  const insertAttendance = sqlite.prepare('insert into course_attendance (course_id, date, staff_id) values (?, ?, ?)');
  const touch = sqlite.prepare('update courses set updated_at = ? where id = ?');

  const write = (id: string, f: CourseFields, stmt: Database.Statement) => {
    const sorted = [...f.dates].sort();
    stmt.run({ id, ...f, trainerName: f.trainerStaffId ? '' : f.trainerName, firstDate: sorted[0], lastDate: sorted.at(-1), now: clock.now() });
    deleteDaysExcept.run(id, JSON.stringify(sorted));
    for (const d of sorted) insertDay.run(id, d);
  };

  return {
    get: (id: string) => get.get(id),
    list: (filter: { programmeId?: string | undefined; leaderId?: string | undefined }) =>
      list.all({ programmeId: filter.programmeId ?? null, leaderId: filter.leaderId ?? null }),
    days: (id: string) => days.all(id).map((d) => d.date),
    daysOf: (ids: string[]) => daysOfMany.all(JSON.stringify(ids)),
    attendanceOf: (ids: string[]) => attendanceOfMany.all(JSON.stringify(ids)),
    insert(f: CourseFields): string {
      const id = crypto.randomUUID();
      write(id, f, insert);
      return id;
    },
    /** Days no longer in the list go, and their attendance with them (foreign key cascade). */
    update: (id: string, f: CourseFields) => write(id, f, update),
    delete: (id: string) => deleteCourse.run(id).changes > 0,
    setAttendance(courseId: string, leaderId: string, dates: string[]): void {
      clearAttendance.run(courseId, leaderId);
      for (const d of dates) insertAttendance.run(courseId, d, leaderId);
      touch.run(clock.now(), courseId);
    },
  };
}
export type CourseRepo = ReturnType<typeof courseRepo>;
