import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { serverDeviceRepo, serverMetaRepo } from '../core/repos/sync-server/devices';
import { serverStorageRepo } from '../core/repos/sync-server/storage';
import { createHub, type Hub } from '../core/sync/hub/hub';
import { maxMessageBytes, socketChannel } from '../core/sync/net/pinned';
import { authenticate, EnrolRefused, redeemEnrolment } from './enrolment';
import { openServer } from './server-data';
import { connectUpstream, enrolUpstream, type Upstream } from './upstream';

export interface RunningServer {
  url: string;
  port: number;
  hub: Hub;
  upstream: Upstream | null;
  close(): Promise<void>;
}

export interface ServerOptions {
  dir: string;
  passphrase: string;
  host: string;
  port: number;
  upstream?: { code?: string; url?: string };
  /** One line per event; never personal data. */
  log(line: string): void;
}

const revocationPollMs = 500;

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

function refuseUpgrade(socket: Duplex, status: number, message: { sv: string; en: string }) {
  const body = JSON.stringify(message);
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * `komet server start`: the same program for a unit server and the city server. HTTPS only
 * (the certificate made at `server init`): /healthz, /enrol, and the sync WebSocket at /sync for
 * devices with a credential. With an upstream it also syncs everything it holds to the city.
 */
export async function runServer(options: ServerOptions): Promise<RunningServer> {
  const open = openServer(options.dir, options.passphrase);
  const { sqlite, info } = open;
  const devices = serverDeviceRepo(sqlite);
  const meta = serverMetaRepo(sqlite);
  // A unit server gets its credential from the city before it serves anyone.
  let hasUpstream: boolean;
  try {
    hasUpstream = await enrolUpstream(meta, options.upstream?.code, options.upstream?.url, options.log);
  } catch (err) {
    open.close();
    throw err;
  }
  const storage = serverStorageRepo(sqlite);
  let directory: Record<string, string> = {};
  let upstream: Upstream | null = null;
  const refreshDirectory = () => {
    const before = JSON.stringify(directory);
    directory = Object.fromEntries(devices.devices().map((d) => [d.clientId, d.name]));
    if (JSON.stringify(directory) !== before) upstream?.client()?.announceDirectory(directory);
  };
  refreshDirectory();
  const hub = createHub({ storage, uniqueId: info.serverId, name: info.name, directory: () => directory, log: options.log });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });
  const server = https.createServer({ cert: info.certificate, key: open.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://server');
    if (req.method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (req.method === 'POST' && url.pathname === '/enrol') {
      const body = await readBody(req, 16 * 1024);
      const code = (() => {
        try {
          return body ? (JSON.parse(body.toString('utf8')) as { code?: unknown }).code : null;
        } catch {
          return null;
        }
      })();
      try {
        const redeemed = redeemEnrolment(devices, code);
        refreshDirectory();
        options.log(`enrolled device ${redeemed.deviceId} (${redeemed.identity.role})`);
        return sendJson(res, 200, {
          deviceId: redeemed.deviceId,
          secret: redeemed.secret,
          identity: redeemed.identity,
          server: { id: info.serverId, name: info.name },
        });
      } catch (err) {
        if (err instanceof EnrolRefused) {
          options.log(`refused an enrolment (${err.status})`);
          return sendJson(res, err.status, err.messages);
        }
        throw err;
      }
    }
    sendJson(res, 404, { sv: 'Finns inte.', en: 'Not found.' });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'https://server');
    if (url.pathname !== '/sync') return refuseUpgrade(socket, 403, { sv: 'Fel adress.', en: 'Wrong path.' });
    const device = authenticate(devices, req.headers.authorization);
    if (device === 'revoked') {
      options.log('refused a revoked device');
      return refuseUpgrade(socket, 403, {
        sv: 'Den här datorn har kopplats bort från servern. Be om en ny anslutningskod.',
        en: 'This computer has been disconnected from the server. Ask for a new enrolment code.',
      });
    }
    if (!device) {
      options.log('refused a connection without a valid credential');
      return refuseUpgrade(socket, 401, { sv: 'Servern känner inte igen datorn.', en: 'The server does not recognise this computer.' });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      options.log(`device ${device.deviceId} connected (${device.role})`);
      devices.markSeen(device.deviceId, new Date().toISOString());
      const channel = socketChannel(ws);
      channel.onClose(() => options.log(`device ${device.deviceId} disconnected`));
      hub.attach(channel, device);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `wss://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  meta.set('url', url);

  // Revoking is done by another process (komet server revoke) writing this database.
  const revoked = new Set(devices.revokedIds());
  const poll = setInterval(() => {
    for (const id of devices.revokedIds()) {
      if (revoked.has(id)) continue;
      revoked.add(id);
      options.log(`device ${id} revoked; its connections are closed`);
      hub.disconnect(id, { sv: 'Den här datorn har kopplats bort från servern.', en: 'This computer has been disconnected from the server.' });
    }
    refreshDirectory();
  }, revocationPollMs);
  poll.unref();

  upstream = hasUpstream ? await connectUpstream({ hub, meta, log: options.log, directory: () => directory }) : null;

  return {
    url,
    port,
    hub,
    upstream,
    async close() {
      clearInterval(poll);
      await upstream?.close();
      await hub.close();
      for (const client of wss.clients) client.terminate();
      // A stop does not wait for a client to hang up: a socket still open (a keep-alive health
      // check, a handshake a killed laptop never finished) would otherwise hold the process.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      open.close();
    },
  };
}
