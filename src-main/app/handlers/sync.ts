import { AppError } from '../../core/errors';
import type { LaptopSync, SyncStatusValue } from '../../core/sync/laptop';
import type { Handlers, NamesIn } from '../router';

const unavailable = () =>
  new AppError('conflict', { sv: 'Synkronisering finns inte i den här delen av Komet.', en: 'Sync is not available in this part of Komet.' });

const unjoined: SyncStatusValue = {
  joined: false,
  server: null,
  identity: null,
  state: 'unjoined',
  lastSyncedAt: null,
  unsent: 0,
  offlineSince: null,
  openConflicts: 0,
  refusals: [],
  lastError: null,
};

/** Sync with a unit or city server (core/sync/laptop.ts), absent in shells that do not sync. */
export function syncHandlers(sync: LaptopSync | null): Pick<Handlers, NamesIn<'sync'>> {
  const need = () =>
    sync ??
    (() => {
      throw unavailable();
    })();
  return {
    'sync.status': () => sync?.status() ?? unjoined,
    'sync.join': async ({ code }) => {
      const s = need();
      await s.join(code);
      // The first exchange makes a fresh installation adopt the city's reference data; it may
      // also fail (server gone again) without undoing the join: the app keeps trying.
      await s.syncNow(60_000).catch(() => undefined);
      s.startBackground();
      return s.status();
    },
    'sync.leave': () => {
      need().leave();
      return need().status();
    },
    'sync.now': () => need().syncNow(60_000),
    'sync.conflicts': ({ includeResolved }) => sync?.conflictViews(includeResolved) ?? [],
    'sync.resolveConflict': ({ id, choice }, ctx) => need().resolveConflict(id, choice, ctx.actor),
    'sync.dismissRefusal': ({ id }) => {
      need().dismissRefusal(id);
      return need().status();
    },
  };
}
