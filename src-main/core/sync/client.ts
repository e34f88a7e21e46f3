import { randomUUID } from 'node:crypto';
import { AppError, type Bilingual } from '../errors';
import { countCells } from './changes';
import { createScopeLink, encodeFrameBody, type ScopeLink } from './engine/link';
import { fromEngineTables, toEngineChanges, type RemoteHooks } from './engine/scope-store';
import { parseServerMessage, protocolVersion, type Channel, type ServerMessage } from './protocol';
import type { StoreSet } from './store-set';

export type Welcome = Extract<ServerMessage, { t: 'welcome' }>;
export type Refusal = Extract<ServerMessage, { t: 'refused' }>;

export interface ClientOptions {
  stores: StoreSet;
  hooksFor(scope: string): RemoteHooks;
  /** Scopes this node has no right to hold any more are dropped (the server said so). */
  onClosed?(scope: string, why: Bilingual): void;
  onRefused?(refusal: Refusal): void;
  onWelcome?(welcome: Welcome): void;
  onError?(code: string, why: Bilingual): void;
  /** A unit server's own devices, told to the city with the greeting (stamp client id → name). */
  directory?(): Record<string, string>;
  /** The server's clock is known: stamps from now on follow it. */
  onClock?(serverMs: number, localMs: number): void;
  /** This machine's clock in milliseconds. */
  nowMs?(): number;
  timeoutSeconds?: number;
}

/** Cells the protocol moved in one direction (what went into frames, whether new to the other side or not). */
export interface Traffic {
  sent: number;
  received: number;
}

/**
 * A node's side of one connection to its server: greets it, opens every scope it may hold and
 * every scope it holds, and keeps them synced until the connection closes. Used by laptops and
 * by a unit server towards the city.
 */
export interface SyncClient {
  readonly welcome: Promise<Welcome>;
  /** Resolves once every scope is open and has exchanged what it lacked at opening. */
  ready(): Promise<void>;
  /** Waits until the server holds exactly what this node holds in every open scope; false on timeout. */
  converged(timeoutMs: number): Promise<boolean>;
  /** Opens a scope that appeared here after connecting (a group made on this machine). */
  open(scope: string): void;
  /** Tells the server this unit server's directory again (a device was enrolled or revoked here). */
  announceDirectory(directory: Record<string, string>): void;
  openScopes(): string[];
  traffic(): Traffic;
  /** True once the connection is over (closed, or the server has said why it is ending it). */
  isClosed(): boolean;
  /** Why the server ended the connection, in its own words; null if it did not say. */
  endedBy(): AppError | null;
  close(): Promise<void>;
  readonly closed: Promise<string>;
}

const connectionLost = (): Bilingual => ({
  sv: 'Anslutningen till servern bröts. Ändringarna ligger kvar och skickas nästa gång.',
  en: 'The connection to the server was lost. The changes are kept and sent next time.',
});

