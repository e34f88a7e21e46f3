import type { Result } from '../../src-main/ipc/contract';
import { getToken } from '../app/token';
import { unauthorized, unreachable } from './errors';

export interface Transport {
  call(procedure: string, input: unknown): Promise<Result<unknown>>;
  onChanged(cb: () => void): () => void;
}

/** Electron: the preload's bridge is the whole transport. */
const electronTransport = (bridge: NonNullable<Window['komet']>): Transport => ({
  call: (procedure, input) => bridge.call(procedure, input),
  onChanged: (cb) => bridge.onChanged(cb),
});

/** Browser shell: loopback HTTP with the per-launch bearer token, server-sent events for changes. */
const httpTransport: Transport = {
  async call(procedure, input) {
    let response: Response;
    try {
      response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${getToken() ?? ''}` },
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
    const token = getToken();
    if (!token || typeof EventSource === 'undefined') return () => undefined;
    const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener('changed', cb);
    // A change made while the stream was down was never announced, so a reconnect counts as one.
    let lost = false;
    source.addEventListener('error', () => {
      lost = true;
    });
    source.addEventListener('open', () => {
      if (lost) cb();
      lost = false;
    });
    return () => source.close();
  },
};

export const transport: Transport = window.komet ? electronTransport(window.komet) : httpTransport;
