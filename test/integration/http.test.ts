import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKomet, type KometApp } from '../../src-main/app/komet-app';
import { contentSecurityPolicy, startBrowserShell, type BrowserShell } from '../../src-main/http/server';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw requests, because fetch would normalise `..` away and refuses to set Host or Origin. */
function request(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let dir: string;
let rendererDir: string;
let app: KometApp;
let shell: BrowserShell;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-http-'));
  rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Komet</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  app = startKomet({ dataDir: path.join(dir, 'data'), shell: 'test' });
  shell = await startBrowserShell({ app, port: 0, rendererDir });
});

afterEach(async () => {
  await shell.close();
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const host = () => `127.0.0.1:${shell.port}`;
const call = (body: unknown, headers: Record<string, string> = {}) =>
  request(shell.port, {
    method: 'POST',
    path: '/api/call',
    headers: { Host: host(), 'Content-Type': 'application/json', Authorization: `Bearer ${shell.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Opens a launch address as a browser would; returns the response and the cookie it set. */
async function launch(target: BrowserShell = shell, launchUrl = target.launchUrl(), headers: Record<string, string> = {}) {
  const url = new URL(launchUrl);
  const res = await request(target.port, { path: `${url.pathname}${url.search}`, headers: { Host: `127.0.0.1:${target.port}`, ...headers } });
  const setCookie = res.headers['set-cookie'] ?? [];
  return { res, setCookie, cookie: setCookie[0]?.split(';')[0] ?? '' };
}

describe('browser shell', () => {
  it('listens on 127.0.0.1 only and its address carries no secret', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/`);
    expect(shell.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(shell.launchUrl()).not.toContain(shell.token);
    expect(shell.address).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: shell.port });
  });

  it('cannot be reached on any other interface of this machine', async () => {
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        http
          .get({ host: address, port: shell.port, path: '/', timeout: 2000 }, () => resolve('answered'))
          .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
          .on('timeout', () => resolve('timeout'));
      });
      expect(outcome, address).not.toBe('answered');
    }
  });

  it('uses a fresh token on every launch', async () => {
    const second = await startBrowserShell({ app, port: 0, rendererDir });
    try {
      expect(second.token).not.toBe(shell.token);
      const res = await request(second.port, {
        method: 'POST',
        path: '/api/call',
        headers: { Host: `127.0.0.1:${second.port}`, Authorization: `Bearer ${shell.token}` },
        body: JSON.stringify({ procedure: 'app.info' }),
      });
      expect(res.status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('runs a call through the router as the browser shell', async () => {
    const res = await call({ procedure: 'app.info', input: {} });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const result = JSON.parse(res.body) as { ok: boolean; value: { shell: string; dataDir: string } };
    expect(result.ok).toBe(true);
    expect(result.value.dataDir).toBe(app.dataDir);
  });

  it('returns the seeded programmes over HTTP', async () => {
    const res = await call({ procedure: 'programmes.list', input: {} });
    const result = JSON.parse(res.body) as { ok: true; value: { name: string }[] };
    expect(result.ok).toBe(true);
    expect(result.value.length).toBeGreaterThanOrEqual(5);
    expect(result.value.map((p) => p.name).join('|')).toMatch(/3.11/);
  });

  it('answers 200 with a typed error for unknown procedures and bad input', async () => {
    const unknown = await call({ procedure: 'nope.nothing', input: {} });
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });

    const invalid = await call({ procedure: 'units.create', input: { name: '', kind: 'district' } });
    expect(invalid.status).toBe(200);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses calls without the token or with a wrong one (401)', async () => {
    const without = await call({ procedure: 'app.info' }, { Authorization: '' });
    expect(without.status).toBe(401);
    expect(JSON.parse(without.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await call({ procedure: 'app.info' }, { Authorization: `Bearer ${shell.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const notBearer = await call({ procedure: 'app.info' }, { Authorization: shell.token });
    expect(notBearer.status).toBe(401);
  });

  it('refuses a foreign Host or Origin (403), even with the token', async () => {
    expect((await call({ procedure: 'app.info' }, { Host: `evil.example:${shell.port}` })).status).toBe(403);
    expect((await call({ procedure: 'app.info' }, { Host: `127.0.0.1:${shell.port + 1}` })).status).toBe(403);
    expect((await call({ procedure: 'app.info' }, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call({ procedure: 'app.info' }, { Origin: `http://127.0.0.1:${shell.port + 1}` })).status).toBe(403);
    expect((await call({ procedure: 'app.info' }, { Origin: 'null' })).status).toBe(403);
    const foreignPage = await request(shell.port, { path: '/', headers: { Host: 'rebound.example' } });
    expect(foreignPage.status).toBe(403);
  });

  it('accepts its own origins under both host names', async () => {
    const viaLocalhost = await call({ procedure: 'app.info' }, { Host: `localhost:${shell.port}`, Origin: `http://localhost:${shell.port}` });
    expect(viaLocalhost.status).toBe(200);
    const viaIp = await call({ procedure: 'app.info' }, { Origin: `http://127.0.0.1:${shell.port}` });
    expect(viaIp.status).toBe(200);
  });

  it('answers 400 for malformed JSON or a body without a procedure, 413 for an oversized body', async () => {
    expect((await call('{"procedure": "app.info"')).status).toBe(400);
    expect((await call('[1,2]')).status).toBe(400);
    expect((await call({ input: {} })).status).toBe(400);
    const huge = await call({ procedure: 'units.create', input: { name: 'x'.repeat(1024 * 1024 + 10), kind: 'district' } });
    expect(huge.status).toBe(413);
    const units = JSON.parse((await call({ procedure: 'units.list', input: { includeArchived: true } })).body) as { value: { name: string }[] };
    expect(units.value.some((u) => u.name.startsWith('xxx'))).toBe(false);
  });

  it('lets an import named in its header carry a spreadsheet over 1 MB, and nothing else', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `Person ${i};person${i}@example.se`).join('\n');
    const content = Buffer.from(`Namn;E-post\n${rows}\n`).toString('base64');
    expect(content.length).toBeGreaterThan(1024 * 1024);
    const input = { kind: 'staff', fileName: 'personal.csv', content };
    expect((await call({ procedure: 'imports.preview', input })).status).toBe(413);
    const named = await call({ procedure: 'imports.preview', input }, { 'X-Komet-Procedure': 'imports.preview' });
    expect(named.status).toBe(200);
    const preview = JSON.parse(named.body) as { ok: boolean; value: { rows: unknown[] } };
    expect(preview.ok).toBe(true);
    expect(preview.value.rows).toHaveLength(40_000);
    // The header's allowance is for the import it names only.
    const smuggled = await call(
      { procedure: 'units.create', input: { name: 'x'.repeat(1024 * 1024 + 10), kind: 'district' } },
      { 'X-Komet-Procedure': 'imports.preview' },
    );
    expect(smuggled.status).toBe(400);
    const other = await call(
      { procedure: 'units.create', input: { name: 'x'.repeat(1024 * 1024 + 10), kind: 'district' } },
      { 'X-Komet-Procedure': 'units.create' },
    );
    expect(other.status).toBe(413);
  });

  it('only takes POST on /api/call', async () => {
    const res = await request(shell.port, { path: '/api/call', headers: { Host: host(), Authorization: `Bearer ${shell.token}` } });
    expect(res.status).toBe(405);
  });

  it('serves the renderer with the strict headers and right MIME types', async () => {
    const index = await request(shell.port, { path: '/', headers: { Host: host() } });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Komet</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    const js = await request(shell.port, { path: '/assets/app.js', headers: { Host: host() } });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await request(shell.port, { path: '/assets/app.css', headers: { Host: host() } });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await request(shell.port, { path: '/groups/123', headers: { Host: host() } });
    expect(route.body).toContain('<title>Komet</title>');
    expect((await request(shell.port, { path: '/assets/missing.js', headers: { Host: host() } })).status).toBe(404);
  });

  it('answers an asset the browser holds with 304 and no bytes, and a changed one in full; the page itself is never kept', async () => {
    const get = (p: string, headers: Record<string, string> = {}) => request(shell.port, { path: p, headers: { Host: host(), ...headers } });
    const first = await get('/assets/app.js');
    const tag = first.headers.etag!;
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(tag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await get('/assets/app.js', { 'If-None-Match': tag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/assets/app.js', { 'If-None-Match': `"other", ${tag}` })).status).toBe(304);
    // Another asset's tag, or the file rewritten by a build: the bytes come in full. The new text
    // has another length, so the tag differs whatever the file system's time resolution.
    expect((await get('/assets/app.css', { 'If-None-Match': tag })).status).toBe(200);
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(22)');
    const rebuilt = await get('/assets/app.js', { 'If-None-Match': tag });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toBe('console.log(22)');
    expect(rebuilt.headers.etag).not.toBe(tag);
    const page = await get('/', { 'If-None-Match': '*' });
    expect(page.status).toBe(200);
    expect(page.headers.etag).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('refuses path traversal out of the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00']) {
      const res = await request(shell.port, { path: p, headers: { Host: host() } });
      expect([403, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain('outside the renderer');
    }
  });

  it('emits `changed` on /api/events after a successful write, not after a read or a failure', async () => {
    const unauth = await request(shell.port, { path: '/api/events?token=wrong', headers: { Host: host() } });
    expect(unauth.status).toBe(401);
    const { cookie } = await launch();
    const foreign = await request(shell.port, {
      path: '/api/events',
      headers: { Host: host(), Origin: 'http://evil.example', Cookie: cookie },
    });
    expect(foreign.status).toBe(403);

    // EventSource sends the page's session cookie; that is all the stream needs.
    const received: string[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: shell.port, path: '/api/events', headers: { Host: host(), Cookie: cookie } }, resolve).on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    stream.setEncoding('utf8').on('data', (chunk: string) => received.push(chunk));

    await call({ procedure: 'units.list', input: {} });
    await call({ procedure: 'units.create', input: { name: '', kind: 'district' } });
    const gotChanged = new Promise<void>((resolve) => stream.on('data', (c: string) => c.includes('event: changed') && resolve()));
    const created = JSON.parse((await call({ procedure: 'units.create', input: { name: 'Testenheten', kind: 'other' } })).body) as { ok: boolean };
    expect(created.ok).toBe(true);
    await gotChanged;
    const frames = received
      .join('')
      .split('\n\n')
      .filter((f) => f.includes('event: changed'));
    expect(frames).toEqual(['event: changed\ndata: {"source":"local","procedure":"units.create","entities":["unit"]}']);
    stream.destroy();
  });

  it('a launch address gives an HttpOnly, SameSite=Strict session cookie and leads to an address without a secret', async () => {
    const { res, setCookie, cookie } = await launch();
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(setCookie).toHaveLength(1);
    const attributes = setCookie[0]!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/');
    // A session cookie: it ends with the browser, and nothing is written to the profile to last.
    expect(attributes.some((a) => a.startsWith('expires=') || a.startsWith('max-age='))).toBe(false);
    expect(cookie).toMatch(new RegExp(`^komet-session-${shell.port}=[A-Za-z0-9_-]{43}$`));
    expect(cookie).not.toContain(shell.token);

    const viaCookie = await call({ procedure: 'app.info', input: {} }, { Authorization: '', Cookie: cookie });
    expect(viaCookie.status).toBe(200);
    expect(JSON.parse(viaCookie.body)).toMatchObject({ ok: true });
  });

  it('a launch address works once: a second use is refused and sets no cookie', async () => {
    const address = shell.launchUrl();
    const first = await launch(shell, address);
    expect(first.res.status).toBe(303);
    const second = await launch(shell, address);
    expect(second.res.status).toBe(401);
    expect(second.setCookie).toEqual([]);
    expect(second.res.body).toContain('Adressen kan inte användas igen');
    // The browser that used it is still in, and opening the spent address there just goes home.
    const again = await launch(shell, address, { Cookie: first.cookie });
    expect(again.res.status).toBe(303);
    expect(again.setCookie).toEqual([]);
    expect((await call({ procedure: 'app.info', input: {} }, { Authorization: '', Cookie: first.cookie })).status).toBe(200);
  });

  it('refuses made-up, missing and expired launch nonces', async () => {
    let now = 1_000_000;
    const timed = await startBrowserShell({ app, port: 0, rendererDir, launchTtlMs: 60_000, now: () => now });
    try {
      const late = timed.launchUrl();
      const inTime = timed.launchUrl();
      now += 59_999;
      expect((await launch(timed, inTime)).res.status).toBe(303);
      now += 1;
      const expired = await launch(timed, late);
      expect(expired.res.status).toBe(401);
      expect(expired.setCookie).toEqual([]);
      for (const made of ['/launch', '/launch?nonce=', `/launch?nonce=${timed.token}`, '/launch?nonce=AAAA']) {
        const res = await launch(timed, `http://127.0.0.1:${timed.port}${made}`);
        expect(res.res.status, made).toBe(401);
        expect(res.setCookie, made).toEqual([]);
      }
    } finally {
      await timed.close();
    }
  });

  it('keeps the session for the tab: a reload sends the cookie again and the calls go on working', async () => {
    const { cookie } = await launch();
    const page = await request(shell.port, { path: '/', headers: { Host: host(), Cookie: cookie } });
    expect(page.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await call({ procedure: 'app.info', input: {} }, { Authorization: '', Cookie: cookie });
      expect(JSON.parse(res.body)).toMatchObject({ ok: true });
    }
  });

  it('refuses a session cookie that is wrong, from another launch of the server, or sent by another site', async () => {
    const { cookie } = await launch();
    const [name, value] = cookie.split('=') as [string, string];
    const wrong = await call({ procedure: 'app.info' }, { Authorization: '', Cookie: `${name}=${value.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const second = await startBrowserShell({ app, port: 0, rendererDir });
    try {
      const res = await request(second.port, {
        method: 'POST',
        path: '/api/call',
        headers: { Host: `127.0.0.1:${second.port}`, Cookie: `${`komet-session-${second.port}`}=${value}` },
        body: JSON.stringify({ procedure: 'app.info' }),
      });
      expect(res.status).toBe(401);
    } finally {
      await second.close();
    }
    // Another page on this machine (another port is another origin, though the same site).
    const crossOrigin = await call({ procedure: 'app.info' }, { Authorization: '', Cookie: cookie, Origin: `http://127.0.0.1:${shell.port + 1}` });
    expect(crossOrigin.status).toBe(403);
  });

  it('takes no token in the URL, not even the right one', async () => {
    for (const p of [`/api/events?token=${shell.token}`, `/api/call?token=${shell.token}`]) {
      const post = p.startsWith('/api/call');
      const res = await request(shell.port, {
        method: post ? 'POST' : 'GET',
        path: p,
        headers: { Host: host() },
        ...(post ? { body: '{"procedure":"app.info"}' } : {}),
      });
      expect(res.status, p).toBe(401);
    }
  });
});