export function startSyncClient(channel: Channel, options: ClientOptions): SyncClient {
  const links = new Map<string, ScopeLink>();
  const uploads = new Map<string, Promise<void>>();
  const uploadWaiters = new Map<string, () => void>();
  const starting = new Map<string, Promise<void>>();
  const requested = new Set<string>();
  const traffic: Traffic = { sent: 0, received: 0 };
  const hashWaiters = new Map<string, (h: Record<string, [number, number]>, waiting: string[]) => void>();
  const closedScopes = new Set<string>();
  let resolveWelcome!: (w: Welcome) => void;
  let rejectWelcome!: (err: Error) => void;
  const welcome = new Promise<Welcome>((resolve, reject) => {
    resolveWelcome = resolve;
    rejectWelcome = reject;
  });
  welcome.catch(() => undefined);
  let resolveClosed!: (reason: string) => void;
  const closed = new Promise<string>((r) => (resolveClosed = r));
  let isClosed = false;
  const nowMs = options.nowMs ?? Date.now;
  /** What the server said when it ended the connection; it arrives just before the close itself. */
  let ending: { code: string; why: Bilingual } | null = null;

  /** The error an operation on an ended connection fails with: the server's own words if it gave any. */
  const endedError = () => (ending ? new AppError(ending.code === 'revoked' ? 'unauthorized' : 'io', ending.why) : new AppError('io', connectionLost()));

  function send(message: object) {
    if (isClosed) throw endedError();
    try {
      channel.send(message);
    } catch {
      throw endedError();
    }
  }

  const countFrame = (body: unknown) => {
    if (!Array.isArray(body)) return 0;
    // A change or a table or row diff starts with the tables' stamp; a cell diff (the answer
    // that carries a changed field of a row both sides hold) is the tables' stamp itself.
    const tables = fromEngineTables(Array.isArray(body[0]) ? body[0] : body);
    return tables ? countCells(tables) : 0;
  };

  function request(scope: string) {
    if (requested.has(scope) || isClosed) return;
    requested.add(scope);
    send({ t: 'open', s: scope });
  }

  /** Sends everything the scope holds here; the server merges what is new to it. */
  function upload(scope: string) {
    const store = options.stores.get(scope);
    if (!store || isClosed) return;
    const id = randomUUID();
    const changes = store.content();
    traffic.sent += countCells(changes);
    const done = new Promise<void>((resolve) => {
      uploadWaiters.set(id, resolve);
      void closed.then(() => resolve());
    }).finally(() => uploadWaiters.delete(id));
    uploads.set(scope, done);
    send({ t: 'upload', id, s: scope, changes: encodeFrameBody(toEngineChanges(changes)) });
  }

  function startLink(scope: string) {
    if (links.has(scope)) return;
    const store = options.stores.ensure(scope);
    const link = createScopeLink(
      store,
      (f) => {
        // A link still answering after the end has no one to answer to.
        if (isClosed) return;
        if (f[1] === 3 || f[1] === 0) traffic.sent += countFrame(f[2]);
        send({ t: 'f', s: scope, f });
      },
      { hooks: options.hooksFor(scope), timeoutSeconds: options.timeoutSeconds ?? 60 },
    );
    links.set(scope, link);
    starting.set(
      scope,
      link.start().catch(() => undefined),
    );
  }

  channel.onClose((reason) => {
    isClosed = true;
    rejectWelcome(endedError());
    for (const link of links.values()) void link.stop();
    resolveClosed(reason);
  });

  channel.onMessage((raw) => {
    const msg = parseServerMessage(raw);
    if (!msg) return;
    switch (msg.t) {
      case 'welcome':
        options.onClock?.(msg.clock, nowMs());
        options.onWelcome?.(msg);
        resolveWelcome(msg);
        for (const s of new Set([...msg.scopes, ...options.stores.scopes()])) request(s);
        return;
      case 'opened':
        startLink(msg.s);
        return;
      case 'upload-only':
        upload(msg.s);
        return;
      case 'uploaded':
        uploadWaiters.get(msg.id)?.();
        return;
      case 'closed': {
        closedScopes.add(msg.s);
        const link = links.get(msg.s);
        links.delete(msg.s);
        void link?.stop();
        options.onClosed?.(msg.s, { sv: msg.sv, en: msg.en });
        return;
      }
      case 'scopes':
        for (const s of msg.add) request(s);
        return;
      case 'f':
        if (msg.f[1] === 3 || msg.f[1] === 0) traffic.received += countFrame(msg.f[2]);
        links.get(msg.s)?.receive(msg.f);
        return;
      case 'refused':
        options.onRefused?.(msg);
        return;
      case 'hashes':
        hashWaiters.get(msg.id)?.(msg.h, msg.waiting);
        return;
      case 'error':
        // The server closes the connection right after this; nothing sent from now on would arrive.
        ending = { code: msg.code, why: { sv: msg.sv, en: msg.en } };
        isClosed = true;
        rejectWelcome(endedError());
        options.onError?.(msg.code, ending.why);
        return;
    }
  });

  send({ t: 'hello', v: protocolVersion, clock: nowMs(), scopes: options.stores.scopes() });
  // Before any change goes up, so the city can name who made each one it receives from here.
  if (options.directory) send({ t: 'directory', d: options.directory() });

  async function settled() {
    // Opening can chain (a new group's scope makes another offer), so wait until nothing is pending.
    for (let round = 0; round < 50; round++) {
      const pending = [...starting.values(), ...uploads.values()];
      await Promise.all(pending);
      const unanswered = [...requested].filter((s) => !links.has(s) && !uploads.has(s));
      if (pending.length === starting.size + uploads.size && !unanswered.length) return;
      if (unanswered.length) await new Promise((r) => setTimeout(r, 5));
    }
  }

  return {
    welcome,
    closed,
    async ready() {
      await welcome;
      await settled();
    },
    async converged(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let rounds = 0;
      while (!isClosed && Date.now() < deadline) {
        await settled();
        const id = randomUUID();
        const answer = await new Promise<{ h: Record<string, [number, number]>; waiting: string[] } | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), Math.max(100, deadline - Date.now()));
          hashWaiters.set(id, (h, waiting) => {
            clearTimeout(timer);
            resolve({ h, waiting });
          });
          send({ t: 'hashes', id });
        });
        hashWaiters.delete(id);
        if (!answer) break;
        const theirs = answer.h;
        // Every scope asked for is open, uploaded, refused, or one the server says may not be held yet.
        const waiting = new Set(answer.waiting);
        const unsettled = [...requested].filter((s) => !links.has(s) && !uploads.has(s) && !closedScopes.has(s) && !waiting.has(s));
        if (unsettled.length) {
          await new Promise((r) => setTimeout(r, 10));
          continue;
        }
        const differ = [...links.keys()].filter((s) => {
          const mine = options.stores.get(s)?.hashes();
          return !mine || !theirs[s] || mine[0] !== theirs[s][0] || mine[1] !== theirs[s][1];
        });
        if (!differ.length) return true;
        // A request that timed out leaves a difference nothing else will pick up: compare again.
        if (++rounds % 20 === 0)
          await Promise.all(
            differ.map((s) =>
              links
                .get(s)
                ?.resync()
                .catch(() => undefined),
            ),
          );
        await new Promise((r) => setTimeout(r, 10));
      }
      if (isClosed) throw endedError();
      return false;
    },
    open(scope) {
      // A scope this node may only upload to takes each new change by a fresh upload.
      if (uploads.has(scope)) upload(scope);
      else request(scope);
    },
    announceDirectory(directory) {
      try {
        if (!isClosed) send({ t: 'directory', d: directory });
      } catch {
        // The connection ended; the next one greets with the directory as it is then.
      }
    },
    openScopes: () => [...links.keys()],
    traffic: () => ({ ...traffic }),
    isClosed: () => isClosed,
    endedBy: () => (ending ? endedError() : null),
    async close() {
      isClosed = true;
      for (const link of links.values()) await link.stop();
      links.clear();
      channel.close(1000, 'done');
    },
  };
}
