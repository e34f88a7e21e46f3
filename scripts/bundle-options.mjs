// esbuild options shared by the Node-side bundles (the browser shell and the CLI): one ESM file
// for Node, with only the native SQLite module left in node_modules.
import path from 'node:path';

export function nodeBundleOptions(root, entry) {
  return {
    entryPoints: [path.join(root, ...entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['better-sqlite3'],
    // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __kometRequire } from 'node:module'; const require = __kometRequire(import.meta.url);" },
    logLevel: 'warning',
    // Without comments the bundles are plain ASCII (esbuild escapes strings), and V8 keeps an ASCII
    // script's source at one byte per character instead of two. Measured on `komet stats --json`
    // at city scale: peak RSS 120-122 MB before, 113-114 after (3 runs each).
    minifyWhitespace: true,
  };
}
