/**
 * Data changed without a call: changes from the sync server were written, or the sync status
 * moved. The shells tell open pages the same way as after a write ("sync.status"), so they read
 * again. One bus per process: there is one app per process.
 */
const listeners = new Set<() => void>();

export function onSyncChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitSyncChange(): void {
  for (const l of listeners) l();
}
