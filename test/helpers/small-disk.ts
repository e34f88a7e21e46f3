import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** CI promises the full-disk tests run: there they fail rather than skip when no disk can be mounted. */
export const mustRunEverything = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Mounts a tmpfs of `size` (e.g. '8m') at `<dir>/small`, so a test can fill a real disk to the
 * last block. Returns the mount point, or why none could be had: on a developer's machine the
 * caller then skips (visibly, as skipped); under CI it throws, so the test fails instead of passing
 * without having run.
 */
export function mountSmallDisk(dir: string, size: string): { mount: string } | { skip: string } {
  const refuse = (why: string) => {
    if (mustRunEverything) throw new Error(`CI must run this test, but ${why}`);
    return { skip: why };
  };
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return refuse('it needs root on Linux to mount a small tmpfs');
  const mount = path.join(dir, 'small');
  fs.mkdirSync(mount);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount], { stdio: 'pipe' });
  } catch (err) {
    return refuse(`tmpfs could not be mounted here: ${(err as Error).message}`);
  }
  return { mount };
}

export const unmountSmallDisk = (mount: string): void => {
  execFileSync('umount', [mount]);
};
