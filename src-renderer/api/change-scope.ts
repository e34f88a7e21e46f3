import type { Query, QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '@contract';
import { onlyBackupsChanged, onlyVaultSettingsChanged } from '@contract/events';

/**
 * A change main announced, or null for "anything may have changed": an event that could not be
 * read, or a change stream that (re)opened and may have missed some.
 */
export type Change = ChangeEvent | null;

/** A change event from another process (IPC or server-sent events), read without trusting it. */
export function readChange(data: unknown): Change {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data) as unknown;
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const { source, entities, procedure } = value as Record<string, unknown>;
  if (source !== 'local' && source !== 'sync') return null;
  const named = Array.isArray(entities) && entities.every((e) => typeof e === 'string');
  if (entities !== 'all' && !named) return null;
  return { source, entities: entities as ChangeEvent['entities'], ...(typeof procedure === 'string' ? { procedure } : {}) };
}

/**
 * The reads that show backups, the only ones a change of the backups alone can alter. The vault
 * status is not one: it lists backups only while the database is new or damaged, and no backup is
 * made then. A new read that shows backups must match here, or it will not follow the daily backup.
 */
const showsBackups = (procedure: unknown): boolean => typeof procedure === 'string' && procedure.startsWith('backups.');

/**
 * The reads a change of the lock's settings alone can alter: the lock state with its idle time, and
 * the audit trail, which gains a line for it.
 */
const showsVaultSettings = (procedure: unknown): boolean => typeof procedure === 'string' && (procedure.startsWith('vault.') || procedure.startsWith('audit.'));

/** Whether the answer of `procedure` may be different after `change`. */
export const mayChange = (change: Change, procedure: unknown): boolean => {
  if (change === null) return true;
  if (onlyBackupsChanged(change.entities)) return showsBackups(procedure);
  if (onlyVaultSettingsChanged(change.entities)) return showsVaultSettings(procedure);
  return true;
};

/**
 * Marks out of date the queries a change may have altered (query keys are `[procedure, input]`);
 * the ones on screen read again. A first read still on its way is asked again too: main may have
 * answered it before the change, and the query library, which joins rather than restarts a read
 * that has nothing to show yet, would keep that answer as current for good.
 */
export async function refreshAfter(client: QueryClient, change: Change): Promise<void> {
  const predicate = (query: Query) => mayChange(change, query.queryKey[0]);
  await client.cancelQueries({ predicate: (query) => predicate(query) && query.state.data === undefined && query.state.fetchStatus === 'fetching' });
  await client.invalidateQueries({ predicate });
}
