import type { Clock } from '../../src-main/core/clock';
import { createRepos } from '../../src-main/core/repos';
import { createSyncBridge, type SyncBridge } from '../../src-main/core/sync/bridge';
import { createScopeLink, type LinkFrame, type ScopeLink } from '../../src-main/core/sync/engine/link';
import type { RemoteHooks } from '../../src-main/core/sync/engine/scope-store';
import type { StoreSet } from '../../src-main/core/sync/store-set';
import { createTestApp, type TestApp } from './db';

/**
 * Joins the same scopes of two nodes by in-memory channels that deliver frames later and
 * through JSON, as a socket would. Scopes either side holds are linked; call again after new
 * scopes appear.
 */
export interface LinkSide {
  stores: StoreSet;
  hooksFor?(scope: string): RemoteHooks;
}

export function linkInMemory(a: LinkSide, b: LinkSide, linked = new Map<string, [ScopeLink, ScopeLink]>()) {
  const starts: Promise<void>[] = [];
  for (const scope of new Set([...a.stores.scopes(), ...b.stores.scopes()])) {
    if (linked.has(scope)) continue;
    const sa = a.stores.ensure(scope);
    const sb = b.stores.ensure(scope);
    const pair: ScopeLink[] = [];
    const deliver = (to: number) => (frame: LinkFrame) => {
      const copy = JSON.parse(JSON.stringify(frame)) as unknown;
      setImmediate(() => pair[to]?.receive(copy));
    };
    pair.push(
      createScopeLink(sa, deliver(1), { timeoutSeconds: 10, hooks: a.hooksFor?.(scope) ?? {} }),
      createScopeLink(sb, deliver(0), { timeoutSeconds: 10, hooks: b.hooksFor?.(scope) ?? {} }),
    );
    linked.set(scope, pair as [ScopeLink, ScopeLink]);
    starts.push(pair[0]!.start(), pair[1]!.start());
  }
  return {
    linked,
    ready: Promise.all(starts),
    async stop() {
      for (const [x, y] of linked.values()) await Promise.all([x.stop(), y.stop()]);
      linked.clear();
    },
  };
}

export const settle = (ms = 80) => new Promise((r) => setTimeout(r, ms));

/** A laptop's database with its sync bridge and no server: join two with `linkBridges`. Closed through `cleanups`. */
export function bridgedLaptop(cleanups: (() => unknown)[], name: string, clock: Clock): { t: TestApp; bridge: SyncBridge } {
  const t = createTestApp();
  const bridge = createSyncBridge({ db: t.app.db, repos: createRepos(t.app.db, clock), clock, uniqueId: name });
  cleanups.push(() => t.close());
  return { t, bridge };
}

/**
 * Both bridges take their snapshot of the tables as they are, then their scopes are linked in
 * memory and left to settle. The link is stopped through `cleanups`.
 */
export async function linkBridges(cleanups: (() => unknown)[], a: SyncBridge, b: SyncBridge): Promise<ReturnType<typeof linkInMemory>> {
  a.snapshot();
  b.snapshot();
  const link = linkInMemory(a, b);
  cleanups.push(() => link.stop());
  await link.ready;
  await settle();
  return link;
}
