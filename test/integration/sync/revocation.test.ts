import { afterEach, describe, expect, it } from 'vitest';
import { createRepos } from '../../../src-main/core/repos';
import { createLaptopSync } from '../../../src-main/core/sync/laptop';
import type { Channel } from '../../../src-main/core/sync/protocol';
import { createTestApp } from '../../helpers/db';
import { testServer } from '../../helpers/sync-nodes';

/**
 * A socket delivers the server's last message before its close, and the close can take a while
 * to arrive. This pair delivers messages in order and holds the server's close until released,
 * so a sync can be started in exactly that gap.
 */
function pairWithSlowClose() {
  const toClient: ((m: unknown) => void)[] = [];
  const toServer: ((m: unknown) => void)[] = [];
  const clientClosers: ((reason: string) => void)[] = [];
  const serverClosers: ((reason: string) => void)[] = [];
  let serverOpen = true;
  let held: string | null = null;
  const deliver = (listeners: ((m: unknown) => void)[], message: object) => {
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    setImmediate(() => listeners.forEach((l) => l(copy)));
  };
  const server: Channel = {
    send: (m) => serverOpen && deliver(toClient, m),
    onMessage: (l) => void toServer.push(l),
    onClose: (l) => void serverClosers.push(l),
    close: (_code, reason) => {
      if (!serverOpen) return;
      serverOpen = false;
      held = reason ?? 'closed';
      setImmediate(() => serverClosers.forEach((c) => c(held!)));
    },
  };
  const client: Channel = {
    // Until the close frame arrives the client's socket is open; what it sends goes nowhere.
    send: (m) => (serverOpen ? deliver(toServer, m) : undefined),
    onMessage: (l) => void toClient.push(l),
    onClose: (l) => void clientClosers.push(l),
    close: () => server.close(1000, 'done'),
  };
  return { server, client, releaseClose: () => clientClosers.forEach((c) => c(held ?? 'closed')) };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a revoked laptop', () => {
  it('is told it was disconnected even when it syncs before the server’s close has arrived', async () => {
    const s = testServer();
    cleanups.push(() => s.close());
    const identity = { deviceId: crypto.randomUUID(), personId: null, name: 'Admin', role: 'admin' as const, units: [] };
    s.devices.set(identity.deviceId, identity);
    const t = createTestApp();
    const pairs: ReturnType<typeof pairWithSlowClose>[] = [];
    const clock = { now: () => new Date().toISOString(), today: () => new Date().toISOString().slice(0, 10) };
    const laptop = createLaptopSync({
      db: t.app.db,
      repos: createRepos(t.app.db, clock),
      clock,
      exchange: async () => ({
        url: 'wss://in-memory',
        fingerprint: '0'.repeat(64),
        deviceId: identity.deviceId,
        credential: 'in-memory',
        identity,
        server: { id: 'server', name: 'testserver' },
      }),
      connect: async () => {
        const pair = pairWithSlowClose();
        pairs.push(pair);
        s.hub.attach(pair.server, identity);
        return pair.client;
      },
    });
    cleanups.push(async () => (await laptop.close(), t.close()));
    await laptop.join('in-memory');
    expect((await laptop.syncNow(20_000)).converged).toBe(true);

    const revoked = { sv: 'Den här datorn har kopplats bort från servern.', en: 'This computer has been disconnected from the server.' };
    s.hub.disconnect(identity.deviceId, revoked);
    while (laptop.status().lastError === null) await new Promise((r) => setTimeout(r, 5));
    expect(laptop.status().lastError).toEqual(revoked);

    await expect(laptop.syncNow(2_000)).rejects.toMatchObject({ messages: revoked });
    expect(laptop.status().lastError).toEqual(revoked);
    expect(pairs).toHaveLength(1);
    pairs[0]!.releaseClose();
  });
});
