import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScopeChanges } from '../../../src-main/core/sync/changes';
import { createScopeLink, type LinkFrame, type ScopeLink } from '../../../src-main/core/sync/engine/link';
import { createScopeStore, type RemoteHooks, type ScopeStore } from '../../../src-main/core/sync/engine/scope-store';

/** Two links joined by an in-memory channel that delivers frames asynchronously, through JSON. */
function pair(a: ScopeStore, b: ScopeStore, hooks: [RemoteHooks, RemoteHooks] = [{}, {}]): [ScopeLink, ScopeLink] {
  const links: ScopeLink[] = [];
  const deliver = (to: number) => (frame: LinkFrame) => {
    const copy = JSON.parse(JSON.stringify(frame)) as unknown;
    setImmediate(() => links[to]!.receive(copy));
  };
  links.push(createScopeLink(a, deliver(1), { timeoutSeconds: 5, hooks: hooks[0] }), createScopeLink(b, deliver(0), { timeoutSeconds: 5, hooks: hooks[1] }));
  return links as [ScopeLink, ScopeLink];
}

const settle = () => new Promise((r) => setTimeout(r, 50));

afterEach(() => {
  vi.useRealTimers();
});

describe('sync engine boundary', () => {
  it('exchanges what each side lacks, per cell, deletes included, and reports what won', async () => {
    const a = createScopeStore('s', 'a');
    const b = createScopeStore('s', 'b');
    a.write((w) => w.set('t', 'r1', { x: 'A', y: 1 }));
    b.write((w) => {
      w.set('t', 'r1', { z: null });
      w.set('t', 'r2', { x: 'B' });
    });
    const seen: ScopeChanges[] = [];
    const [la, lb] = pair(a, b, [{ before: () => true, after: (accepted) => seen.push(accepted) }, {}]);
    await Promise.all([la.start(), lb.start()]);
    await settle();
    expect(a.hashes()).toEqual(b.hashes());
    expect(a.row('t', 'r1')!.z!.value).toBeNull();
    expect(seen.some((c) => c.t?.r2?.x?.value === 'B')).toBe(true);

    b.write((w) => w.deleteRow('t', 'r2'));
    await settle();
    expect(a.row('t', 'r2')!.x!.value).toBeUndefined();
    expect(a.hashes()).toEqual(b.hashes());
    await la.stop();
    await lb.stop();
  });

  it('applies nothing of a message the receiving side refuses', async () => {
    const server = createScopeStore('s', 'server');
    const device = createScopeStore('s', 'device');
    server.write((w) => w.set('t', 'r1', { x: 'kept' }));
    const [ls, ld] = pair(server, device, [{ before: (incoming) => !incoming.t?.r1?.x }, {}]);
    await Promise.all([ls.start(), ld.start()]);
    await settle();
    device.write((w) => w.set('t', 'r1', { x: 'changed', y: 'also' }));
    await settle();
    expect(server.row('t', 'r1')!.x!.value).toBe('kept');
    expect(server.row('t', 'r1')!.y).toBeUndefined();
    await ls.stop();
    await ld.stop();
  });

  it('stops at once when the peer is gone mid-exchange, leaving no request waiting for its answer', async () => {
    vi.useFakeTimers();
    const store = createScopeStore('s', 'server');
    store.write((w) => w.set('t', 'r1', { x: 'A' }));
    const sent: LinkFrame[] = [];
    const errors: unknown[] = [];
    // The peer died after the link opened: what the link sends is never answered.
    const link = createScopeLink(store, (f) => sent.push(f), { timeoutSeconds: 60, onError: (e) => errors.push(e) });
    let started = false;
    void link.start().then(() => (started = true));
    await vi.advanceTimersByTimeAsync(0);
    // It asked the peer for its content hashes (a request, with an id) and waits for the answer.
    expect(sent.map(([id, message]) => [id !== null, message])).toEqual([[true, 1]]);
    expect(vi.getTimerCount()).toBe(1);
    expect(started).toBe(false);

    let stopped = false;
    void link.stop().then(() => (stopped = true));
    // A second of the (fake) clock: far from the minute the request would otherwise wait.
    await vi.advanceTimersByTimeAsync(1000);
    expect(stopped).toBe(true);
    expect(started).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    // Stopping is no error of the peer's.
    expect(errors).toEqual([]);
  });
});
