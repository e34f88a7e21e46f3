import type Database from 'better-sqlite3';
import path from 'node:path';
import { createRepos } from '../../src-main/core/repos';
import { openServerDatabase } from '../../src-main/core/repos/sync-server/open';
import { serverStorageRepo } from '../../src-main/core/repos/sync-server/storage';
import { clientIdOfNode } from '../../src-main/core/sync/engine/hlc';
import { createHub, type Hub } from '../../src-main/core/sync/hub/hub';
import { createLaptopSync, type LaptopSync } from '../../src-main/core/sync/laptop';
import type { Membership } from '../../src-main/core/sync/net/enrol';
import type { DeviceIdentity } from '../../src-main/core/sync/protocol';
import { createTestApp, makeTempDir, type TestApp } from './db';
import { channelPair } from './memory-channel';

/** A sync server in this process, on a real SQLite file, reached over in-memory channels. */
export interface TestServer {
  hub: Hub;
  dir: string;
  sqlite: Database.Database;
  devices: Map<string, DeviceIdentity>;
  close(): Promise<void>;
}

export interface TestLaptop {
  name: string;
  t: TestApp;
  /** The laptop's sync, exactly as the app has it, with an in-memory way to the server. */
  laptop: LaptopSync;
  identity: DeviceIdentity;
  /** Captures, connects if needed and waits until this laptop and the server agree. */
  sync(): Promise<boolean>;
  /** Drops the connection, as a laptop going offline. */
  offline(): Promise<void>;
  close(): Promise<void>;
}

export function testServer(dir = makeTempDir('komet-hub-')): TestServer {
  // As the server opens its database, without the key: tests read the file's bytes.
  const sqlite = openServerDatabase(path.join(dir, 'server.db'), undefined, { create: true });
  const devices = new Map<string, DeviceIdentity>();
  const hub = createHub({
    storage: serverStorageRepo(sqlite),
    uniqueId: 'server',
    name: 'testserver',
    directory: () => Object.fromEntries([...devices.values()].map((d) => [clientIdOfNode(d.deviceId), d.name])),
    timeoutSeconds: 20,
  });
  return {
    hub,
    dir,
    sqlite,
    devices,
    async close() {
      await hub.close();
      sqlite.close();
    },
  };
}

export async function testLaptop(
  server: TestServer,
  identity: Omit<DeviceIdentity, 'deviceId'> & { deviceId?: string },
  options: { now?: string } = {},
): Promise<TestLaptop> {
  const t = createTestApp(options.now ? { now: options.now } : {});
  const full: DeviceIdentity = { deviceId: identity.deviceId ?? crypto.randomUUID(), ...identity } as DeviceIdentity;
  server.devices.set(full.deviceId, full);
  const clock = { now: () => new Date().toISOString(), today: () => (options.now ?? new Date().toISOString()).slice(0, 10) };
  const membership: Membership = {
    url: 'wss://in-memory',
    fingerprint: '0'.repeat(64),
    deviceId: full.deviceId,
    credential: 'in-memory',
    identity: full,
    server: { id: 'server', name: 'testserver' },
  };
  const laptop = createLaptopSync({
    db: t.app.db,
    repos: createRepos(t.app.db, clock),
    clock,
    exchange: async () => membership,
    connect: async () => {
      const pair = channelPair();
      server.hub.attach(pair.server, full);
      return pair.client;
    },
  });
  await laptop.join('in-memory');
  return {
    name: full.name,
    t,
    laptop,
    identity: full,
    async sync() {
      laptop.afterWrite();
      return (await laptop.syncNow(20_000)).converged;
    },
    offline: () => laptop.disconnect(),
    async close() {
      await laptop.close();
      t.close();
    },
  };
}

/**
 * A test server, and `join` for laptops to join it as the identities a test asks for. The server
 * and every laptop joined are closed through `cleanups`, which a test file empties after each test,
 * last added first.
 */
export function testCity(cleanups: (() => unknown)[]): {
  s: TestServer;
  join(identity: Parameters<typeof testLaptop>[1], options?: { now?: string }): Promise<TestLaptop>;
} {
  const s = testServer();
  cleanups.push(() => s.close());
  return {
    s,
    async join(identity, options = {}) {
      const l = await testLaptop(s, identity, options);
      cleanups.push(() => l.close());
      return l;
    },
  };
}
