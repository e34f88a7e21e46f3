import { and, desc, eq, inArray, placeholder, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { courseAttendance, courseDays, courses, programmes, staff } from '../db/schema';
import { preparedPerShape, preparedRows, type Given } from './prepared-rows';
import { inJson, notInJson } from './sql-fragments';

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
export interface CourseFilter {
  programmeId?: string | undefined;
  leaderId?: string | undefined;
}
export interface CourseAttendanceRow {
  courseId: string;
  leaderId: string;
  name: string;
  date: string;
}

/** Training courses, their days and which leaders attended which day. */
export function courseRepo(orm: Orm, clock: Clock) {
  const courseFields = {
    id: courses.id,
    programmeId: courses.programmeId,
    programmeCode: programmes.code,
    title: courses.title,
    trainerStaffId: courses.trainerStaffId,
    // A trainer on the staff list is shown by their current name.
    trainerName: sql<string>`coalesce(${staff.name}, ${courses.trainerName})`,
    note: courses.note,
    firstDate: courses.firstDate,
    lastDate: courses.lastDate,
    createdAt: courses.createdAt,
    updatedAt: courses.updatedAt,
  };
  const select = () =>
    orm.select(courseFields).from(courses).innerJoin(programmes, eq(programmes.id, courses.programmeId)).leftJoin(staff, eq(staff.id, courses.trainerStaffId));

  // A course list reads every course by id, and the leader page their days: prepared once.
  const byId = preparedRows(select().where(eq(courses.id, placeholder('id'))), courseFields);
  const dayFields = { courseId: courseDays.courseId, date: courseDays.date };
  const daysOfMany = preparedRows(
    orm
      .select(dayFields)
      .from(courseDays)
      .where(inJson(courseDays.courseId, placeholder('ids')))
      .orderBy(courseDays.date),
    dayFields,
  );
  const attendanceFields = { courseId: courseAttendance.courseId, leaderId: courseAttendance.staffId, name: staff.name, date: courseAttendance.date };
  const attendanceOfMany = preparedRows(
    orm
      .select(attendanceFields)
      .from(courseAttendance)
      .innerJoin(staff, eq(staff.id, courseAttendance.staffId))
      .where(inJson(courseAttendance.courseId, placeholder('ids')))
      .orderBy(courseAttendance.date),
    attendanceFields,
  );

  const list = preparedPerShape((given: Given<CourseFilter>) => {
    const attendedBy = orm
      .select({ id: courseAttendance.courseId })
      .from(courseAttendance)
      .where(eq(courseAttendance.staffId, placeholder('leaderId')));
    const where = and(
      given('programmeId') ? eq(courses.programmeId, placeholder('programmeId')) : undefined,
      given('leaderId') ? inArray(courses.id, attendedBy) : undefined,
    );
    return preparedRows(select().where(where).orderBy(desc(courses.firstDate), courses.id), courseFields);
  });

  const write = (id: string, f: CourseFields, store: (row: Omit<typeof courses.$inferInsert, 'id' | 'createdAt'>) => void) => {
    const sorted = [...f.dates].sort();
    store({
      programmeId: f.programmeId,
      title: f.title,
      trainerStaffId: f.trainerStaffId,
      trainerName: f.trainerStaffId ? '' : f.trainerName,
      note: f.note,
      // The contract requires at least one day.
      firstDate: sorted[0]!,
      lastDate: sorted.at(-1)!,
      updatedAt: clock.now(),
    });
    orm
      .delete(courseDays)
      .where(and(eq(courseDays.courseId, id), notInJson(courseDays.date, sorted)))
      .run();
    for (const date of sorted) orm.insert(courseDays).values({ courseId: id, date }).onConflictDoNothing().run();
  };

  return {
    get: (id: string): CourseRow | undefined => byId.get({ id }),
    list: (filter: CourseFilter): CourseRow[] => list(filter).all(filter),
    days: (id: string): string[] =>
      orm
        .select({ date: courseDays.date })
        .from(courseDays)
        .where(eq(courseDays.courseId, id))
        .orderBy(courseDays.date)
        .all()
        .map((d) => d.date),
    daysOf: (ids: string[]) => daysOfMany.all({ ids: JSON.stringify(ids) }),
    attendanceOf: (ids: string[]): CourseAttendanceRow[] => attendanceOfMany.all({ ids: JSON.stringify(ids) }),
    insert(f: CourseFields): string {
      const id = crypto.randomUUID();
      write(id, f, (row) =>
        orm
          .insert(courses)
          .values({ ...row, id, createdAt: row.updatedAt })
          .run(),
      );
      return id;
    },
    /** Days no longer in the list go, and their attendance with them (foreign key cascade). */
    update: (id: string, f: CourseFields) => write(id, f, (row) => orm.update(courses).set(row).where(eq(courses.id, id)).run()),
    delete: (id: string) => orm.delete(courses).where(eq(courses.id, id)).run().changes > 0,
    setAttendance(courseId: string, leaderId: string, dates: string[]): void {
      orm
        .delete(courseAttendance)
        .where(and(eq(courseAttendance.courseId, courseId), eq(courseAttendance.staffId, leaderId)))
        .run();
      for (const date of dates) orm.insert(courseAttendance).values({ courseId, date, staffId: leaderId }).run();
      orm.update(courses).set({ updatedAt: clock.now() }).where(eq(courses.id, courseId)).run();
    },
  };
}
export type CourseRepo = ReturnType<typeof courseRepo>;
