import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** The user’s settings (services/settings.ts). */
export const settingsHandlers = ({ settings }: Services): Pick<Handlers, NamesIn<'settings'>> => ({
  'settings.get': () => settings.get(),
  'settings.update': (input) => settings.update(input),
});
