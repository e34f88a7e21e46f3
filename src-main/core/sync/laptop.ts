import type { SyncState } from '../../contract/enums';
import type { Clock } from '../clock';
import type { KometDb } from '../db/open';
import { AppError } from '../errors';
import type { Repos } from '../repos';
import { syncConflictRepo, type ConflictRow } from '../repos/sync/conflicts';
import { syncStateRepo } from '../repos/sync/local-state';
import { syncRowsRepo } from '../repos/sync/rows';
import { createSyncBridge, type SyncBridge } from './bridge';
import { columnsOfCell } from './cell-codec';
import { describeConflict, type ConflictView } from './describe';
import type { DeviceConnection } from './device';
import { clientIdOfNode } from './engine/hlc';
import type { Membership } from './net/enrol';
import type { Channel } from './protocol';
import { derivedForWrite, recomputeAfterRow } from './projection';
import { rowFromSnapshot } from './row-snapshot';
import { keyOfRowId, syncedTableByName, type SyncedTable } from './tables';
import type { CellValue } from './changes';

/**
 * Sync on a laptop: joining a server with a code, syncing (in the background in the app, on
 * demand from the CLI), the status the header shows, and the conflict list. One per open
 * database, made by the app's composition root.
 */
export interface SyncStatusValue {
  joined: boolean;
  server: { name: string; url: string; fingerprint: string } | null;
  identity: Membership['identity'] | null;
  state: SyncState;
  lastSyncedAt: string | null;
  /** Local changes (rows) not yet confirmed by the server. */
  unsent: number;
  offlineSince: string | null;
  openConflicts: number;
  refusals: { id: string; at: string; scope: string; tables: string[]; sv: string; en: string }[];
  lastError: { sv: string; en: string } | null;
}

export interface SyncResult {
  sent: number;
  received: number;
  conflicts: number;
  lastSyncedAt: string | null;
  converged: boolean;
}

export interface LaptopSync {
  status(): SyncStatusValue;
  join(code: string): Promise<SyncStatusValue>;
  leave(): void;
  /** One full exchange with the server; used by `komet sync now` and the app's "Synka nu". */
  syncNow(timeoutMs?: number): Promise<SyncResult>;
  /** After a committed local write: hands it to the engine (and to the server if connected). */
  afterWrite(): void;
  conflicts(includeResolved: boolean): ConflictRow[];
  /** The conflict list as people read it. */
  conflictViews(includeResolved: boolean): ConflictView[];
  resolveConflict(id: string, choice: 'a' | 'b', by: string): ConflictView;
  dismissRefusal(id: string): void;
  /** Keeps syncing while the app runs: reconnects with growing pauses while the server is away. */
  startBackground(): void;
  /** Drops the connection (the laptop goes offline); the next sync connects again. */
  disconnect(): Promise<void>;
  onChange(listener: (tables: string[]) => void): () => void;
  close(): Promise<void>;
}

const keys = {
  membership: 'membership',
  lastSyncedAt: 'lastSyncedAt',
  unsent: 'unsent',
  offlineSince: 'offlineSince',
  clockOffset: 'clockOffset',
} as const;

const notJoined = () =>
  new AppError('conflict', {
    sv: 'Databasen är inte ansluten till någon server. Anslut med en kod först.',
    en: 'The database is not joined to a server. Join with a code first.',
  });

export interface LaptopSyncOptions {
  db: KometDb;
  repos: Repos;
  clock: Clock;
  /** How to reach the server (tests substitute an in-memory channel). */
  connect?(m: Membership): Promise<Channel>;
  /** How a code becomes a membership (tests substitute a server in the same process). */
  exchange?(code: string): Promise<Membership>;
  /** This machine's clock in milliseconds (tests give a laptop one that runs wrong). */
  nowMs?(): number;
}

