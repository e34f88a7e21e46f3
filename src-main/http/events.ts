import type { ServerResponse } from 'node:http';
import type { ChangeEvent } from '../contract';

/**
 * Server-Sent Events for the browser shell: tells open pages that data changed so they refetch.
 * Only the change event travels (names of procedures and entities), never input or output.
 */
export interface EventHub {
  attach(res: ServerResponse): void;
  changed(change: ChangeEvent): void;
  readonly size: number;
  close(): void;
}

const heartbeatMs = 25_000;

export function createEventHub(): EventHub {
  const clients = new Set<ServerResponse>();
  // Comments keep idle connections from being cut by anything that times out quiet sockets.
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': ping\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  return {
    attach(res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write('retry: 2000\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    changed(change) {
      const frame = `event: changed\ndata: ${JSON.stringify(change)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    get size() {
      return clients.size;
    },
    close() {
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
