import { createScopeLink, type LinkFrame, type ScopeLink } from '../../src-main/core/sync/engine/link';
import type { RemoteHooks } from '../../src-main/core/sync/engine/scope-store';
import type { StoreSet } from '../../src-main/core/sync/store-set';

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
