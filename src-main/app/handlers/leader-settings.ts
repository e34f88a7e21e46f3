import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Settings of the leader pathway and the supervisor overview (services/leader-settings.ts). */
export const leaderSettingHandlers = ({ leaderSettings }: Services): Pick<Handlers, NamesIn<'leaderSettings'>> => ({
  'leaderSettings.get': () => leaderSettings.get(),
  'leaderSettings.update': (input) => leaderSettings.update(input),
});
