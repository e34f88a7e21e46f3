// Where V8 keeps the code it compiled from one of our bundles: the CLI's (bin/komet.mjs) and the
// browser shell's server (scripts/browser-shell.mjs). Beside the bundle rather than in the shared
// temporary folder, so the code a process runs comes from the folder its own program is in.
// Not imported: see scripts/bundle-options.mjs for why Node's modules are not imported as ES modules.
const path = process.getBuiltinModule('node:path');

/**
 * The folder beside `bundle`, or undefined when the user chose one (NODE_COMPILE_CACHE), which Node
 * then uses by itself; NODE_DISABLE_COMPILE_CACHE turns the cache off either way (Node honours it).
 */
export function compileCacheDir(bundle) {
  return process.env.NODE_COMPILE_CACHE ? undefined : path.join(path.dirname(bundle), '.compile-cache');
}

/** The environment a process started from `bundle` gets so that Node keeps and reuses its compiled code. */
export function compileCacheEnv(bundle) {
  const dir = compileCacheDir(bundle);
  return dir === undefined ? {} : { NODE_COMPILE_CACHE: dir };
}
