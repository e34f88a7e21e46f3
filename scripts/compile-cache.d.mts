export function compileCacheEnv(bundle: string): { NODE_COMPILE_CACHE?: string };
