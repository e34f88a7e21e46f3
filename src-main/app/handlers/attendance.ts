import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Attendance per participant and session, and whether a group records it (services/attendance.ts). */
export const attendanceHandlers = ({ attendance }: Services): Pick<Handlers, NamesIn<'attendance'> | 'groups.setTracksAttendance'> => ({
  'attendance.grid': (input) => attendance.grid(input),
  'attendance.set': (input) => attendance.set(input),
  'attendance.setColumn': (input) => attendance.setColumn(input),
  'groups.setTracksAttendance': (input) => attendance.setTracksAttendance(input),
});
