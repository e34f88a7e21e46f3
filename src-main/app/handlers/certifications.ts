import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Certifying leaders (services/certifications.ts). */
export const certificationHandlers = ({ certifications }: Services): Pick<Handlers, NamesIn<'certifications'>> => ({
  'certifications.list': (input) => certifications.list(input),
  'certifications.certify': (input) => certifications.certify(input),
  'certifications.delete': (input) => certifications.delete(input),
});
