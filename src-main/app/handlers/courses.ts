import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Leader training courses and who attended (services/courses.ts). */
export const courseHandlers = ({ courses }: Services): Pick<Handlers, NamesIn<'courses'>> => ({
  'courses.list': (input) => courses.list(input),
  'courses.get': (input) => courses.get(input),
  'courses.create': (input) => courses.create(input),
  'courses.update': (input) => courses.update(input),
  'courses.delete': (input) => courses.delete(input),
  'courses.setAttendance': (input) => courses.setAttendance(input),
});
