// electron-vite config, used as `electron-vite build -c electron.config.ts`. Source folders are
// not electron-vite's defaults, so every entry is named explicitly.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      // The pure-JS dependencies are bundled: loaded from node_modules as ES modules they cost
      // 0.8 s and 360 MB at every start on Node 24 (drizzle-orm alone: its 179 kB package.json is
      // read again for each of its files). Left out: the native SQLite module, and fflate, whose
      // Node build declares a top-level `require` that collides with the bundle's own (one small
      // file, cheap to load).
      externalizeDeps: { exclude: ['drizzle-orm', 'zod', 'date-fns', 'csv-stringify', 'csv-parse', 'age-encryption', 'tinybase', 'ws', 'jstat', 'uuid'] },
      rolldownOptions: {
        // The export's worker thread (src-main/app/export-thread.ts) loads its own entry, beside index.js.
        // So does the thread that writes scores.csv beside the export (src-main/core/export/scores-thread.ts),
        // and the utility process that parses an import file (src-main/electron/parse-host.ts).
        input: {
          index: path.join(root, 'src-main/electron/main.ts'),
          'export-worker': path.join(root, 'src-main/app/export-worker.ts'),
          'export-scores-worker': path.join(root, 'src-main/core/export/scores-worker.ts'),
          'import-parser': path.join(root, 'src-main/electron/import-parser.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      // A sandboxed preload cannot load ES modules or require anything but `electron`:
      // one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'src-main/electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: path.join(root, 'src-renderer'),
    plugins: [react()],
    // The renderer reaches the contract through this one alias (types, and the plain enum arrays).
    resolve: { alias: { '@contract': path.join(root, 'src-main/contract') } },
    build: {
      outDir: path.join(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default: 2.6 MB of script to parse at
      // every start instead of under half that.
      minify: true,
      // One file read from the local disk, never over a network: splitting it buys nothing here.
      chunkSizeWarningLimit: 1500,
      // Inline <script> would break the CSP; Vite emits module files only, and no inline assets.
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: { index: path.join(root, 'src-renderer/index.html') },
      },
    },
  },
});
