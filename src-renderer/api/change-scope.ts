import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '@contract';
import { onlyBackupsChanged } from '@contract/events';

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

/** A change of the backups alone: a backup, made each day or by hand, changes no row of the data. */
const onlyBackups = (change: Change): boolean => change !== null && onlyBackupsChanged(change.entities);

/**
 * The reads that show backups, the only ones a change of the backups alone can alter. The vault
 * status is not one: it lists backups only while the database is new or damaged, and no backup is
 * made then. A new read that shows backups must match here, or it will not follow the daily backup.
 */
const showsBackups = (procedure: unknown): boolean => typeof procedure === 'string' && procedure.startsWith('backups.');

/** Whether the answer of `procedure` may be different after `change`. */
export const mayChange = (change: Change, procedure: unknown): boolean => !onlyBackups(change) || showsBackups(procedure);

/**
 * Marks out of date the queries a change may have altered (query keys are `[procedure, input]`);
 * the ones on screen read again.
 */
export const refreshAfter = (client: QueryClient, change: Change): Promise<void> =>
  client.invalidateQueries({ predicate: (query) => mayChange(change, query.queryKey[0]) });
