import { createHash } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import WebSocket from 'ws';
import { AppError } from '../../errors';
import type { Channel } from '../protocol';

/**
 * TLS to a Komet server trusted by the fingerprint of its certificate alone. The connection is
 * handed to HTTP (and so to the device credential in its headers) only after the fingerprint
 * matched; any other certificate, a CA-signed one included, is refused.
 */
export const maxMessageBytes = 32 * 1024 * 1024;

export const fingerprintMismatch = () =>
  new AppError('forbidden', {
    sv: 'Servern visade ett annat certifikat än det anslutningskoden anger. Ingenting skickades. Kontrollera adressen eller be om en ny kod.',
    en: 'The server presented a different certificate from the one the enrolment code names. Nothing was sent. Check the address or ask for a new code.',
  });

export const unreachable = (detail: string) =>
  new AppError('io', {
    sv: `Servern kan inte nås (${detail}). Ändringarna ligger kvar och skickas nästa gång.`,
    en: `The server cannot be reached (${detail}). The changes are kept and sent next time.`,
  });

function pinnedConnection(fingerprint: string) {
  return (
    options: { host?: string | null; hostname?: string | null; port?: number | string | null; servername?: string },
    done: (err: Error | null, socket?: tls.TLSSocket) => void,
  ) => {
    const host = options.hostname ?? options.host ?? '127.0.0.1';
    const socket = tls.connect({
      host,
      port: Number(options.port),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      ...(/^[\d.]+$/.test(host) ? {} : { servername: host }),
    });
    socket.once('error', (err) => done(err));
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate(true)?.raw;
      const actual = raw ? createHash('sha256').update(raw).digest('hex') : '';
      if (actual !== fingerprint) {
        socket.destroy();
        done(fingerprintMismatch());
        return;
      }
      done(null, socket);
    });
    return undefined;
  };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

const errorDetail = (err: unknown) =>
  err instanceof AppError ? err : unreachable((err as { code?: string })?.code ?? (err instanceof Error ? err.name : 'error'));

/** A JSON POST to the server; resolves with status and parsed body. */
export function pinnedPost(url: string, fingerprint: string, pathName: string, body: unknown, timeoutMs = 15_000): Promise<{ status: number; body: unknown }> {
  const u = new URL(url.replace(/^wss:/, 'https:'));
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: u.hostname,
        port: u.port || 443,
        path: pathName,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length },
        createConnection: pinnedConnection(fingerprint) as never,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > 1024 * 1024) req.destroy(unreachable('response too large'));
          else chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseJson(Buffer.concat(chunks)) }));
      },
    );
    req.on('timeout', () => req.destroy(unreachable('timeout')));
    req.on('error', (err) => reject(errorDetail(err)));
    req.end(payload);
  });
}

/** Opens the sync WebSocket with the device credential; resolves once it is open. */
export function pinnedSocket(url: string, fingerprint: string, credential: string, timeoutMs = 15_000): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}/sync`, {
      createConnection: pinnedConnection(fingerprint) as never,
      headers: { Authorization: `Bearer ${credential}` },
      maxPayload: maxMessageBytes,
      handshakeTimeout: timeoutMs,
      perMessageDeflate: false,
    });
    let settled = false;
    ws.once('unexpected-response', (_req, res) => {
      settled = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const message = parseJson(Buffer.concat(chunks)) as { sv?: string; en?: string } | null;
        reject(
          new AppError(res.statusCode === 401 || res.statusCode === 403 ? 'unauthorized' : 'io', {
            sv: typeof message?.sv === 'string' ? message.sv : `Servern vägrade anslutningen (${res.statusCode}).`,
            en: typeof message?.en === 'string' ? message.en : `The server refused the connection (${res.statusCode}).`,
          }),
        );
        ws.terminate();
      });
    });
    ws.once('error', (err) => {
      if (!settled) {
        settled = true;
        reject(errorDetail(err));
      }
    });
    ws.once('open', () => {
      settled = true;
      resolve(socketChannel(ws));
    });
  });
}

/** A ws WebSocket as a JSON message channel. */
export function socketChannel(ws: WebSocket): Channel {
  const closers: ((reason: string) => void)[] = [];
  ws.on('close', (code, reason) => {
    for (const c of closers) c(reason.toString() || String(code));
  });
  ws.on('error', () => undefined);
  return {
    send(message) {
      if (ws.readyState !== WebSocket.OPEN) throw new Error('closed');
      ws.send(JSON.stringify(message));
    },
    onMessage(listener) {
      ws.on('message', (data: Buffer, isBinary) => {
        if (isBinary) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.toString('utf8'));
        } catch {
          parsed = undefined;
        }
        listener(parsed);
      });
    },
    onClose: (l) => void closers.push(l),
    close(code = 1000, reason = '') {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, reason);
    },
  };
}