export function createLaptopSync(options: LaptopSyncOptions): LaptopSync {
  const { db, repos, clock } = options;
  const state = syncStateRepo(db.sqlite);
  const conflictRepo = syncConflictRepo(db.sqlite);
  const rows = syncRowsRepo(db.sqlite);
  const listeners = new Set<(tables: string[]) => void>();
  // The network side (TLS, WebSocket, the client's engine) is loaded at the first connection, not
  // when a database opens: most starts of the app and every CLI command never sync.
  const connect = options.connect ?? (async (m: Membership) => (await import('./net/pinned')).pinnedSocket(m.url, m.fingerprint, m.credential));
  const machineMs = options.nowMs ?? Date.now;
  let offset = Number(state.meta(keys.clockOffset) ?? 0) || 0;
  const now = () => machineMs() + offset;
  let bridge: SyncBridge | null = null;
  let connection: DeviceConnection | null = null;
  let busy: Promise<unknown> | null = null;
  let lastError: { sv: string; en: string } | null = null;
  let background = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = 2000;
  let again = false;
  let closed = false;

  const membership = (): Membership | null => {
    const raw = state.meta(keys.membership);
    return raw ? (JSON.parse(raw) as Membership) : null;
  };
  /** Who is behind a stamp's client id: the server's directory, this device itself, or the id. */
  const whoIs = (clientId: string): string => {
    const m = membership();
    if (m && clientId === clientIdOfNode(m.deviceId)) return m.identity.name;
    const directory = JSON.parse(state.meta('directory') ?? '{}') as Record<string, string>;
    return directory[clientId] ?? clientId;
  };

  /**
   * Choosing an edit over a deletion: the row comes back with the cells the editing machine held,
   * written as a local insert so it syncs (newer than the deletion) to every machine.
   */
  function restoreRow(table: SyncedTable, c: ConflictRow, value: CellValue) {
    const restored = rowFromSnapshot(table.name, c.rowId, c.snapshot, { cell: c.cell, value });
    const values = restored && derivedForWrite(table, restored, clock.now());
    if (!values) {
      throw new AppError('not_found', {
        sv: 'Raden konflikten gäller är raderad och kan inte tas tillbaka härifrån. Behåll raderingen, eller lägg in raden på nytt med värdet som visas.',
        en: 'The row the conflict is about has been deleted and cannot be brought back from here. Keep the deletion, or enter the row again with the value shown.',
      });
    }
    try {
      rows.upsert(table.name, values, []);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) throw err;
      throw new AppError('conflict', {
        sv: 'Raden kan inte tas tillbaka: det den hör till är också raderat, eller något annat har tagit dess plats. Behåll raderingen.',
        en: 'The row cannot be brought back: what it belongs to has been deleted too, or something else has taken its place. Keep the deletion.',
      });
    }
    recomputeAfterRow(table.name, c.rowId, values, { rows, state, stores: ensureBridge(membership()!).stores, repos });
  }

  function ensureBridge(m: Membership): SyncBridge {
    if (bridge) return bridge;
    bridge = createSyncBridge({ db, repos, clock, uniqueId: m.deviceId, now });
    bridge.onChange((tables) => {
      for (const l of listeners) l(tables);
    });
    bridge.onFailure(() => {
      lastError = { sv: 'En ändring från servern kunde inte sparas; synken börjar om.', en: 'A change from the server could not be saved; sync starts over.' };
      void dropConnection();
    });
    return bridge;
  }

  // The engine's stores are loaded when first needed (a sync, a write), not for a status or the conflict list.

  function countUnsent(captured: number) {
    if (captured > 0) state.setMeta(keys.unsent, String(Number(state.meta(keys.unsent) ?? 0) + captured));
  }

  async function dropConnection() {
    const c = connection;
    connection = null;
    await c?.close().catch(() => undefined);
  }

  async function openConnection(m: Membership): Promise<DeviceConnection> {
    // A connection the server has just ended (a revocation) is not used again even before its
    // socket has closed, and the user hears the server's reason rather than that the socket closed.
    if (connection?.client.isClosed()) {
      const why = connection.client.endedBy();
      await dropConnection();
      if (why) throw why;
    }
    if (connection) return connection;
    const b = ensureBridge(m);
    const { connectDevice } = await import('./device');
    const channel = await connect(m);
    const c = connectDevice(db, b, channel, {
      now: () => clock.now(),
      nowMs: machineMs,
      onClock: (serverMs, localMs) => {
        // Stamps follow the server's clock, so a laptop running behind is not ignored by it.
        offset = serverMs - localMs;
        state.setMeta(keys.clockOffset, String(offset));
      },
      onError: (_code, why) => {
        lastError = why;
      },
    });
    connection = c;
    void c.client.closed.then(() => {
      if (connection === c) connection = null;
      if (closed) return;
      if (!state.meta(keys.offlineSince)) state.setMeta(keys.offlineSince, clock.now());
      scheduleRetry();
    });
    return c;
  }

  async function syncOnce(timeoutMs: number): Promise<SyncResult> {
    const m = membership();
    if (!m) throw notJoined();
    const conflictsBefore = conflictRepo.openCount();
    let c: DeviceConnection;
    try {
      c = await openConnection(m);
    } catch (err) {
      if (!state.meta(keys.offlineSince)) state.setMeta(keys.offlineSince, clock.now());
      lastError = err instanceof AppError ? err.messages : { sv: 'Servern kan inte nås.', en: 'The server cannot be reached.' };
      throw err;
    }
    const before = c.client.traffic();
    let outcome: Awaited<ReturnType<DeviceConnection['syncNow']>>;
    try {
      outcome = await c.syncNow(timeoutMs);
    } catch (err) {
      if (err instanceof AppError) lastError = err.messages;
      throw err;
    }
    const { converged, traffic } = outcome;
    if (converged) {
      const at = clock.now();
      state.setMeta(keys.lastSyncedAt, at);
      state.setMeta(keys.unsent, '0');
      state.deleteMeta(keys.offlineSince);
      lastError = null;
    }
    return {
      sent: traffic.sent - before.sent,
      received: traffic.received - before.received,
      conflicts: Math.max(0, conflictRepo.openCount() - conflictsBefore),
      lastSyncedAt: state.meta(keys.lastSyncedAt) ?? null,
      converged,
    };
  }

  function scheduleRetry() {
    if (!background || closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void runBackground();
    }, retryDelay);
    retryTimer.unref?.();
    retryDelay = Math.min(retryDelay * 2, 5 * 60_000);
  }

  /** A background sync now, or right after the one running (which may have missed the latest write). */
  function confirmSoon() {
    if (!busy) void runBackground();
    else if (!again) {
      again = true;
      void busy
        .catch(() => undefined)
        .finally(() =>
          setTimeout(() => {
            again = false;
            void runBackground();
          }, 0),
        );
    }
  }

  async function runBackground() {
    if (closed || busy || !membership()) return;
    busy = syncOnce(60_000)
      .then((r) => {
        if (r.converged) retryDelay = 2000;
        for (const l of listeners) l([]);
      })
      .catch(() => {
        for (const l of listeners) l([]);
        scheduleRetry();
      })
      .finally(() => (busy = null));
    await busy;
  }

  function status(): SyncStatusValue {
    const m = membership();
    const unsent = Number(state.meta(keys.unsent) ?? 0);
    const offlineSince = state.meta(keys.offlineSince) ?? null;
    return {
      joined: Boolean(m),
      server: m ? { name: m.server.name, url: m.url, fingerprint: m.fingerprint } : null,
      identity: m?.identity ?? null,
      state: !m
        ? 'unjoined'
        : busy
          ? 'syncing'
          : connection && unsent === 0
            ? 'synced'
            : offlineSince && !connection
              ? 'offline'
              : unsent > 0
                ? 'pending'
                : 'synced',
      lastSyncedAt: state.meta(keys.lastSyncedAt) ?? null,
      unsent: unsent + state.outboxCount(),
      offlineSince,
      openConflicts: conflictRepo.openCount(),
      refusals: state.refusals().map((r) => ({ id: r.id, at: r.at, scope: r.scope, tables: r.tables, sv: r.messageSv, en: r.messageEn })),
      lastError,
    };
  }

  return {
    status,
    async join(code) {
      if (membership()) {
        throw new AppError('conflict', {
          sv: 'Databasen är redan ansluten till en server. Lämna den först.',
          en: 'The database is already joined to a server. Leave it first.',
        });
      }
      const m = await (options.exchange ?? (await import('./net/enrol')).exchangeEnrolmentCode)(code);
      db.sqlite.transaction(() => state.setMeta(keys.membership, JSON.stringify(m)))();
      const b = ensureBridge(m);
      b.snapshot();
      return status();
    },
    leave() {
      const m = membership();
      if (!m) throw notJoined();
      void dropConnection();
      background = false;
      db.sqlite.transaction(() => {
        state.setCapturing(false);
        for (const k of Object.values(keys)) state.deleteMeta(k);
      })();
      bridge?.close();
      bridge = null;
    },
    async syncNow(timeoutMs = 60_000) {
      if (busy) await busy.catch(() => undefined);
      const run = syncOnce(timeoutMs);
      busy = run;
      try {
        return await run;
      } finally {
        if (busy === run) busy = null;
      }
    },
    afterWrite() {
      const m = membership();
      if (!m) return;
      const b = ensureBridge(m);
      const captured = connection ? connection.afterLocalWrite() : b.captureLocal();
      countUnsent(captured > 0 ? 1 : 0);
      // Sent at once over a live connection, but counted as waiting until a sync has seen the
      // server agree: in the background, that sync follows the write.
      if (captured > 0 && connection && background) confirmSoon();
    },
    conflicts: (includeResolved) => conflictRepo.list(includeResolved),
    conflictViews: (includeResolved) => conflictRepo.list(includeResolved).map((c) => describeConflict(c, rows, whoIs)),
    resolveConflict(id, choice, by) {
      const c = conflictRepo.get(id);
      if (!c) throw new AppError('not_found', { sv: 'Konflikten finns inte (längre).', en: 'The conflict does not exist (any more).' });
      const table = syncedTableByName.get(c.tbl);
      const cell = table?.parts.flatMap((p) => p.cells).find((x) => x.id === c.cell);
      const raw = choice === 'a' ? c.valueA : c.valueB;
      if (raw === null || c.renamedTo !== null) {
        // Keeping a deletion (the row is already gone everywhere), or taking note of a rename (both
        // rows keep the names every machine gave them): what syncs is the choice.
        db.sqlite.transaction(() => conflictRepo.markResolved(id, clock.now(), by))();
        this.afterWrite();
        return describeConflict(conflictRepo.get(id)!, rows, whoIs);
      }
      const value = raw === null ? null : (JSON.parse(raw) as string | number | null);
      const columns = cell ? columnsOfCell(cell, value) : null;
      if (!table || !columns) throw new AppError('validation', { sv: 'Konflikten kan inte lösas här.', en: 'The conflict cannot be resolved here.' });
      db.sqlite.transaction(() => {
        const key = keyOfRowId(table, c.rowId);
        if (rows.read(table.name, key))
          rows.update(table.name, key, { ...columns, ...(table.local.includes('updated_at') ? { updated_at: clock.now() } : {}) });
        else restoreRow(table, c, value);
        conflictRepo.markResolved(id, clock.now(), by);
      })();
      this.afterWrite();
      return describeConflict(conflictRepo.get(id)!, rows, whoIs);
    },
    dismissRefusal: (id) => state.dismissRefusal(id, clock.now()),
    disconnect: () => dropConnection(),
    startBackground() {
      if (background) return;
      background = true;
      void runBackground();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      background = false;
      if (retryTimer) clearTimeout(retryTimer);
      await dropConnection();
      bridge?.close();
    },
  };
}
