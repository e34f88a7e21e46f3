import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '../app/runtime';
import { contentSecurityPolicy } from '../app/renderer-files';
import type { ErrorShape } from '../core/errors';
import { commonErrors } from '../contract/errors';
import { createEventHub } from './events';
import { bearerToken, cookieValue, forbidden, hostAllowed, originAllowed, sessionCookie, sessionCookieName, tokenMatches, unauthorized } from './guards';
import { createSessions } from './sessions';
import { serveStatic } from './static';

export { contentSecurityPolicy };

export const maxBodyBytes = 1024 * 1024;
/**
 * A spreadsheet to import travels in the call as base64 (20 MB become about 27 MB). Only the
 * import procedures get the larger allowance: the page names the procedure in a header before the
 * body is read, and the body must then call that very procedure.
 */
export const maxUploadBodyBytes = 28 * 1024 * 1024 + 64 * 1024;
const uploadProcedures = new Set(['imports.preview', 'imports.commit']);
export const procedureHeader = 'x-komet-procedure';

export interface BrowserShellOptions {
  /** The runtime (or, in tests, one open database): answers calls and reports committed changes. */
  app: Pick<Runtime, 'call'> & Partial<Pick<Runtime, 'events'>>;
  /** 0 (the default) picks a free port. */
  port?: number;
  rendererDir: string;
  /** How long a launch address stays usable; two minutes unless given. */
  launchTtlMs?: number;
  /** Milliseconds since the epoch; replaceable so a test can let a launch address expire. */
  now?: () => number;
}

export const defaultLaunchTtlMs = 2 * 60_000;

export interface BrowserShell {
  /** http://127.0.0.1:PORT/: carries nothing secret; a browser that has a session opens Komet here. */
  url: string;
  port: number;
  /** Where the socket is bound; always 127.0.0.1. */
  address: AddressInfo;
  /**
   * A fresh launch address, http://127.0.0.1:PORT/launch?nonce=…: opened once within the launch
   * time it gives that browser a session cookie and redirects to `url`; after that it is worthless.
   */
  launchUrl(): string;
  /**
   * A bearer token for callers inside this process (the tests). It is never printed and never
   * part of a URL; pages authenticate by their session cookie.
   */
  token: string;
  close(): Promise<void>;
}

const badRequest = (sv: string, en: string): ErrorShape => ({ code: 'validation', message: { sv, en } });

const launchRefusedPage = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Komet</title></head>
<body><main><h1>Adressen kan inte användas igen</h1><p>Varje adress till Komet fungerar en gång och bara en kort stund.
Stäng fönstret och starta Komet igen, eller tryck Enter i terminalen där Komet körs för att få en ny adress.</p>
<p lang="en">Each address to Komet works once and only for a short while. Close this window and start Komet again,
or press Enter in the terminal where Komet runs to get a new address.</p></main></body></html>`;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

const sendError = (res: ServerResponse, status: number, error: ErrorShape) => sendJson(res, status, { ok: false, error });

/** Reads the body up to the limit; null when it is larger (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
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
 * needs a session (the cookie a launch address gives) or, from inside this process, the bearer
 * token; Host and Origin checks stop other sites and DNS rebinding.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { app, rendererDir } = options;
  const token = randomBytes(32).toString('base64url');
  const sessions = createSessions({ nonceTtlMs: options.launchTtlMs ?? defaultLaunchTtlMs, now: options.now ?? Date.now });
  const events = createEventHub();
  // Every committed write and every lock change, whichever shell or timer caused it.
  const unsubscribe = app.events?.on((change) => events.changed(change));
  let port = 0;

  const authorised = (req: IncomingMessage) => sessions.isSession(cookieValue(req, sessionCookieName(port))) || tokenMatches(bearerToken(req), token);

  function redirectHome(res: ServerResponse): void {
    res.statusCode = 303;
    res.setHeader('Location', '/');
    res.end();
  }

  function handleLaunch(req: IncomingMessage, res: ServerResponse, nonce: string | null): void {
    res.setHeader('Cache-Control', 'no-store');
    const session = sessions.redeem(nonce);
    if (session) {
      res.setHeader('Set-Cookie', sessionCookie(port, session));
      return redirectHome(res);
    }
    // The same browser opening a spent address again (history, a second click) is already in.
    if (authorised(req)) return redirectHome(res);
    res.statusCode = 401;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(launchRefusedPage);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const named = req.headers[procedureHeader];
    const upload = typeof named === 'string' && uploadProcedures.has(named) ? named : null;
    const body = await readBody(req, upload ? maxUploadBodyBytes : maxBodyBytes);
    if (body === null) {
      res.setHeader('Connection', 'close');
      sendError(res, 413, badRequest('Förfrågan är för stor.', 'The request is too large.'));
      return;
    }
    const call = parseCall(body);
    if (!call || (upload !== null && call.procedure !== upload)) {
      sendError(res, 400, badRequest('Förfrågan kunde inte läsas.', 'The request could not be read.'));
      return;
    }
    sendJson(res, 200, await app.call(call.procedure, call.input, { shell: 'browser' }));
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
        if (!authorised(req)) return sendError(res, 401, unauthorized);
        if (method !== 'POST') {
          res.setHeader('Allow', 'POST');
          return sendError(res, 405, badRequest('Fel metod.', 'Method not allowed.'));
        }
        return handleCall(req, res);
      }
      if (url.pathname === '/api/events') {
        // EventSource sends the session cookie like any same-origin request; nothing goes in the URL.
        if (!authorised(req)) return sendError(res, 401, unauthorized);
        if (method !== 'GET') return sendError(res, 405, badRequest('Fel metod.', 'Method not allowed.'));
        return events.attach(res);
      }
      return sendError(res, 404, { code: 'not_found', message: { sv: 'Finns inte.', en: 'Not found.' } });
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, 405, badRequest('Fel metod.', 'Method not allowed.'));
    }
    if (url.pathname === '/launch') return handleLaunch(req, res, url.searchParams.get('nonce'));
    serveStatic(rendererDir, url.pathname, method, res, req.headers['if-none-match']);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never echo the error: it could quote data from the request or the database.
      if (!res.headersSent) sendError(res, 500, commonErrors.internal);
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
    url: `http://127.0.0.1:${port}/`,
    port,
    address,
    launchUrl: () => `http://127.0.0.1:${port}/launch?nonce=${sessions.issueNonce()}`,
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
