import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { writeFileAtomic } from './atomic-file';
import { keyFileDamaged, keyFileMissing } from './errors';

export const keyFileName = 'komet.keys.json';
export const keyFilePath = (dataDir: string) => path.join(dataDir, keyFileName);

/** scrypt cost: N=2^17, r=8 (128 MiB) takes ~0.45 s on a 2-core laptop; recorded per file. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
export const defaultScrypt: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const b64 = (bytes: number) => z.string().refine((s) => Buffer.from(s, 'base64').length === bytes && Buffer.from(s, 'base64').toString('base64') === s);
const pow2 = z
  .number()
  .int()
  .refine((n) => (n & (n - 1)) === 0);

// Bounds keep a forged file from making us allocate gigabytes or derive a key with no cost.
const scryptKdf = z.object({
  name: z.literal('scrypt'),
  N: pow2.min(2 ** 10).max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(8),
  salt: b64(16),
});
const hkdfKdf = z.object({ name: z.literal('hkdf-sha256'), salt: b64(16) });

const slot = <K extends z.ZodType>(kdf: K) => z.object({ kdf, check: b64(16), iv: b64(12), wrappedKey: b64(32), tag: b64(16) });

/** A data key this one replaced (rekey), wrapped under a key derived from the current data key. */
const retiredKey = z.object({ keyId: b64(16), iv: b64(12), wrappedKey: b64(32), tag: b64(16) });

const keyFileSchema = z.object({
  format: z.literal('komet-keys'),
  version: z.literal(1),
  keyId: b64(16),
  userName: z.string().min(1).max(100),
  createdAt: z.string(),
  cipher: z.literal('chacha20'),
  slots: z.object({ passphrase: slot(scryptKdf), recovery: slot(hkdfKdf) }),
  /** Set by a rekey: the key id of the key file this one succeeds. */
  previousKeyId: b64(16).optional(),
  /** The data keys of backups made before a rekey, so the open vault can still read them. */
  retired: retiredKey.array().max(64).optional(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type KeyFile = z.infer<typeof keyFileSchema>;
export type Slot = KeyFile['slots']['passphrase'] | KeyFile['slots']['recovery'];
export type SlotName = keyof KeyFile['slots'];
export type RetiredKey = z.infer<typeof retiredKey>;

/** JSON with sorted keys, so checksums and associated data do not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    // Absent and undefined are the same field: optional fields must not change the checksum.
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * An unkeyed checksum over everything else: it turns truncation, disk damage and hand edits into
 * a clear "damaged" error instead of a misleading "wrong passphrase". Deliberate forgery is
 * caught by the authenticated encryption below.
 */
const checksumOf = (file: Omit<KeyFile, 'checksum'>) => crypto.createHash('sha256').update(canonical(file)).digest('hex');

/**
 * Associated data of a slot: the file's identity, the user's name and the slot's own KDF
 * parameters. Changing any of them (e.g. lowering the scrypt cost) makes the slot fail to open.
 */
export function associatedData(
  file: Pick<KeyFile, 'format' | 'version' | 'keyId' | 'userName' | 'createdAt' | 'cipher'>,
  name: SlotName,
  kdf: Slot['kdf'],
): Buffer {
  const { format, version, keyId, userName, createdAt, cipher } = file;
  return Buffer.from(canonical({ format, version, keyId, userName, createdAt, cipher, slot: name, kdf }));
}

/** A key-encryption key and, derived alongside it, a value that tells a wrong secret from a forged file. */
export interface Kek {
  wrapKey: Buffer;
  check: Buffer;
}
export const splitDerived = (derived: Buffer): Kek => ({ wrapKey: derived.subarray(0, 32), check: derived.subarray(32, 48) });

export function seal(kek: Kek, dataKey: Buffer, aad: Buffer): Pick<Slot, 'check' | 'iv' | 'wrappedKey' | 'tag'> {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', kek.wrapKey, iv);
  cipher.setAAD(aad);
  const wrappedKey = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    check: kek.check.toString('base64'),
    iv: iv.toString('base64'),
    wrappedKey: wrappedKey.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** 'wrong' when the secret does not match the slot, 'forged' when it does but the file was altered. */
export function open(kek: Kek, s: Slot, aad: Buffer): Buffer | 'wrong' | 'forged' {
  if (!crypto.timingSafeEqual(kek.check, Buffer.from(s.check, 'base64'))) return 'wrong';
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', kek.wrapKey, Buffer.from(s.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(s.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    return 'forged';
  }
}

export function readKeyFile(dataDir: string): KeyFile {
  return readKeyFileAt(keyFilePath(dataDir));
}

/** A key file at any path: the data folder's own or a backup's copy (`<backup>.keys.json`). */
export function readKeyFileAt(file: string): KeyFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw keyFileMissing();
    throw keyFileDamaged();
  }
  let parsed: KeyFile;
  try {
    parsed = keyFileSchema.parse(JSON.parse(text));
  } catch {
    throw keyFileDamaged();
  }
  const { checksum, ...rest } = parsed;
  if (checksumOf(rest) !== checksum) throw keyFileDamaged();
  return parsed;
}

/** The key id a file claims, read without trusting anything else in it; null when unreadable. */
export function peekKeyId(file: string): string | null {
  try {
    const keyId = (JSON.parse(fs.readFileSync(file, 'utf8')) as { keyId?: unknown } | null)?.keyId;
    return typeof keyId === 'string' ? keyId : null;
  } catch {
    return null;
  }
}

const differentKey = () =>
  new AppError('conflict', {
    sv: 'Där finns redan en nyckelfil för en annan databas. Den skrivs aldrig över; välj en annan plats.',
    en: 'A key file of another database is already there. It is never overwritten; choose another place.',
  });

/**
 * The only function that writes key files. A key file is the only way into the data encrypted
 * with its key, so it is never replaced by one with a different key id: only rewrapped (same key
 * id), or succeeded by the rekey that names it as `previousKeyId` and carries its key along. A
 * file there that cannot even be read is not replaced either: it may still be someone's only key.
 */
export function writeKeyFileAt(target: string, file: Omit<KeyFile, 'checksum'>): void {
  if (fs.existsSync(target)) {
    const existing = peekKeyId(target);
    if (existing === null || (existing !== file.keyId && existing !== file.previousKeyId)) throw differentKey();
  }
  const complete: KeyFile = { ...file, checksum: checksumOf(file) };
  writeFileAtomic(target, `${JSON.stringify(complete, null, 2)}\n`);
}

export function writeKeyFile(dataDir: string, file: Omit<KeyFile, 'checksum'>): void {
  writeKeyFileAt(keyFilePath(dataDir), file);
}

export const keyFileExists = (dataDir: string) => fs.existsSync(keyFilePath(dataDir));
