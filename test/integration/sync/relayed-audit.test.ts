import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { serverStorageRepo } from '../../../src-main/core/repos/sync-server/storage';
import type { ScopeChanges } from '../../../src-main/core/sync/changes';
import { clientIdOfNode, stampAt } from '../../../src-main/core/sync/engine/hlc';
import { encodeFrameBody } from '../../../src-main/core/sync/engine/link';
import { toEngineChanges } from '../../../src-main/core/sync/engine/scope-store';
import { protocolVersion, type DeviceIdentity, type ServerMessage } from '../../../src-main/core/sync/protocol';
import { channelPair } from '../../helpers/memory-channel';
import { testServer, type TestServer } from '../../helpers/sync-nodes';

/**
 * The audit trail names the person behind a change. A unit server passes on many people's
 * changes and tells its server who they are; any other device naming people is not believed.
 */
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function connect(s: TestServer, device: DeviceIdentity) {
  const pair = channelPair();
  const inbox: ServerMessage[] = [];
  pair.client.onMessage((m) => inbox.push(m as ServerMessage));
  s.hub.attach(pair.server, device);
  const next = async (t: ServerMessage['t']) => {
    for (let i = 0; i < 500; i++) {
      const found = inbox.find((m) => m.t === t);
      if (found) {
        inbox.splice(inbox.indexOf(found), 1);
        return found;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no ${t} message`);
  };
  pair.client.send({ t: 'hello', v: protocolVersion, clock: Date.now(), scopes: [] });
  await next('welcome');
  return { send: (m: object) => pair.client.send(m), next };
}

/** A participant's name written by the node `writer`, as an administrator's first upload carries it. */
function nameChange(writer: string): { rowId: string; changes: ScopeChanges } {
  const rowId = randomUUID();
  return { rowId, changes: { participants: { [rowId]: { display_name: { value: 'Namn Namnsson', hlc: stampAt(Date.now(), writer) } } } } };
}

describe('who the server’s audit trail names', () => {
  it('does not take a directory from a device that is not a unit server', async () => {
    server = testServer();
    const admin = await connect(server, { deviceId: randomUUID(), personId: null, name: 'Adam Admin', role: 'admin', units: [] });
    const other = 'someone-elses-node';
    admin.send({ t: 'directory', d: { [clientIdOfNode(other)]: 'Någon Annan' } });
    const { rowId, changes } = nameChange(other);
    const scope = `people:${randomUUID()}`;
    admin.send({ t: 'upload', id: 'u1', s: scope, changes: encodeFrameBody(toEngineChanges(changes)) });
    expect(await admin.next('uploaded')).toMatchObject({ ok: true });
    const lines = serverStorageRepo(server.sqlite)
      .auditLines('0000-01-01', 100)
      .filter((l) => l.rowId === rowId);
    expect(lines.map((l) => [l.who, l.table, l.cells])).toEqual([['Adam Admin', 'participants', ['display_name']]]);
  });

  it('refuses a directory larger than any unit could have', async () => {
    server = testServer();
    const unit = await connect(server, { deviceId: randomUUID(), personId: null, name: 'Enhetsservern', role: 'unit-server', units: [] });
    const d = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`c${i}`, 'Namn']));
    expect(server.hub.connections()).toBe(1);
    unit.send({ t: 'directory', d });
    // The server ends a connection that sends a message it does not accept.
    for (let i = 0; i < 200 && server.hub.connections() > 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(server.hub.connections()).toBe(0);
  });
});
