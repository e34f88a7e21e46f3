import Database from 'better-sqlite3';
import path from 'node:path';
import { createRepos } from '../../src-main/core/repos';
import { createServerSchema, serverStorageRepo } from '../../src-main/core/repos/sync-server/storage';
import { createSyncBridge, type SyncBridge } from '../../src-main/core/sync/bridge';
import { connectDevice, type DeviceConnection } from '../../src-main/core/sync/device';
import { clientIdOfNode } from '../../src-main/core/sync/engine/hlc';
import { createHub, type Hub } from '../../src-main/core/sync/hub/hub';
import type { DeviceIdentity } from '../../src-main/core/sync/protocol';
import { createTestApp, makeTempDir, type TestApp } from './db';
import { channelPair } from './memory-channel';

/** A sync server in this process, on a real SQLite file, reached over in-memory channels. */
export interface TestServer {
  hub: Hub;
  sqlite: Database.Database;
  devices: Map<string, DeviceIdentity>;
  connect(node: TestLaptop): DeviceConnection;
  close(): Promise<void>;
}

export interface TestLaptop {
  name: string;
  t: TestApp;
  bridge: SyncBridge;
  identity: DeviceIdentity;
  connection: DeviceConnection | null;
  /** Connects (if needed), captures and waits until this laptop and the server agree. */
  sync(): Promise<boolean>;
  /** Drops the connection, as a laptop going offline. */
  offline(): Promise<void>;
  close(): Promise<void>;
}

export function testServer(dir = makeTempDir('komet-hub-')): TestServer {
  const sqlite = new Database(path.join(dir, 'server.db'));
  createServerSchema(sqlite);
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
    sqlite,
    devices,
    connect(node) {
      devices.set(node.identity.deviceId, node.identity);
      const pair = channelPair();
      hub.attach(pair.server, node.identity);
      return connectDevice(node.t.app.db, node.bridge, pair.client);
    },
    async close() {
      await hub.close();
      sqlite.close();
    },
  };
}

export function testLaptop(server: TestServer, identity: Omit<DeviceIdentity, 'deviceId'> & { deviceId?: string }, options: { now?: string } = {}): TestLaptop {
  const t = createTestApp(options.now ? { now: options.now } : {});
  const full: DeviceIdentity = { deviceId: identity.deviceId ?? crypto.randomUUID(), ...identity } as DeviceIdentity;
  const clock = { now: () => new Date().toISOString(), today: () => (options.now ?? new Date().toISOString()).slice(0, 10) };
  const bridge = createSyncBridge({ db: t.app.db, repos: createRepos(t.app.db, clock), clock, uniqueId: full.deviceId });
  bridge.snapshot();
  const node: TestLaptop = {
    name: full.name,
    t,
    bridge,
    identity: full,
    connection: null,
    async sync() {
      node.connection ??= server.connect(node);
      const result = await node.connection.syncNow(20_000);
      return result.converged;
    },
    async offline() {
      await node.connection?.close();
      node.connection = null;
    },
    async close() {
      await node.offline();
      t.close();
    },
  };
  return node;
}
