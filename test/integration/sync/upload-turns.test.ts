import { afterEach, describe, expect, it } from 'vitest';
import { addDemoData } from '../../../src-main/core/demo/add-demo';
import { maxStartingLinks, type Hub } from '../../../src-main/core/sync/hub/hub';
import type { Channel } from '../../../src-main/core/sync/protocol';
import { syncedTables } from '../../../src-main/core/sync/tables';
import { makeTempDir } from '../../helpers/db';
import { testLaptop, testServer, type TestLaptop, type TestServer } from '../../helpers/sync-nodes';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** What the server sends on one connection: scopes it opened, and those whose first exchange has ended. */
interface Watch {
  opened: Set<string>;
  /** Scopes opened whose first exchange has not ended yet (the server's link ends it with its content hashes). */
  starting: Set<string>;
  most: number;
}

/** Watches every connection the hub serves; `onSend` may act on what it sees (cut the connection). */
function watch(hub: Hub, onSend: (w: Watch, server: Channel) => void = () => undefined): Watch {
  const w: Watch = { opened: new Set(), starting: new Set(), most: 0 };
  const attach = hub.attach.bind(hub);
  hub.attach = (channel, device) => {
    const spied: Channel = {
      ...channel,
      send(message) {
        const m = message as { t: string; s?: string; f?: [unknown, number, unknown] };
        if (m.t === 'opened' && m.s && !w.opened.has(m.s)) {
          w.opened.add(m.s);
          w.starting.add(m.s);
        }
        if (m.t === 'f' && m.s && m.f?.[1] === 2) w.starting.delete(m.s);
        w.most = Math.max(w.most, w.starting.size);
        channel.send(message);
        onSend(w, channel);
      },
    };
    attach(spied, device);
  };
  return w;
}

function syncedContent(l: TestLaptop): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of syncedTables) {
    if (t.name === 'sync_conflicts') continue;
    out[t.name] = (l.t.app.db.sqlite.prepare(`select * from "${t.name}" order by ${t.key.map((k) => `"${k}"`).join(', ')}`).all() as Record<string, unknown>[])
      // An administrator outside a unit receives its parents by pseudonym only.
      .map(({ updated_at: _u, display_name: _n, contact: _c, ...rest }) => rest);
  }
  return out;
}

describe('an administrator’s first upload of the whole city', () => {
  it('is taken a bounded number of scopes at a time, and a server stopped half-way loses and duplicates nothing', { timeout: 240_000 }, async () => {
    const dir = makeTempDir('komet-hub-');
    const first: TestServer = testServer(dir);
    let cutAt = -1;
    const seen = watch(first.hub, (w, server) => {
      // The server goes away once a third of the scopes have had their first exchange.
      if (cutAt < 0 && w.opened.size - w.starting.size >= 20) {
        cutAt = w.opened.size;
        server.close(1001, 'server stopping');
      }
    });
    const admin = await testLaptop(first, { personId: null, name: 'Admin', role: 'admin', units: [] });
    cleanups.push(() => admin.close());
    addDemoData(admin.t.app.db, { scale: 0.15, seed: 5, today: '2025-06-01' });
    expect(await admin.sync().catch(() => false)).toBe(false);
    const scopes = admin.t.app.db.sqlite.prepare('select count(distinct scope) from sync_cells').pluck().get() as number;
    expect(scopes).toBeGreaterThan(2 * maxStartingLinks);
    // Cut while scopes were still waiting their turn, and never more than the bound at once.
    expect(cutAt).toBeGreaterThan(0);
    expect(cutAt).toBeLessThan(scopes);
    expect(seen.most).toBeLessThanOrEqual(maxStartingLinks);
    await first.close();

    // The server starts again from what it had saved.
    const second = testServer(dir);
    cleanups.push(() => second.close());
    for (const [id, device] of first.devices) second.devices.set(id, device);
    (first as { hub: Hub }).hub = second.hub;
    const again = watch(second.hub);
    expect(await admin.sync()).toBe(true);
    expect(again.most).toBeLessThanOrEqual(maxStartingLinks);
    expect(again.most).toBeGreaterThan(1);

    // A second administrator's laptop receives exactly what the first holds: nothing lost, nothing twice.
    const check = await testLaptop(second, { personId: null, name: 'Kontrollant', role: 'admin', units: [] });
    cleanups.push(() => check.close());
    expect(await check.sync()).toBe(true);
    const expected = syncedContent(admin);
    const got = syncedContent(check);
    for (const table of Object.keys(expected)) expect(got[table]!.length, table).toBe(expected[table]!.length);
    for (const table of Object.keys(expected)) expect(got[table], table).toEqual(expected[table]);
    expect(expected.attendance!.length).toBeGreaterThan(500);
  });
});
