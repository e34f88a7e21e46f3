import type { Course, ParsedInput } from '../../contract';
import { fieldErrorWith } from '../domain/errors';
import type { ServiceContext } from './context';
import { courseMissing, leaderChecks } from './leader-checks';

/** Group-leader training courses: their days, trainer and which leaders attended which day. */
export function courseService({ repos, tx, audit, clock }: ServiceContext) {
  const check = leaderChecks(repos);

  const assemble = (ids: string[]): Course[] => {
    const rows = ids.map((id) => repos.courses.get(id)).filter((r) => r !== undefined);
    if (!rows.length) return [];
    const days = new Map<string, string[]>();
    for (const d of repos.courses.daysOf(rows.map((r) => r.id))) days.set(d.courseId, [...(days.get(d.courseId) ?? []), d.date]);
    const attendees = new Map<string, Map<string, { leaderId: string; name: string; dates: string[] }>>();
    for (const a of repos.courses.attendanceOf(rows.map((r) => r.id))) {
      const byLeader = attendees.get(a.courseId) ?? new Map();
      attendees.set(a.courseId, byLeader);
      const entry = byLeader.get(a.leaderId) ?? { leaderId: a.leaderId, name: a.name, dates: [] };
      byLeader.set(a.leaderId, entry);
      entry.dates.push(a.date);
    }
    return rows.map((r) => ({
      ...r,
      dates: days.get(r.id) ?? [],
      attendees: [...(attendees.get(r.id)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv-SE')),
    }));
  };
  const course = (id: string): Course =>
    assemble([id])[0] ??
    (() => {
      throw courseMissing();
    })();

  const validate = (f: ParsedInput<'courses.create'>) => {
    check.programme(f.programmeId);
    if (f.trainerStaffId) check.person(f.trainerStaffId, 'trainerStaffId', null);
    const last = [...f.dates].sort().at(-1)!;
    // Courses are recorded as they are planned, but not years ahead by a slip of the keyboard.
    if (last > `${Number(clock.today().slice(0, 4)) + 2}-12-31`) {
      throw fieldErrorWith('dates', { sv: 'Kursdagarna ligger för långt fram i tiden.', en: 'The course days are too far in the future.' });
    }
  };
  const fields = (f: ParsedInput<'courses.create'>) => ({
    programmeId: f.programmeId,
    title: f.title,
    trainerStaffId: f.trainerStaffId,
    trainerName: f.trainerName,
    note: f.note,
    dates: f.dates,
  });

  return {
    list: (input: ParsedInput<'courses.list'>): Course[] => assemble(repos.courses.list(input).map((r) => r.id)),
    get: ({ id }: ParsedInput<'courses.get'>) => course(id),

    create: (input: ParsedInput<'courses.create'>): Course =>
      tx(() => {
        validate(input);
        const id = repos.courses.insert(fields(input));
        audit.record({ action: 'create', entity: 'course', entityId: id, fields: ['programmeId', 'title', 'trainer', 'dates', 'note'] });
        return course(id);
      }),

    update: ({ id, ...input }: ParsedInput<'courses.update'>): Course =>
      tx(() => {
        const before = course(id);
        validate(input);
        repos.courses.update(id, fields(input));
        const changed: string[] = (['programmeId', 'title', 'trainerStaffId', 'note'] as const).filter((k) => before[k] !== input[k]);
        if (before.dates.join() !== [...input.dates].sort().join()) changed.push('dates');
        audit.record({ action: 'update', entity: 'course', entityId: id, fields: changed });
        return course(id);
      }),

    delete: ({ id }: ParsedInput<'courses.delete'>) =>
      tx(() => {
        course(id);
        repos.courses.delete(id);
        audit.record({ action: 'delete', entity: 'course', entityId: id, fields: [] });
        return { deleted: true as const };
      }),

    setAttendance: ({ courseId, leaderId, dates }: ParsedInput<'courses.setAttendance'>): Course =>
      tx(() => {
        const c = course(courseId);
        check.leader(leaderId, 'leaderId');
        const unknown = dates.findIndex((d) => !c.dates.includes(d));
        if (unknown >= 0) {
          throw fieldErrorWith(`dates.${unknown}`, {
            sv: `${dates[unknown]} är inte en kursdag i den här kursen.`,
            en: `${dates[unknown]} is not a day of this course.`,
          });
        }
        repos.courses.setAttendance(courseId, leaderId, dates);
        audit.record({ action: 'update', entity: 'courseAttendance', entityId: courseId, fields: ['dates'] });
        return course(courseId);
      }),
  };
}
