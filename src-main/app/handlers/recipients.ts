import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Saved export recipients (services/recipients.ts). */
export const recipientHandlers = ({ recipients }: Services): Pick<Handlers, NamesIn<'recipients'>> => ({
  'recipients.list': () => recipients.list(),
  'recipients.create': (input) => recipients.create(input),
  'recipients.delete': (input) => recipients.delete(input),
});
