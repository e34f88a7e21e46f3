export function compileCacheDir(bundle: string): string | undefined;
export function compileCacheEnv(bundle: string): { NODE_COMPILE_CACHE?: string };
