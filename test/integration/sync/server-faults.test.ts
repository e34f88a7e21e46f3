import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDeviceRepo } from '../../../src-main/core/repos/sync-server/devices';
import { serverStorageRepo } from '../../../src-main/core/repos/sync-server/storage';
import { exchangeEnrolmentCode, type Membership } from '../../../src-main/core/sync/net/enrol';
import { maxMessageBytes, pinnedSocket } from '../../../src-main/core/sync/net/pinned';
import { createEnrolment } from '../../../src-main/server/enrolment';
import { runServer, type RunningServer } from '../../../src-main/server/run-server';
import { initServer, openServer } from '../../../src-main/server/server-data';
import { makeTempDir } from '../../helpers/db';

/** A server in this process with real TLS, and devices that misbehave on purpose. */
const passphrase = 'server passphrase for tests';
let dir: string;
let server: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  dir = path.join(makeTempDir('komet-server-faults-'), 'server');
  initServer(dir, { passphrase, name: 'Testservern', hosts: ['127.0.0.1'] });
  server = await runServer({ dir, passphrase, host: '127.0.0.1', port: 0, log: (l) => logLines.push(l) });
});
afterAll(async () => {
  await server.close();
});

async function device(role: 'admin' | 'leader' = 'admin'): Promise<Membership> {
  const open = openServer(dir, passphrase);
  let code: string;
  try {
    const name = `Enhet ${logLines.length}`;
    // A leader must be a staff member in the reference data; this one is written straight in.
    if (role === 'leader') serverStorageRepo(open.sqlite).save('ref', { staff: { [crypto.randomUUID()]: { name: { value: name, hlc: '' } } } });
    code = createEnrolment(serverStorageRepo(open.sqlite), serverDeviceRepo(open.sqlite), {
      url: server.url,
      fingerprint: open.info.fingerprint,
      name,
      role,
      units: [],
    });
  } finally {
    open.close();
  }
  return exchangeEnrolmentCode(code);
}

/** A raw socket with the device's credential, to send what Komet never would. */
function rawSocket(m: Membership): Promise<{ ws: WebSocket; messages: unknown[]; closed: Promise<number> }> {
  const ws = new WebSocket(`${server.url}/sync`, { rejectUnauthorized: false, headers: { Authorization: `Bearer ${m.credential}` } });
  const messages: unknown[] = [];
  ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString())));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  ws.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, closed }));
    ws.once('unexpected-response', () => reject(new Error('refused')));
  });
}

describe('a server facing bad input', () => {
  it('closes a connection that sends something other than the protocol, says why, and keeps serving others', async () => {
    const m = await device();
    const bad = await rawSocket(m);
    bad.ws.send('this is not json');
    expect(await bad.closed).toBe(1008);
    expect(bad.messages).toContainEqual(expect.objectContaining({ t: 'error', code: 'malformed' }));
    const good = await pinnedSocket(m.url, m.fingerprint, m.credential);
    good.close();
  });

  it('closes a connection that sends an oversized message, without reading it whole', async () => {
    const m = await device();
    const big = await rawSocket(m);
    big.ws.send(JSON.stringify({ t: 'hello', v: 1, clock: 0, scopes: [], padding: 'x'.repeat(maxMessageBytes + 1) }));
    expect(await big.closed).toBe(1009);
    const again = await pinnedSocket(m.url, m.fingerprint, m.credential);
    again.close();
  });

  it('opens no scope a leader may not see and sends her nothing from it', async () => {
    const m = await device('leader');
    const s = await rawSocket(m);
    s.ws.send(JSON.stringify({ t: 'hello', v: 1, clock: Date.now(), scopes: [] }));
    await new Promise((r) => setTimeout(r, 200));
    s.ws.send(JSON.stringify({ t: 'open', s: 'people:00000000-0000-4000-8000-000000000001' }));
    s.ws.send(JSON.stringify({ t: 'open', s: 'pathway:00000000-0000-4000-8000-000000000002' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(s.messages.filter((x) => (x as { t: string }).t === 'opened')).toEqual([]);
    expect(s.messages.filter((x) => (x as { t: string }).t === 'f')).toEqual([]);
    s.ws.close();
  });

  it('refuses a credential it does not know, and one that was revoked, at the upgrade', async () => {
    const m = await device();
    await expect(pinnedSocket(m.url, m.fingerprint, `${m.deviceId}.${'x'.repeat(43)}`)).rejects.toMatchObject({
      messages: { en: expect.stringMatching(/does not recognise this computer/) },
    });
    const open = openServer(dir, passphrase);
    serverDeviceRepo(open.sqlite).revoke(m.deviceId, new Date().toISOString());
    open.close();
    await expect(pinnedSocket(m.url, m.fingerprint, m.credential)).rejects.toMatchObject({
      messages: { en: expect.stringMatching(/disconnected from the server/) },
    });
  });

  it('refuses an expired code and a revoked one, each saying which', async () => {
    const open = openServer(dir, passphrase);
    let expired: string;
    let revoked: string;
    try {
      const storage = serverStorageRepo(open.sqlite);
      const devices = serverDeviceRepo(open.sqlite);
      const base = { url: server.url, fingerprint: open.info.fingerprint, role: 'admin' as const, units: [] };
      // Codes live seven days: one made eight days ago ran out yesterday.
      expired = createEnrolment(storage, devices, { ...base, name: 'Gammal kod', now: new Date(Date.now() - 8 * 86_400_000) });
      revoked = createEnrolment(storage, devices, { ...base, name: 'Indragen kod' });
      devices.revoke('Indragen kod', new Date().toISOString());
    } finally {
      open.close();
    }
    await expect(exchangeEnrolmentCode(expired)).rejects.toMatchObject({
      messages: { sv: 'Koden har gått ut. Be om en ny.', en: 'The code has expired. Ask for a new one.' },
    });
    await expect(exchangeEnrolmentCode(revoked)).rejects.toMatchObject({
      messages: { sv: 'Koden har återkallats. Be om en ny.', en: 'The code has been revoked. Ask for a new one.' },
    });
  });

  it('logs what happened without names or values', () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toMatch(/Enhet \d|Admin|padding|xxxx/);
  });
});
