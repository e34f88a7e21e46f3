#!/usr/bin/env node
// Bundles the browser shell into one ESM file (out/serve/index.mjs). Loading one prebuilt file
// instead of compiling the TypeScript sources at every launch is what brings the shell's cold
// start under a second; the native SQLite module stays external.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
await build({
  entryPoints: [path.join(root, 'src-main', 'http', 'serve-main.ts')],
  outfile: path.join(root, 'out', 'serve', 'index.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['better-sqlite3'],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __kometRequire } from 'node:module'; const require = __kometRequire(import.meta.url);" },
  logLevel: 'warning',
});
