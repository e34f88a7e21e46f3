#!/usr/bin/env node
// Bundles the browser shell into one ESM file (out/serve/index.mjs). Loading one prebuilt file
// instead of compiling the TypeScript sources at every launch is what brings the shell's cold
// start under a second; the native SQLite module stays external.
import path from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions } from './bundle-options.mjs';

const root = path.resolve(import.meta.dirname, '..');
await build({ ...nodeBundleOptions(root, ['src-main', 'http', 'serve-main.ts']), outfile: path.join(root, 'out', 'serve', 'index.mjs') });
// The export's worker thread loads its own program, found beside the bundle (src-main/app/export-thread.ts).
await build({ ...nodeBundleOptions(root, ['src-main', 'app', 'export-worker.ts']), outfile: path.join(root, 'out', 'serve', 'export-worker.mjs') });
// The thread that writes scores.csv beside the export loads its own program too (src-main/core/export/scores-thread.ts).
await build({
  ...nodeBundleOptions(root, ['src-main', 'core', 'export', 'scores-worker.ts']),
  outfile: path.join(root, 'out', 'serve', 'export-scores-worker.mjs'),
});
