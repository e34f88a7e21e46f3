import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { exportErrors } from './export-errors';

/**
 * Output is written under a hidden temporary name beside its destination and renamed into place
 * only when complete (same folder, so the rename is atomic). A crash or error leaves either
 * nothing or, at worst, a dot-file that the next attempt does not mistake for a result.
 */

export function tempSibling(target: string, suffix: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.${suffix}`);
}

/** Fails early with a typed error when the destination's folder is missing or read-only. */
export async function checkWritableFolder(target: string): Promise<void> {
  try {
    const dir = path.dirname(path.resolve(target));
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new Error('not a folder');
    await fs.access(dir, fs.constants.W_OK);
  } catch {
    throw exportErrors.outputUnwritable();
  }
}

export async function exists(target: string): Promise<boolean> {
  try {
    await fs.lstat(target);
    return true;
  } catch {
    return false;
  }
}

export async function removeQuietly(target: string): Promise<void> {
  await fs.rm(target, { recursive: true, force: true }).catch(() => undefined);
}

/** Makes the rename itself durable on file systems that need the folder flushed. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}
