// Where the browser shell's server keeps the code V8 compiled from its bundle (scripts/compile-cache.mjs).
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { compileCacheEnv } from '../../scripts/compile-cache.mjs';

afterEach(() => vi.unstubAllEnvs());

it('puts the cache in a folder beside the bundle', () => {
  vi.stubEnv('NODE_COMPILE_CACHE', '');
  const bundle = path.join(path.sep, 'opt', 'komet', 'out', 'serve', 'index.mjs');
  expect(compileCacheEnv(bundle)).toEqual({ NODE_COMPILE_CACHE: path.join(path.sep, 'opt', 'komet', 'out', 'serve', '.compile-cache') });
});

it('leaves a folder the user chose to Node, which then uses it', () => {
  vi.stubEnv('NODE_COMPILE_CACHE', '/var/cache/node');
  expect(compileCacheEnv('/opt/komet/out/serve/index.mjs')).toEqual({});
});
