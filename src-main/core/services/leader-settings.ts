import type { LeaderSettings, ParsedInput } from '../../contract';
import type { ServiceContext } from './context';
import { readLeaderSettings, writeLeaderSettings } from './leaders-facts';

/** The supervisor overview's attention thresholds and other settings of the leader pathway. */
export function leaderSettingService({ repos, tx, audit }: ServiceContext) {
  return {
    get: (): LeaderSettings => readLeaderSettings(repos),
    update: (next: ParsedInput<'leaderSettings.update'>): LeaderSettings =>
      tx(() => {
        const before = readLeaderSettings(repos);
        writeLeaderSettings(repos, next);
        audit.record({
          action: 'update',
          entity: 'leaderSettings',
          entityId: 'leaders',
          fields: (Object.keys(next) as (keyof typeof next)[]).filter((k) => before[k] !== next[k]),
        });
        return readLeaderSettings(repos);
      }),
  };
}
