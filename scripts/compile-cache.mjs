// Where V8 keeps the code it compiled from a bundle, for processes started from one (the browser
// shell's server). As bin/komet.mjs does for the CLI: beside the bundle rather than in the shared
// temporary folder, so the code a process runs comes from the folder its own program is in.
import path from 'node:path';

/**
 * The environment a process started from `bundle` gets so that Node keeps and reuses its compiled
 * code: a folder beside the bundle, unless the user chose one (NODE_COMPILE_CACHE) or turned the
 * cache off (NODE_DISABLE_COMPILE_CACHE, which Node itself honours).
 */
export function compileCacheEnv(bundle) {
  return process.env.NODE_COMPILE_CACHE ? {} : { NODE_COMPILE_CACHE: path.join(path.dirname(bundle), '.compile-cache') };
}
