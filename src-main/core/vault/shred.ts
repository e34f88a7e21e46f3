import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir } from './atomic-file';

const chunk = 1024 * 1024;

/**
 * Overwrites a file's bytes with zeros, flushes them to the disk, then unlinks it: what a plain
 * unlink leaves in the freed blocks (plaintext pages, keys wrapped under an old passphrase) is
 * gone from this file system. On SSDs and copy-on-write file systems the device may keep older
 * copies of a block; full-disk encryption is the answer there, and this still removes the file's
 * own blocks from every ordinary read of the disk.
 */
export function shredFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const zeros = Buffer.alloc(Math.min(chunk, Math.max(size, 1)));
    for (let at = 0; at < size; at += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.rmSync(file, { force: true });
  fsyncDir(path.dirname(file));
}

/** A database file and the side files SQLite may have left beside it. */
export function shredDatabaseFiles(file: string): void {
  for (const side of ['-wal', '-journal', '-shm', '']) shredFile(file + side);
}
