import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearerToken, hostAllowed, originAllowed, tokenMatches } from '../../../src-main/http/guards';
import { mimeType, resolveStaticPath } from '../../../src-main/http/static';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('guards', () => {
  it('allows only the loopback host names on our port', () => {
    expect(hostAllowed(req({ host: '127.0.0.1:4000' }), 4000)).toBe(true);
    expect(hostAllowed(req({ host: 'LOCALHOST:4000' }), 4000)).toBe(true);
    expect(hostAllowed(req({ host: '127.0.0.1' }), 4000)).toBe(false);
    expect(hostAllowed(req({ host: '127.0.0.1:4001' }), 4000)).toBe(false);
    expect(hostAllowed(req({ host: '[::1]:4000' }), 4000)).toBe(false);
    expect(hostAllowed(req({ host: 'komet.example:4000' }), 4000)).toBe(false);
    expect(hostAllowed(req({}), 4000)).toBe(false);
  });

  it('allows a missing Origin and our own, nothing else', () => {
    expect(originAllowed(req({}), 4000)).toBe(true);
    expect(originAllowed(req({ origin: 'http://127.0.0.1:4000' }), 4000)).toBe(true);
    expect(originAllowed(req({ origin: 'http://localhost:4000' }), 4000)).toBe(true);
    expect(originAllowed(req({ origin: 'https://127.0.0.1:4000' }), 4000)).toBe(false);
    expect(originAllowed(req({ origin: 'http://127.0.0.1:4000.evil.example' }), 4000)).toBe(false);
    expect(originAllowed(req({ origin: 'null' }), 4000)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });

  it('reads only a Bearer authorization', () => {
    expect(bearerToken(req({ authorization: 'Bearer t0k-en_' }))).toBe('t0k-en_');
    expect(bearerToken(req({ authorization: 'Basic dXNlcjpwYXNz' }))).toBeUndefined();
    expect(bearerToken(req({ authorization: 'Bearer a b' }))).toBeUndefined();
    expect(bearerToken(req({}))).toBeUndefined();
  });
});

describe('static files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-static-'));
  const root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), 'x');
  fs.writeFileSync(path.join(root, 'assets', 'a b.js'), 'x');
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'x');
  fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(root, 'link.txt'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const realRoot = fs.realpathSync(root);

  it('maps / to index.html and decodes names', () => {
    expect(resolveStaticPath(root, '/')).toEqual({ kind: 'file', file: path.join(realRoot, 'index.html') });
    expect(resolveStaticPath(root, '/assets/a%20b.js')).toEqual({ kind: 'file', file: path.join(realRoot, 'assets', 'a b.js') });
    expect(resolveStaticPath(root, '/assets/none.js')).toEqual({ kind: 'missing' });
    expect(resolveStaticPath(root, '/assets')).toEqual({ kind: 'missing' });
  });

  it('refuses anything that leads outside the root, including through a symlink', () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/..%5coutside.txt', '/%00', '/%E0%A4%A', '/link.txt']) {
      expect(resolveStaticPath(root, p), p).toEqual({ kind: 'refused' });
    }
  });

  it('names the MIME types the renderer build uses', () => {
    expect(mimeType('a.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('a.svg')).toBe('image/svg+xml');
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.unknown')).toBe('application/octet-stream');
  });
});
