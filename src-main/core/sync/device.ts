import type { KometDb } from '../db/open';
import { syncStateRepo } from '../repos/sync/local-state';
import type { SyncBridge } from './bridge';
import { startSyncClient, type SyncClient, type Traffic, type Welcome } from './client';
import type { Channel } from './protocol';

/**
 * A joined installation's connection to its server: the bridge's stores synced over one channel.
 * Local writes reach the server as soon as they are captured; refusals and scopes the server
 * closes are kept for the user to see.
 */
export interface DeviceConnection {
  readonly client: SyncClient;
  /** After local writes committed: captures them and opens scopes they created. */
  afterLocalWrite(): number;
  /** Captures, waits until everything is open and both sides hold the same; false on timeout. */
  syncNow(timeoutMs: number): Promise<{ converged: boolean; traffic: Traffic; welcome: Welcome }>;
  close(): Promise<void>;
}

export function connectDevice(
  db: KometDb,
  bridge: SyncBridge,
  channel: Channel,
  options: {
    now?: () => string;
    nowMs?: () => number;
    onClock?(serverMs: number, localMs: number): void;
    onError?(code: string, why: { sv: string; en: string }): void;
  } = {},
): DeviceConnection {
  const state = syncStateRepo(db.sqlite);
  const isoNow = options.now ?? (() => new Date().toISOString());
  const client = startSyncClient(channel, {
    onWelcome: (w) => state.setMeta('directory', JSON.stringify(w.directory)),
    stores: bridge.stores,
    hooksFor: bridge.hooksFor,
    onRefused: (r) => state.addRefusal({ id: r.id, at: isoNow(), scope: r.s, tables: r.tables, sv: r.sv, en: r.en }),
    onClosed: (scope, why) => state.addRefusal({ id: `closed:${scope}`, at: isoNow(), scope, tables: [], sv: why.sv, en: why.en }),
    ...(options.onClock ? { onClock: options.onClock } : {}),
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });

  function afterLocalWrite(): number {
    const n = bridge.captureLocal();
    const open = new Set(client.openScopes());
    for (const scope of bridge.stores.scopes()) if (!open.has(scope)) client.open(scope);
    return n;
  }

  return {
    client,
    afterLocalWrite,
    async syncNow(timeoutMs) {
      const welcome = await client.welcome;
      afterLocalWrite();
      await client.ready();
      const converged = await client.converged(timeoutMs);
      return { converged, traffic: client.traffic(), welcome };
    },
    close: () => client.close(),
  };
}
