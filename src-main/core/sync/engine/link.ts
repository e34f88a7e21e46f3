import { createCustomSynchronizer, type Receive, type Synchronizer } from 'tinybase/synchronizers';
import { applyRemote, engineUndefined, fromEngineTables, type RemoteHooks, type ScopeStore } from './scope-store';

/**
 * One scope's sync with one peer over a channel we own: TinyBase's own protocol (content hashes,
 * then table, row and cell diffs, then the changes themselves), carried as opaque frames. Every
 * change the peer sends goes through the store's remote hooks before the engine applies it, so a
 * server can refuse a device's write whole and both sides learn what changed.
 */
export interface ScopeLink {
  readonly scope: string;
  /** Exchanges everything the two sides lack, then keeps sending each local change as it happens. */
  start(): Promise<void>;
  /** Hands a frame from the peer to the protocol. */
  receive(frame: unknown): void;
  stop(): Promise<void>;
  /** Compares content again from the start, both ways (after a request timed out). */
  resync(): Promise<void>;
  stats(): { sends: number; receives: number };
}

/** A frame on the wire: the protocol's own four fields. */
export type LinkFrame = [requestId: string | null, message: number, body: unknown];

const peerId = 'peer';

export interface LinkOptions {
  hooks?: RemoteHooks;
  /** Seconds a protocol request may wait for its answer before the sync of this scope gives up. */
  timeoutSeconds?: number;
  /** A refusal (thrown by the before hook) or an engine error; the link keeps running. */
  onError?(error: unknown): void;
}

/** Replaces undefined (a deleted cell) by the engine's marker so a frame survives JSON. */
export const encodeFrameBody = (body: unknown): unknown =>
  body === undefined ? engineUndefined : Array.isArray(body) ? body.map(encodeFrameBody) : isPlainObject(body) ? mapValues(body, encodeFrameBody) : body;
export const decodeFrameBody = (body: unknown): unknown =>
  body === engineUndefined ? undefined : Array.isArray(body) ? body.map(decodeFrameBody) : isPlainObject(body) ? mapValues(body, decodeFrameBody) : body;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function mapValues(obj: Record<string, unknown>, fn: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(obj)) out[key] = fn(obj[key]);
  return out;
}

export function createScopeLink(store: ScopeStore, send: (frame: LinkFrame) => void, options: LinkOptions = {}): ScopeLink {
  const engine = store.engine;
  const [hadMutated, getContent, getChanges, setContent, applyChanges] = (engine as unknown as { __: unknown }).__ as [
    () => number,
    () => unknown,
    (withHashes?: boolean) => unknown,
    (content: unknown) => unknown,
    (changes: unknown) => unknown,
  ];
  /**
   * The synchronizer applies what it receives through these two internal entry points of the
   * store (TinyBase 10.0.1, pinned); the wrapper routes both through the remote hooks.
   */
  // Never throws: a throw here would surface as an unhandled rejection inside the synchronizer.
  const guardedApply = (changes: unknown) => {
    const incoming = Array.isArray(changes) ? fromEngineTables(changes[0]) : null;
    if (!incoming) {
      options.onError?.(new Error('malformed changes'));
      return engine;
    }
    try {
      applyRemote(store, incoming, () => applyChanges(changes), options.hooks ?? {});
    } catch (err) {
      options.onError?.(err);
    }
    return engine;
  };
  const refuseContent = (_content: unknown) => {
    options.onError?.(new Error('whole-store content is not accepted from a peer'));
    return engine;
  };
  const guarded = Object.freeze({ ...engine, __: [hadMutated, getContent, getChanges, refuseContent, guardedApply] });
  void setContent;

  let receive: Receive | null = null;
  let failPending: ((error: Error) => void) | null = null;
  let stopped = false;
  const synchronizer: Synchronizer = createCustomSynchronizer(
    guarded as unknown as typeof engine,
    (_to, requestId, message, body) => send([requestId, message, encodeFrameBody(body)]),
    (r, fail) => {
      receive = r;
      failPending = fail;
    },
    () => undefined,
    options.timeoutSeconds ?? 60,
    undefined,
    undefined,
    (error: unknown) => {
      // What fails because the link is stopping is no error of the peer's.
      if (!stopped) options.onError?.(error);
    },
  );

  return {
    scope: store.scope,
    async start() {
      await synchronizer.startSync();
    },
    receive(frame) {
      if (!Array.isArray(frame) || frame.length !== 3) {
        options.onError?.(new Error('malformed frame'));
        return;
      }
      const [requestId, message, body] = frame as LinkFrame;
      receive?.(peerId, requestId, message as never, decodeFrameBody(body));
    },
    async stop() {
      stopped = true;
      // The synchronizer's destroy waits for the exchange in progress before it gives up the
      // requests still unanswered, and an exchange waits for its answer up to timeoutSeconds:
      // a peer gone mid-exchange (a laptop killed mid-sync) kept the stop, and the request's
      // timer with it (keeping a stopped server's process alive), for that long. Nothing more
      // will come over this link, so its requests fail now and the exchange ends at once.
      failPending?.(new Error('link stopped'));
      await synchronizer.destroy();
    },
    async resync() {
      await synchronizer.load();
      await synchronizer.save();
    },
    stats: () => synchronizer.getSynchronizerStats(),
  };
}
