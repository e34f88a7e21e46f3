// esbuild options shared by the Node-side bundles (the browser shell and the CLI): one ESM file
// for Node, with only the native SQLite module left in node_modules.
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * Node's own modules are reached through require(), not imported as ES modules. An imported one is
 * given an ES module face whose making reads every export, and some exports load more when read:
 * http's WebSocket loads Node's whole fetch and WebSocket library (undici), fs's promises the
 * promise API, and so on. A bundle imports every module any command uses, so every command paid
 * for all of them at start. Measured on `komet stats --help` (which opens no database): peak RSS
 * 78.1–79.0 MiB and 0.34–0.38 s before (6 runs), 69.2–69.9 MiB (once 63.8) and 0.21–0.25 s after
 * (7 runs); `komet export` at city scale, in 5 alternating pairs, a median of 207 against 210 MiB,
 * within its run-to-run noise. Through require() each module is loaded when the code that uses it
 * first runs.
 */
const REQUIRED_BUILTINS = new RegExp(`^(node:)?(${builtinModules.join('|')})$`);

const builtinsThroughRequire = {
  name: 'builtins-through-require',
  setup(build) {
    // The require() in the stand-in itself is left to Node.
    build.onResolve({ filter: REQUIRED_BUILTINS }, (args) =>
      args.namespace === 'builtin-through-require' ? { path: args.path, external: true } : { path: args.path, namespace: 'builtin-through-require' },
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin-through-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

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
    plugins: [builtinsThroughRequire],
  };
}
