import { randomUUID } from 'node:crypto';
import type { Bilingual } from '../../errors';
import { forEachCell, historyCellOf, isHistoryCell, type ScopeChanges } from '../changes';
import { detectConflicts, nextHistory, type DetectedConflict } from '../conflicts';
import { conflictRowCells } from '../conflict-rows';
import { clientOf, createHlcClock, timeOf } from '../engine/hlc';
import { createScopeLink, decodeFrameBody, encodeFrameBody, type ScopeLink } from '../engine/link';
import { applyRemote, fromEngineTables, toEngineChanges, type RemoteHooks, type ScopeStore } from '../engine/scope-store';
import { parseClientMessage, protocolVersion, type Channel, type DeviceIdentity, type ServerMessage } from '../protocol';
import { erasesNames } from '../erasure';
import { parseScope } from '../scopes';
import { createStoreSet, type StoreSet } from '../store-set';
import { createAccessIndex, type AccessIndex } from './access-index';
import { createPolicy, type Policy } from './policy';

/** Where a server keeps what it holds; every call runs inside `transaction` when it writes. */
export interface HubStorage {
  scopes(): string[];
  load(scope: string): ScopeChanges;
  save(scope: string, changes: ScopeChanges): void;
  /** One line per row a device changed: who, when, where; never values. */
  audit(entry: { at: string; deviceId: string; who: string; scope: string; table: string; rowId: string; cells: string[] }): void;
  transaction<T>(fn: () => T): T;
  /** Empties the write-ahead log into the file (after an erasure, so no old copy stays). */
  checkpoint?(): void;
}

export interface HubOptions {
  storage: HubStorage;
  /** The server's own identity in stamps. */
  uniqueId: string;
  /** The server's name, told to devices. */
  name: string;
  now?: () => number;
  /** Names behind stamps' client ids (enrolled devices), told to devices for the conflict list. */
  directory(): Record<string, string>;
  /** One line about an event, without personal data. */
  log?(line: string): void;
  /** Seconds a protocol request waits for its answer. */
  timeoutSeconds?: number;
}

export interface Hub {
  readonly stores: StoreSet;
  readonly index: AccessIndex;
  readonly policy: Policy;
  /** Serves one authenticated device over a channel until it closes. */
  attach(channel: Channel, device: DeviceIdentity): void;
  /** Closes every connection of a device at once (revoked). */
  disconnect(deviceId: string, message: Bilingual): void;
  /** Hooks for a link to an upstream server: conflicts listed and everything persisted, nothing refused. */
  upstreamHooks(scope: string): RemoteHooks;
  /** Told when a scope first gets content here (an upstream link then opens it). */
  onNewScope(listener: (scope: string) => void): () => void;
  connections(): number;
  close(): Promise<void>;
}

/** Stamps further ahead of the server's clock than this are refused: the engine would ignore them. */
const maxClockAheadMs = 4 * 60 * 1000;

/**
 * Scopes of one connection in their first exchange at once; the others wait their turn. A
 * device opening the whole city (thousands of scopes) would otherwise have every scope's content
 * in flight together: the server held it all at once, and requests behind the queue timed out
 * and were sent again.
 */
export const maxStartingLinks = 32;

interface Connection {
  device: DeviceIdentity;
  channel: Channel;
  links: Map<string, ScopeLink>;
  /** Scopes asked for but not (yet) readable: opened when access allows, e.g. after the group arrives. */
  waiting: Set<string>;
  offered: Set<string>;
  /** A unit server's devices (stamp client id → name): whom its relayed changes came from. */
  relayed: Map<string, string>;
  /** Links still in their first exchange. */
  starting: number;
  /** Scopes to open once fewer links are starting, in the order asked. */
  queued: Set<string>;
}

/** Who sent a batch: the device on the connection, and for a unit server the devices behind it. */
interface Sender {
  deviceId: string;
  who: string;
  relayed: ReadonlyMap<string, string>;
}

