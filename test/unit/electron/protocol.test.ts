import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSchemes, createAppRequestHandler, mimeTypeFor, registerAppSchemes, resolveInside } from '../../../src-main/electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/security';

// Layout: <tmp>/secret.txt lies beside the served root <tmp>/renderer, as user data would.
let tmp: string;
let root: string;
let serve: (request: Request) => Promise<Response>;
const SECRET = 'personnummer 19800101-0000';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-protocol-'));
  root = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Komet</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  serve = createAppRequestHandler(root);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('app:// request handler', () => {
  it('serves index.html with its MIME type and the CSP header', async () => {
    const response = await get('app://komet/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Komet</title>');
  });

  it('serves the root as index.html and assets with their own types', async () => {
    expect(await (await get('app://komet/')).text()).toContain('<title>Komet</title>');
    const js = await get('app://komet/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://komet/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      'app://komet/..%2Fsecret.txt',
      'app://komet/assets/..%2F..%2Fsecret.txt',
      'app://komet/%2e%2e%2fsecret.txt',
      'app://komet/..%5Csecret.txt',
      'app://komet/../secret.txt',
      'app://komet/assets/link.txt',
      `app://komet/${encodeURIComponent(path.join(tmp, 'secret.txt'))}`,
    ]) {
      const response = await get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain(SECRET);
    }
  });

  it('answers 404 for a missing asset and falls back to index.html for app routes', async () => {
    expect((await get('app://komet/assets/missing.js')).status).toBe(404);
    const route = await get('app://komet/groups/123');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('refuses other hosts and methods that could change anything', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://komet/index.html', 'POST')).status).toBe(405);
    expect((await get('app://komet/index.html', 'PUT')).status).toBe(405);
    const head = await get('app://komet/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses malformed escapes and NUL bytes', async () => {
    expect((await get('app://komet/%E0%A4%A')).status).toBe(403);
    expect((await get('app://komet/index.html%00.js')).status).toBe(403);
  });
});

describe('path resolution', () => {
  it('keeps every resolved path inside the root', () => {
    expect(resolveInside('/srv/r', '/index.html')).toBe(path.resolve('/srv/r/index.html'));
    expect(resolveInside('/srv/r', '/')).toBe(path.resolve('/srv/r/index.html'));
    expect(resolveInside('/srv/r', '/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveInside('/srv/r', '/%2E%2E')).toBeNull();
    expect(resolveInside('/srv/r', '/..%5C..%5Cwindows')).toBeNull();
    expect(resolveInside('/srv/r', '/../r-sibling/x')).toBeNull();
  });

  it('knows the MIME types a Vite build emits', () => {
    expect(mimeTypeFor('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('scheme registration', () => {
  it('registers app:// as standard and secure without bypassing CSP', () => {
    const registered: unknown[] = [];
    registerAppSchemes({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual(appSchemes);
    const [scheme] = appSchemes;
    expect(scheme?.scheme).toBe('app');
    expect(scheme?.privileges).toMatchObject({ standard: true, secure: true });
    expect(scheme?.privileges?.bypassCSP).toBeFalsy();
    expect(scheme?.privileges?.corsEnabled).toBeFalsy();
    expect(scheme?.privileges?.allowServiceWorkers).toBeFalsy();
  });
});
