import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { privateDirMode, privateFileMode } from '../private-dir';

/**
 * Makes a rename or unlink durable. Windows cannot open a directory for fsync; there the rename
 * itself is already journalled by NTFS, so the failure is ignored.
 */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // See above: not supported on every platform.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const tempPrefix = (target: string) => `${path.basename(target)}.tmp-`;

/**
 * Replaces `target` so that after a crash at any instant it holds either the old or the new
 * content, never a mix: write a temp file beside it, fsync, rename over, fsync the directory.
 */
export function writeFileAtomic(target: string, data: string | Buffer, mode = privateFileMode): void {
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: privateDirMode });
  const temp = path.join(dir, `${tempPrefix(target)}${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

/** Removes temp files a killed writer left behind; they never hold the only copy of anything. */
export function removeStaleTemps(target: string): void {
  const dir = path.dirname(target);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(tempPrefix(target))) fs.rmSync(path.join(dir, name), { force: true });
  }
}