export function createHub(options: HubOptions): Hub {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const { storage } = options;
  const stores = createStoreSet(options.uniqueId, now);
  for (const scope of storage.scopes()) {
    const loaded = storage.load(scope);
    stores.ensure(scope).load(loaded);
    stores.note(scope, loaded);
  }
  const index = createAccessIndex(stores);
  const policy = createPolicy(index);
  const clock = createHlcClock(options.uniqueId, now);
  const connections = new Set<Connection>();
  const newScopeListeners = new Set<(scope: string) => void>();
  const isoNow = () => new Date(now()).toISOString();

  const send = (conn: Connection, message: ServerMessage) => {
    try {
      conn.channel.send(message);
    } catch {
      // A closing socket; its close handler cleans up.
    }
  };

  /** Persists what a peer's batch changed, lists its conflicts, and updates who may see what. */
  function accept(scope: string, store: ScopeStore, accepted: ScopeChanges, found: DetectedConflict[], by: Sender | null, hadContent: boolean) {
    storage.transaction(() => {
      storage.save(scope, accepted);
      stores.note(scope, accepted);
      if (by) {
        const at = isoNow();
        // One line per row and per person behind the change: a unit server's batch carries many people's writes.
        const rows = new Map<string, Set<string>>();
        forEachCell(accepted, (table, rowId, cell, stamped) => {
          const origin = by.relayed.get(clientOf(stamped.hlc));
          const who = origin === undefined ? by.who : `${origin} via ${by.who}`;
          const key = `${table}\u0000${rowId}\u0000${who}`;
          (rows.get(key) ?? rows.set(key, new Set()).get(key)!).add(cell);
        });
        for (const [key, cells] of rows) {
          const [table, rowId, who] = key.split('\u0000') as [string, string, string];
          storage.audit({ at, deviceId: by.deviceId, who, scope, table, rowId, cells: [...cells].sort() });
        }
      }
      const fresh = found.filter((c) => !store.row('sync_conflicts', c.id));
      if (fresh.length) {
        const written = store.write((w) => {
          for (const c of fresh) w.set('sync_conflicts', c.id, conflictRowCells(c, isoNow()));
        });
        storage.save(scope, written);
        stores.note(scope, written);
      }
    });
    if (erasesNames(accepted)) storage.checkpoint?.();
    const accessChanged = index.update(scope, accepted);
    if (!hadContent) for (const l of newScopeListeners) l(scope);
    if (accessChanged || !hadContent) scheduleReview();
  }

  /** The cells of a change that would replace the store's: newer than what it holds, or not held. */
  function wouldChange(incoming: ScopeChanges, store: ScopeStore): ScopeChanges {
    const out: ScopeChanges = {};
    for (const [table, rows] of Object.entries(incoming)) {
      for (const [rowId, cells] of Object.entries(rows)) {
        const held = store.row(table, rowId);
        for (const [cell, stamped] of Object.entries(cells)) {
          const mine = held?.[cell];
          if (mine && (stamped.hlc < mine.hlc || (stamped.hlc === mine.hlc && stamped.value === mine.value))) continue;
          ((out[table] ??= {})[rowId] ??= {})[cell] = stamped;
        }
      }
    }
    return out;
  }

  function detect(incoming: ScopeChanges, store: ScopeStore): DetectedConflict[] {
    const found: DetectedConflict[] = [];
    for (const [table, rows] of Object.entries(incoming))
      for (const [rowId, cells] of Object.entries(rows)) found.push(...detectConflicts(table, rowId, store.row(table, rowId), cells));
    return found;
  }

  /**
   * Tells the device why, and sends it the server's own stamps for every refused cell (the
   * server's value, or a deletion where the server has none) stamped newer than the refused
   * write, so the device's copy goes back to the server's and both hold the same again.
   */
  function refuse(conn: Connection, scope: string, store: ScopeStore, incoming: ScopeChanges, why: Bilingual, undo: boolean) {
    const tables = Object.keys(incoming).sort();
    send(conn, { t: 'refused', id: randomUUID(), s: scope, tables, sv: why.sv, en: why.en });
    log(`refused a change from device ${conn.device.deviceId} in ${parseScope(scope)?.kind ?? 'a scope'}`);
    if (!undo) return;
    forEachCell(incoming, (_t, _r, _c, s) => s.hlc && clock.seen(s.hlc));
    const restore: ScopeChanges = {};
    for (const [table, rows] of Object.entries(incoming)) {
      for (const [rowId, cells] of Object.entries(rows)) {
        const mine = store.row(table, rowId) ?? {};
        const out = ((restore[table] ??= {})[rowId] ??= {});
        for (const [cell, theirs] of Object.entries(cells)) {
          if (isHistoryCell(cell)) continue;
          out[cell] = { value: mine[cell]?.value, hlc: clock.next() };
          // The undo has seen the refused write: the device must not list it as a conflict.
          out[historyCellOf(cell)] = { value: nextHistory(theirs, mine[historyCellOf(cell)], mine[cell]?.hlc ? [mine[cell].hlc] : []), hlc: clock.next() };
        }
      }
    }
    storage.transaction(() => {
      const won = store.merge(restore);
      storage.save(scope, won);
      stores.note(scope, won);
    });
    send(conn, { t: 'f', s: scope, f: [null, 3, encodeFrameBody(toEngineChanges(restore))] });
  }

  function linkHooks(conn: Connection, scope: string): RemoteHooks {
    let found: DetectedConflict[] = [];
    let hadContent = true;
    return {
      before(incoming, store) {
        hadContent = store.tableIds().length > 0;
        if (!Object.keys(incoming).length) return true;
        let newest = '';
        forEachCell(incoming, (_t, _r, _c, s) => {
          if (s.hlc > newest) newest = s.hlc;
        });
        if (newest && timeOf(newest) > now() + maxClockAheadMs) {
          refuse(
            conn,
            scope,
            store,
            incoming,
            {
              sv: 'Datorns klocka går före serverns. Ställ klockan rätt; ändringarna finns kvar och skickas när tiden stämmer.',
              en: 'This computer’s clock is ahead of the server’s. Set the clock right; the changes are kept and sent once the time agrees.',
            },
            false,
          );
          return false;
        }
        // What is older than the server's copy loses the merge and changes nothing: a device that
        // holds an out-of-date copy (a new laptop's seeded programmes after an administrator or an
        // undo changed them) is not refused for sending it. Only what would be taken in is checked.
        // A clash it loses is still listed (detect below sees all of it).
        const taken = wouldChange(incoming, store);
        const why = Object.keys(taken).length ? policy.checkWrite(conn.device, scope, taken, store) : null;
        if (why) {
          refuse(conn, scope, store, taken, why, true);
          return false;
        }
        found = detect(incoming, store);
        return true;
      },
      after(accepted, _replaced, store) {
        const conflicts = found;
        found = [];
        accept(scope, store, accepted, conflicts, { deviceId: conn.device.deviceId, who: conn.device.name, relayed: conn.relayed }, hadContent);
      },
    };
  }

  function openLink(conn: Connection, scope: string) {
    if (conn.links.has(scope)) {
      send(conn, { t: 'opened', s: scope });
      return;
    }
    conn.waiting.delete(scope);
    if (conn.starting >= maxStartingLinks) {
      conn.queued.add(scope);
      return;
    }
    conn.starting++;
    const store = stores.ensure(scope);
    const link = createScopeLink(store, (f) => send(conn, { t: 'f', s: scope, f }), {
      hooks: linkHooks(conn, scope),
      timeoutSeconds: options.timeoutSeconds ?? 60,
      onError: () => log(`a sync message from device ${conn.device.deviceId} could not be applied`),
    });
    conn.links.set(scope, link);
    send(conn, { t: 'opened', s: scope });
    link
      .start()
      .catch(() => log(`sync of a scope with device ${conn.device.deviceId} did not finish`))
      .finally(() => {
        conn.starting--;
        openQueued(conn);
      });
  }

  /** Opens what waited for a free place, deciding access again as it is now. */
  function openQueued(conn: Connection) {
    while (conn.starting < maxStartingLinks && conn.queued.size && connections.has(conn)) {
      const scope = conn.queued.values().next().value!;
      conn.queued.delete(scope);
      requestOpen(conn, scope);
    }
  }

  /** Links stopping (a connection gone, access lost); close waits for them. */
  const stopping = new Set<Promise<void>>();
  function stopLink(link: ScopeLink) {
    const done = link
      .stop()
      .catch(() => undefined)
      .finally(() => stopping.delete(done));
    stopping.add(done);
  }

  function closeLink(conn: Connection, scope: string, why: Bilingual) {
    const link = conn.links.get(scope);
    conn.links.delete(scope);
    if (link) stopLink(link);
    send(conn, { t: 'closed', s: scope, sv: why.sv, en: why.en });
  }

  const noAccess: Bilingual = { sv: 'Du har inte behörighet till de här uppgifterna.', en: 'You do not have access to this data.' };

  function requestOpen(conn: Connection, scope: string) {
    if (policy.canRead(conn.device, scope)) return openLink(conn, scope);
    if (policy.canUpload(conn.device, scope)) {
      send(conn, { t: 'upload-only', s: scope });
      return;
    }
    const store = stores.get(scope);
    const empty = !store || store.tableIds().length === 0;
    // A new group is opened empty by the device that makes it; what it writes is checked.
    if (empty && parseScope(scope)?.kind === 'group') return openLink(conn, scope);
    if (empty) {
      conn.waiting.add(scope);
      return;
    }
    send(conn, { t: 'closed', s: scope, ...noAccess });
  }

  function readableScopes(device: DeviceIdentity): string[] {
    return stores.scopes().filter((s) => (stores.get(s)?.tableIds().length ?? 0) > 0 && policy.canRead(device, s));
  }

  /**
   * Access is reviewed once after a burst of changes (an upload makes thousands of scopes), not
   * after each: the review looks at every scope for every connection.
   */
  let reviewTimer: ReturnType<typeof setTimeout> | null = null;
  function scheduleReview() {
    if (reviewTimer) return;
    reviewTimer = setTimeout(() => {
      reviewTimer = null;
      reviewAccess();
    }, 20);
    reviewTimer.unref?.();
  }

  /** After access changed: offer new scopes, open waiting ones, close what may no longer be read. */
  function reviewAccess() {
    for (const conn of connections) {
      for (const scope of [...conn.links.keys()]) {
        const store = stores.get(scope);
        if (store && store.tableIds().length && !policy.canRead(conn.device, scope)) closeLink(conn, scope, noAccess);
      }
      for (const scope of [...conn.waiting]) if (policy.canRead(conn.device, scope)) openLink(conn, scope);
      const now = readableScopes(conn.device);
      const add = now.filter((s) => !conn.offered.has(s) && !conn.links.has(s));
      if (add.length) {
        for (const s of add) conn.offered.add(s);
        send(conn, { t: 'scopes', add, remove: [] });
      }
    }
  }

  function disconnectConn(conn: Connection) {
    connections.delete(conn);
    conn.queued.clear();
    for (const link of conn.links.values()) stopLink(link);
    conn.links.clear();
  }

  return {
    stores,
    index,
    policy,
    attach(channel, device) {
      const conn: Connection = {
        device,
        channel,
        links: new Map(),
        waiting: new Set(),
        offered: new Set(),
        relayed: new Map(),
        starting: 0,
        queued: new Set(),
      };
      connections.add(conn);
      let greeted = false;
      channel.onClose(() => disconnectConn(conn));
      channel.onMessage((raw) => {
        const msg = parseClientMessage(raw);
        if (!msg || (!greeted && msg.t !== 'hello')) {
          log(`closed a connection from device ${device.deviceId}: malformed message`);
          send(conn, {
            t: 'error',
            code: 'malformed',
            sv: 'Servern fick ett meddelande den inte förstår.',
            en: 'The server received a message it does not understand.',
          });
          channel.close(1008, 'malformed');
          return;
        }
        switch (msg.t) {
          case 'hello': {
            if (msg.v !== protocolVersion) {
              send(conn, {
                t: 'error',
                code: 'version',
                sv: 'Servern och Komet har olika versioner av synkprotokollet. Uppdatera Komet.',
                en: 'The server and Komet speak different versions of the sync protocol. Update Komet.',
              });
              channel.close(1008, 'version');
              return;
            }
            greeted = true;
            const scopes = readableScopes(device);
            for (const s of scopes) conn.offered.add(s);
            send(conn, {
              t: 'welcome',
              v: protocolVersion,
              clock: now(),
              scopes,
              server: options.name,
              identity: { deviceId: device.deviceId, personId: device.personId, name: device.name, role: device.role, units: device.units },
              directory: options.directory(),
            });
            return;
          }
          case 'open':
            return requestOpen(conn, msg.s);
          case 'directory':
            // Only a unit server passes on others' changes; anyone else naming people is ignored.
            if (device.role === 'unit-server') conn.relayed = new Map(Object.entries(msg.d));
            else log(`ignored a directory from device ${device.deviceId} (${device.role})`);
            return;
          case 'f':
            conn.links.get(msg.s)?.receive(msg.f);
            return;
          case 'upload': {
            // Merged like any change from the device (checked, audited, conflicts listed); nothing goes back.
            const incoming = Array.isArray(msg.changes) ? fromEngineTables(decodeFrameBody(msg.changes[0])) : null;
            const ok =
              Boolean(incoming) &&
              policy.canUpload(device, msg.s) &&
              applyRemote(
                stores.ensure(msg.s),
                incoming!,
                () => stores.get(msg.s)!.engine.applyMergeableChanges(decodeFrameBody(msg.changes) as never),
                linkHooks(conn, msg.s),
              );
            send(conn, { t: 'uploaded', id: msg.id, s: msg.s, ok });
            return;
          }
          case 'hashes': {
            // A review still due would offer or open scopes: do it first, so the answer is complete.
            if (reviewTimer) {
              clearTimeout(reviewTimer);
              reviewTimer = null;
              reviewAccess();
            }
            const h: Record<string, [number, number]> = {};
            for (const scope of conn.links.keys()) h[scope] = stores.get(scope)!.hashes();
            send(conn, { t: 'hashes', id: msg.id, h, waiting: [...conn.waiting] });
            return;
          }
        }
      });
    },
    disconnect(deviceId, message) {
      for (const conn of [...connections]) {
        if (conn.device.deviceId !== deviceId) continue;
        send(conn, { t: 'error', code: 'revoked', sv: message.sv, en: message.en });
        disconnectConn(conn);
        conn.channel.close(4001, 'revoked');
      }
    },
    upstreamHooks(scope) {
      let found: DetectedConflict[] = [];
      let hadContent = true;
      return {
        before(incoming, store) {
          hadContent = store.tableIds().length > 0;
          found = detect(incoming, store);
          return true;
        },
        after(accepted, _replaced, store) {
          const conflicts = found;
          found = [];
          accept(scope, store, accepted, conflicts, null, hadContent);
        },
      };
    },
    onNewScope(listener) {
      newScopeListeners.add(listener);
      return () => newScopeListeners.delete(listener);
    },
    connections: () => connections.size,
    async close() {
      if (reviewTimer) clearTimeout(reviewTimer);
      for (const conn of [...connections]) {
        disconnectConn(conn);
        conn.channel.close(1001, 'server stopping');
      }
      await Promise.all([...stopping]);
    },
  };
}
