import type { serverMetaRepo } from '../core/repos/sync-server/devices';
import { startSyncClient, type SyncClient } from '../core/sync/client';
import type { Hub } from '../core/sync/hub/hub';
import { serverUrl } from '../core/sync/enrolment-code';
import { exchangeEnrolmentCode } from '../core/sync/net/enrol';
import { pinnedSocket } from '../core/sync/net/pinned';

/** A unit server's link to the city: everything it holds goes up, the city's changes come down. */
export interface Upstream {
  connected(): boolean;
  /** The current connection's client, once connected (tests wait on it). */
  client(): SyncClient | null;
  close(): Promise<void>;
}

type Meta = ReturnType<typeof serverMetaRepo>;

/**
 * Exchanges the city's code for this server's credential (once; it is kept in the encrypted
 * database). `url` overrides the address in the code (the city seen from here under another name).
 */
export async function enrolUpstream(meta: Meta, code: string | undefined, url: string | undefined, log: (line: string) => void): Promise<boolean> {
  if (meta.get('upstream.credential')) {
    if (code) log('an upstream credential is already stored; the given code is not used');
    return true;
  }
  if (!code) return false;
  const m = await exchangeEnrolmentCode(code);
  meta.set('upstream.url', url ? serverUrl(url) : m.url);
  meta.set('upstream.fingerprint', m.fingerprint);
  meta.set('upstream.credential', m.credential);
  log(`enrolled with the upstream server as device ${m.deviceId}`);
  return true;
}

export async function connectUpstream(options: {
  hub: Hub;
  meta: Meta;
  log(line: string): void;
  /** This server's devices, so the city's audit trail names the people behind what goes up. */
  directory(): Record<string, string>;
}): Promise<Upstream> {
  const { hub, meta, log } = options;
  const url = meta.get('upstream.url')!;
  const fingerprint = meta.get('upstream.fingerprint')!;
  const credential = meta.get('upstream.credential')!;
  let current: SyncClient | null = null;
  let stopped = false;
  let delay = 500;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = hub.onNewScope((scope) => current?.open(scope));

  async function connect() {
    if (stopped) return;
    try {
      const channel = await pinnedSocket(url, fingerprint, credential);
      if (stopped) {
        channel.close();
        return;
      }
      const client = startSyncClient(channel, {
        stores: hub.stores,
        hooksFor: hub.upstreamHooks,
        directory: options.directory,
        onRefused: (r) => log(`the upstream server refused a change in a ${r.s.split(':')[0]} scope`),
        onError: (code) => log(`the upstream server reported ${code}`),
      });
      current = client;
      delay = 500;
      log('connected to the upstream server');
      void client.closed.then(() => {
        if (current === client) current = null;
        log('disconnected from the upstream server');
        schedule();
      });
    } catch (err) {
      log(`could not reach the upstream server (${(err as { code?: string }).code ?? 'error'})`);
      schedule();
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 30_000);
  }

  await connect();
  return {
    connected: () => current !== null,
    client: () => current,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
      await current?.close();
    },
  };
}
