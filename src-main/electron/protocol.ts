import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { containedPath, mimeTypeFor } from '../app/renderer-files';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

/**
 * `app://` is standard (real origin, relative URLs), secure (like https, so no mixed-content
 * downgrade) and fetch-capable. It does not bypass CSP and has no CORS or service-worker rights.
 */
export const appSchemes: CustomScheme[] = [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }];

export { mimeTypeFor };

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const plain = (status: number, text: string) => new Response(text, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

/** The request path's file inside `root`, or null when it would leave it (see containedPath). */
export const resolveInside = (root: string, pathname: string): string | null => containedPath(root, pathname);

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
