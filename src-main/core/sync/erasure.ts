import type { ScopeChanges } from './changes';

/** A batch that deletes participants' names: their old values must leave the write-ahead log too. */
export const erasesNames = (changes: ScopeChanges): boolean =>
  Object.values(changes.participants ?? {}).some((cells) => cells.display_name !== undefined && cells.display_name.value === undefined);
