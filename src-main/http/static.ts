import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { containedPath, mimeTypeFor } from '../app/renderer-files';

export const mimeType = mimeTypeFor;

export type StaticLookup = { kind: 'file'; file: string } | { kind: 'missing' } | { kind: 'refused' };

/**
 * Maps a URL path to a file strictly inside `root` (see containedPath); anything that resolves
 * after symlinks outside the root is refused too, never looked up.
 */
export function resolveStaticPath(root: string, urlPath: string): StaticLookup {
  const realRoot = safeRealpath(root);
  const inside = containedPath(realRoot ?? root, urlPath);
  if (!inside) return { kind: 'refused' };
  if (!realRoot) return { kind: 'missing' };
  const real = safeRealpath(inside);
  if (!real) return { kind: 'missing' };
  if (!isInside(realRoot, real)) return { kind: 'refused' };
  return fs.statSync(real).isFile() ? { kind: 'file', file: real } : { kind: 'missing' };
}

const isInside = (root: string, file: string) => file.startsWith(root + path.sep);

function safeRealpath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

const notBuiltPage = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Komet</title></head>
<body><main><h1>Komet är inte byggt</h1><p>Kör <code>npm start</code> eller <code>npm run build</code> först.</p>
<p lang="en">Komet has not been built. Run <code>npm start</code> or <code>npm run build</code> first.</p></main></body></html>`;

/** Serves the built renderer; unknown paths without a file extension get index.html (client routes). */
export function serveStatic(root: string, urlPath: string, method: string, res: ServerResponse, ifNoneMatch?: string): void {
  let found = resolveStaticPath(root, urlPath);
  if (found.kind === 'missing' && !path.extname(urlPath)) found = resolveStaticPath(root, '/');
  if (found.kind !== 'file') {
    const built = resolveStaticPath(root, '/').kind === 'file';
    const notBuilt = found.kind === 'missing' && !built;
    res.statusCode = notBuilt ? 503 : 404;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(notBuilt ? notBuiltPage : '<!doctype html><title>404</title><p>Finns inte / Not found</p>');
    return;
  }
  const file = found.file;
  const stat = fs.statSync(file);
  const page = file.endsWith('.html');
  // The page is small and changes with every build; the assets revalidate, and an asset the
  // browser already holds is answered 304 without its bytes (Chromium asks for the icon again at
  // every navigation inside the page).
  res.setHeader('Cache-Control', page ? 'no-store' : 'no-cache');
  if (!page) {
    const tag = entityTag(stat);
    res.setHeader('ETag', tag);
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === tag || t.trim() === '*')) {
      res.statusCode = 304;
      res.end();
      return;
    }
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', mimeType(file));
  res.setHeader('Content-Length', stat.size);
  if (method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** A build rewrites the file: its size and modification time name the version the browser holds. */
const entityTag = (stat: fs.Stats): string => `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
