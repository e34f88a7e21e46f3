import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

/**
 * `app://` is standard (real origin, relative URLs), secure (like https, so no mixed-content
 * downgrade) and fetch-capable. It does not bypass CSP and has no CORS or service-worker rights.
 */
export const appSchemes: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
];

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * Maps a request path to a file inside `root`, or null when it would leave it. Percent-decoding
 * happens before the containment check, so `..%2F` and `%5C` tricks resolve and are caught.
 */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded.replace(/\\/g, '/').replace(/^\/+/, '');
  const resolved = path.resolve(root, relative === '' ? 'index.html' : relative);
  const base = path.resolve(root);
  return resolved === base || !resolved.startsWith(base + path.sep) ? null : resolved;
}

async function readRegularFile(file: string, realRoot: string): Promise<Buffer | null> {
  try {
    // A symlink inside the build output must not lead outside it.
    const real = await fs.realpath(file);
    if (!real.startsWith(realRoot + path.sep)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? await fs.readFile(real) : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built renderer from `root`. Only GET/HEAD on our host; unknown extension-less paths
 * fall back to index.html so client-side routes survive a reload; missing assets are 404.
 */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad Request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return plain(404, 'Not Found');
    const file = resolveInside(root, url.pathname);
    if (!file) return plain(403, 'Forbidden');
    realRoot ??= fs.realpath(root).catch(() => path.resolve(root));
    const rootReal = await realRoot;
    let served = file;
    let body = await readRegularFile(file, rootReal);
    if (!body && path.extname(file) === '') {
      served = path.join(root, 'index.html');
      body = await readRegularFile(served, rootReal);
    }
    if (!body) return plain(404, 'Not Found');
    const headers = {
      ...securityHeaders,
      'Content-Type': mimeTypeFor(served),
      'Cache-Control': 'no-store',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Must run before `app` is ready: privileges cannot be granted later. */
export function registerAppSchemes(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged(appSchemes);
}

/** Must run after `app` is ready. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root));
}
