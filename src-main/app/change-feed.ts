import type { ChangeEvent } from '../contract';

/**
 * The one stream of committed changes in main. The router emits one event per successful write
 * call, the vault session one per lock change, and sync one per batch it applied from
 * other machines; both shells subscribe and pass each event to their windows.
 */
export interface ChangeFeed {
  emit(event: ChangeEvent): void;
  /** Returns the function that unsubscribes. */
  on(listener: (event: ChangeEvent) => void): () => void;
}

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<(event: ChangeEvent) => void>();
  return {
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
