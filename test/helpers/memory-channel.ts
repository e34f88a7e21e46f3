import type { Channel } from '../../src-main/core/sync/protocol';

/**
 * Two ends of an in-memory channel: messages arrive later and through JSON, as over a socket.
 * `cut()` drops the connection from outside (a network gone, a process killed).
 */
export function channelPair(): { client: Channel; server: Channel; cut(): void } {
  type End = { listeners: ((m: unknown) => void)[]; closers: ((reason: string) => void)[] };
  const ends: [End, End] = [
    { listeners: [], closers: [] },
    { listeners: [], closers: [] },
  ];
  let open = true;
  const shut = (reason: string) => {
    if (!open) return;
    open = false;
    setImmediate(() => {
      for (const e of ends) for (const c of e.closers) c(reason);
    });
  };
  const end = (me: 0 | 1): Channel => ({
    send(message) {
      if (!open) throw new Error('closed');
      const copy = JSON.parse(JSON.stringify(message)) as unknown;
      setImmediate(() => {
        if (open) for (const l of ends[1 - me]!.listeners) l(copy);
      });
    },
    onMessage: (l) => void ends[me].listeners.push(l),
    onClose: (l) => void ends[me].closers.push(l),
    close: (_code, reason) => shut(reason ?? 'closed'),
  });
  return { client: end(0), server: end(1), cut: () => shut('cut') };
}
