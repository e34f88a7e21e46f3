import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { AppError } from '../errors';
import { checkWritableFolder, exists, removeQuietly, syncFolder, tempSibling } from './atomic';
import { exportErrors } from './export-errors';
import { privateFileMode } from '../private-dir';

/**
 * age encryption of the package (age-encryption.org/v1, the format the `age` CLI reads).
 * The library's stream API is used end to end: plaintext is pulled in 64 KiB STREAM chunks and
 * each ciphertext chunk is awaited onto disk before the next is pulled, so memory does not grow
 * with the size of the export.
 */

export const MIN_PASSPHRASE_LENGTH = 12;

/** bech32 "age" + 32-byte X25519 key = "age1" followed by 58 characters of the bech32 alphabet. */
const X25519_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

export type EncryptionTarget = { recipients: readonly string[] } | { passphrase: string };

export interface EncryptOptions {
  /** scrypt log2(N); age's default 18. Lower only in tests. */
  scryptWorkFactor?: number;
  /** Replace an existing file at the destination. */
  overwrite?: boolean;
}

/** Trimmed, checked recipients; the checksum is verified by the age library itself. */
export function validateRecipients(recipients: readonly string[]): string[] {
  if (recipients.length === 0) throw exportErrors.noRecipient();
  return recipients.map((raw, index) => {
    const value = raw.trim();
    if (value.startsWith('age1pq1') || value.startsWith('age1tag')) throw exportErrors.recipientUnsupported();
    if (!X25519_RECIPIENT.test(value)) throw exportErrors.recipientMalformed(index);
    try {
      new Encrypter().addRecipient(value);
    } catch {
      throw exportErrors.recipientMalformed(index);
    }
    return value;
  });
}

export function validatePassphrase(passphrase: string): string {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw exportErrors.passphraseShort(MIN_PASSPHRASE_LENGTH);
  return passphrase;
}

/** Short, stable identifier shown beside a saved recipient's name: SHA-256 of the key, 16 hex digits. */
export function recipientFingerprint(recipient: string): string {
  const hex = createHash('sha256').update(recipient.trim(), 'utf8').digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)!.join(':');
}

/** Builds a configured Encrypter; validation errors are typed before any byte is written. */
export function createEncrypter(target: EncryptionTarget, options: EncryptOptions = {}): Encrypter {
  const encrypter = new Encrypter();
  if ('passphrase' in target) {
    encrypter.setPassphrase(validatePassphrase(target.passphrase));
    if (options.scryptWorkFactor !== undefined) encrypter.setScryptWorkFactor(options.scryptWorkFactor);
  } else {
    for (const r of validateRecipients(target.recipients)) encrypter.addRecipient(r);
  }
  return encrypter;
}

export interface EncryptResult {
  file: string;
  bytes: number;
}

/**
 * Encrypts a plaintext stream into `outFile`. The ciphertext goes to a temporary sibling that is
 * fsynced and renamed only after the last chunk; on any error it is deleted, so the destination
 * either holds a complete file or was never touched.
 */
export async function encryptToFile(
  plaintext: ReadableStream<Uint8Array>,
  outFile: string,
  target: EncryptionTarget,
  options: EncryptOptions = {},
): Promise<EncryptResult> {
  let encrypter: Encrypter;
  try {
    encrypter = createEncrypter(target, options);
    await checkWritableFolder(outFile);
    if (!options.overwrite && (await exists(outFile))) throw exportErrors.outputExists();
  } catch (error) {
    await plaintext.cancel(error).catch(() => undefined);
    throw error;
  }
  const temp = tempSibling(outFile, 'partial');
  let handle: fs.FileHandle | null = null;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  try {
    handle = await fs.open(temp, 'wx', privateFileMode).catch(() => {
      throw exportErrors.outputUnwritable();
    });
    const ciphertext = await encrypter.encrypt(plaintext);
    reader = ciphertext.getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await handle.write(value);
      bytes += value.length;
    }
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, outFile);
    await syncFolder(path.dirname(path.resolve(outFile)));
    return { file: outFile, bytes };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await removeQuietly(temp);
    // Cancelling the ciphertext side travels up the pipe and stops the package build as well.
    if (reader) await reader.cancel(error).catch(() => undefined);
    else await plaintext.cancel(error).catch(() => undefined);
    throw error;
  }
}

export interface GeneratedKey {
  file: string;
  publicKey: string;
}

/** RFC 3339 with the local offset, as age-keygen writes it. */
function rfc3339Local(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = offset === 0 ? 'Z' : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`;
}

/** Creates an X25519 identity file in age-keygen's format, readable by the owner only. */
export async function generateKeyFile(outFile: string, now: Date = new Date()): Promise<GeneratedKey> {
  await checkWritableFolder(outFile);
  if (await exists(outFile)) throw exportErrors.outputExists();
  const identity = await generateX25519Identity();
  const publicKey = await identityToRecipient(identity);
  const text = `# created: ${rfc3339Local(now)}\n# public key: ${publicKey}\n${identity}\n`;
  const temp = tempSibling(outFile, 'partial');
  try {
    const handle = await fs.open(temp, 'wx', privateFileMode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(privateFileMode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, outFile);
    return { file: outFile, publicKey };
  } catch (error) {
    await removeQuietly(temp);
    throw error instanceof AppError ? error : exportErrors.outputUnwritable();
  }
}

/** The AGE-SECRET-KEY-1 lines of an identity file (age-keygen format; comments and blanks ignored). */
export async function readIdentityFile(file: string): Promise<string[]> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > 64 * 1024) throw new Error('not a key file');
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw exportErrors.identityMalformed();
  }
  const keys = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (keys.length === 0 || keys.some((k) => !/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/.test(k))) throw exportErrors.identityMalformed();
  return keys;
}
