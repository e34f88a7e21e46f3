import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KometGate } from '../app/gate-common';
import type { ErrorShape } from '../core/errors';
import { contract, isProcedureName } from '../ipc/contract';
import { createEventHub } from './events';
import { bearerToken, forbidden, hostAllowed, originAllowed, tokenMatches, unauthorized } from './guards';
import { serveStatic } from './static';

/** Same policy as the Electron shell: nothing but our own files, no inline code, no framing. */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export const maxBodyBytes = 1024 * 1024;

export interface BrowserShellOptions {
  /** The gate (or, in tests, a bare app): anything that answers calls the way the router does. */
  app: Pick<KometGate, 'call'> & Partial<Pick<KometGate, 'onChange'>>;
  /** 0 (the default) picks a free port. */
  port?: number;
  rendererDir: string;
}

export interface BrowserShell {
  /** http://127.0.0.1:PORT/#token=…, the fragment never reaches a server log or a Referer. */
  url: string;
  port: number;
  /** Where the socket is bound; always 127.0.0.1. */
  address: AddressInfo;
  token: string;
  close(): Promise<void>;
}

const badRequest = (sv: string, en: string): ErrorShape => ({ code: 'validation', message: { sv, en } });

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

const sendError = (res: ServerResponse, status: number, error: ErrorShape) => sendJson(res, status, { ok: false, error });

/** Reads the body up to the limit; null when it is larger (the rest is not read). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseCall(body: Buffer): { procedure: string; input: unknown } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { procedure, input } = parsed as { procedure?: unknown; input?: unknown };
  return typeof procedure === 'string' ? { procedure, input } : null;
}

/**
 * The browser shell: the same router as the Electron shell behind loopback HTTP. Every API call
 * needs the per-launch token; Host and Origin checks stop other sites and DNS rebinding.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { app, rendererDir } = options;
  const token = randomBytes(32).toString('base64url');
  const events = createEventHub();
  // Lock and unlock happen without a call too (idle timer): open pages re-read vault.status.
  const unsubscribe = app.onChange?.((procedure) => events.changed(procedure));
  let port = 0;

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === null) {
      res.setHeader('Connection', 'close');
      sendError(res, 413, badRequest('Förfrågan är för stor.', 'The request is too large.'));
      return;
    }
    const call = parseCall(body);
    if (!call) {
      sendError(res, 400, badRequest('Förfrågan kunde inte läsas.', 'The request could not be read.'));
      return;
    }
    const result = await app.call(call.procedure, call.input, { shell: 'browser' });
    if (result.ok && isProcedureName(call.procedure) && contract[call.procedure].writes) events.changed(call.procedure);
    sendJson(res, 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');

    if (!hostAllowed(req, port) || !originAllowed(req, port)) return sendError(res, 403, forbidden);

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      if (url.pathname === '/api/call') {
        if (!tokenMatches(bearerToken(req), token)) return sendError(res, 401, unauthorized);
        if (method !== 'POST') {
          res.setHeader('Allow', 'POST');
          return sendError(res, 405, badRequest('Fel metod.', 'Method not allowed.'));
        }
        return handleCall(req, res);
      }
      if (url.pathname === '/api/events') {
        // EventSource cannot set headers, so the token may come as a query parameter here.
        if (!tokenMatches(bearerToken(req) ?? url.searchParams.get('token'), token)) return sendError(res, 401, unauthorized);
        if (method !== 'GET') return sendError(res, 405, badRequest('Fel metod.', 'Method not allowed.'));
        return events.attach(res);
      }
      return sendError(res, 404, { code: 'not_found', message: { sv: 'Finns inte.', en: 'Not found.' } });
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, 405, badRequest('Fel metod.', 'Method not allowed.'));
    }
    serveStatic(rendererDir, url.pathname, method, res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never echo the error: it could quote data from the request or the database.
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: { sv: 'Internt fel.', en: 'Internal error.' } });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    address,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe?.();
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
