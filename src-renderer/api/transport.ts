import type { Result } from '@contract';
import { readChange, type Change } from './change-scope';
import { unauthorized, unreachable } from './errors';

export interface Transport {
  call(procedure: string, input: unknown): Promise<Result<unknown>>;
  onChanged(cb: (change: Change) => void): () => void;
}

/** Electron: the preload's bridge is the whole transport. */
const electronTransport = (bridge: NonNullable<Window['komet']>): Transport => ({
  call: (procedure, input) => bridge.call(procedure, input),
  onChanged: (cb) => bridge.onChanged((change) => cb(readChange(change))),
});

/**
 * The browser shell's change stream: one per page, shared by every listener, open while any
 * listens. A change made before the stream was open, or while it was down, was never announced,
 * so each time it opens counts as a change too.
 */
const changeListeners = new Set<(change: Change) => void>();
let changeStream: EventSource | null = null;
const announce = (change: Change) => {
  for (const listener of [...changeListeners]) listener(change);
};

/**
 * Browser shell: loopback HTTP, server-sent events for changes. Both are same-origin requests,
 * so the browser adds the session cookie the launch address set; the page never sees it
 * (HttpOnly) and nothing secret is in its address, so a reload keeps working.
 */
const httpTransport: Transport = {
  async call(procedure, input) {
    let response: Response;
    try {
      response = await fetch('/api/call', {
        method: 'POST',
        // The server allows a larger body for the procedures that carry a file, named here.
        headers: { 'Content-Type': 'application/json', 'X-Komet-Procedure': procedure },
        body: JSON.stringify({ procedure, input }),
      });
    } catch {
      return { ok: false, error: unreachable().toShape() };
    }
    if (response.status === 401) return { ok: false, error: unauthorized().toShape() };
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: unreachable().toShape() };
    }
  },
  onChanged(cb) {
    if (typeof EventSource === 'undefined') return () => undefined;
    changeListeners.add(cb);
    if (!changeStream) {
      changeStream = new EventSource('/api/events');
      changeStream.addEventListener('changed', (message) => announce(readChange(message.data)));
      changeStream.addEventListener('open', () => announce(null));
    }
    return () => {
      changeListeners.delete(cb);
      if (changeListeners.size > 0) return;
      changeStream?.close();
      changeStream = null;
    };
  },
};

export const transport: Transport = window.komet ? electronTransport(window.komet) : httpTransport;
