import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { removeStaleTemps } from './atomic-file';
import { checkPassphrasePolicy, checkUserName, keyFileDamaged, mistypedRecoveryKey, vaultExists, wrongPassphrase, wrongRecoveryKey } from './errors';
import {
  associatedData,
  defaultScrypt,
  keyFileExists,
  keyFilePath,
  open,
  readKeyFile,
  readKeyFileAt,
  seal,
  splitDerived,
  writeKeyFile,
  type KeyFile,
  type Kek,
  type ScryptParams,
  type SlotName,
} from './key-file';
import { adoptLegacyBackups, rewrapKeyCopies } from './key-copies';
import { forget, keyringOf, type Keyring } from './keyring';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

export const dataKeyBytes = 32;

export type Credential = { passphrase: string } | { recoveryKey: string };

/** Derivation runs off the main thread (libuv pool), so an Electron window stays responsive. */
export async function passphraseKek(passphrase: string, kdf: ScryptParams & { salt: string }): Promise<Kek> {
  const { N, r, p } = kdf;
  // Normalised so the same passphrase typed on macOS and Windows derives the same key.
  const derived = await scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 48, {
    N,
    r,
    p,
    maxmem: 128 * N * r * p + 32 * 1024 * 1024,
  });
  return splitDerived(derived);
}

// The recovery key already carries 160 random bits: a fast KDF loses nothing here.
export const recoveryKek = (bytes: Buffer, salt: string): Kek =>
  splitDerived(Buffer.from(crypto.hkdfSync('sha256', bytes, Buffer.from(salt, 'base64'), 'komet recovery wrap', 48)));

export const newScryptKdf = (params: ScryptParams) => ({ name: 'scrypt' as const, ...params, salt: crypto.randomBytes(16).toString('base64') });
export const newRecoveryKdf = () => ({ name: 'hkdf-sha256' as const, salt: crypto.randomBytes(16).toString('base64') });

async function passphraseSlot(header: Omit<KeyFile, 'slots' | 'checksum'>, dataKey: Buffer, passphrase: string, params: ScryptParams) {
  const kdf = newScryptKdf(params);
  const kek = await passphraseKek(passphrase, kdf);
  return { kdf, ...seal(kek, dataKey, associatedData(header, 'passphrase', kdf)) };
}

export interface CreateVaultOptions {
  dataDir: string;
  userName: string;
  passphrase: string;
  /** Only tests lower this; the cost is recorded in the file either way. */
  scrypt?: ScryptParams;
  clock?: { now(): string };
  /** Runs with the new data key just before the key file is written (to create the database first). */
  beforeKeyFile?: (dataKey: Buffer) => void;
}

/**
 * Creates the key file: a fresh random data key, wrapped under the passphrase and under a new
 * recovery key. The recovery key is returned once and never stored.
 */
export async function createVault(options: CreateVaultOptions): Promise<{ recoveryKey: string; dataKey: Buffer }> {
  const userName = checkUserName(options.userName);
  checkPassphrasePolicy(options.passphrase);
  if (keyFileExists(options.dataDir)) throw vaultExists();
  const dataKey = crypto.randomBytes(dataKeyBytes);
  const header = {
    format: 'komet-keys' as const,
    version: 1 as const,
    keyId: crypto.randomBytes(16).toString('base64'),
    userName,
    createdAt: options.clock?.now() ?? new Date().toISOString(),
    cipher: 'chacha20' as const,
  };
  const recovery = generateRecoveryKey();
  const recoveryKdf = newRecoveryKdf();
  const recoverySlot = {
    kdf: recoveryKdf,
    ...seal(recoveryKek(recovery.bytes, recoveryKdf.salt), dataKey, associatedData(header, 'recovery', recoveryKdf)),
  };
  const slots = { passphrase: await passphraseSlot(header, dataKey, options.passphrase, options.scrypt ?? defaultScrypt), recovery: recoverySlot };
  options.beforeKeyFile?.(dataKey);
  removeStaleTemps(keyFilePath(options.dataDir));
  writeKeyFile(options.dataDir, { ...header, slots });
  recovery.bytes.fill(0);
  return { recoveryKey: recovery.text, dataKey };
}

function unwrapped(result: Buffer | 'wrong' | 'forged', wrong: () => Error): Buffer {
  if (result === 'forged') throw keyFileDamaged();
  if (result === 'wrong') throw wrong();
  return result;
}

/** The key-encryption key a credential derives for a key file's slot (scrypt runs off-thread). */
export async function kekFor(file: KeyFile, credential: Credential): Promise<{ slot: SlotName; kek: Kek }> {
  if ('passphrase' in credential) return { slot: 'passphrase', kek: await passphraseKek(credential.passphrase, file.slots.passphrase.kdf) };
  const bytes = parseRecoveryKey(credential.recoveryKey);
  if (!bytes) throw mistypedRecoveryKey();
  const kek = recoveryKek(bytes, file.slots.recovery.kdf.salt);
  bytes.fill(0);
  return { slot: 'recovery', kek };
}

/** The data key in a key file's slot, or wrong_passphrase / key_file_damaged. */
export function openSlot(file: KeyFile, slot: SlotName, kek: Kek): Buffer {
  const s = file.slots[slot];
  return unwrapped(open(kek, s, associatedData(file, slot, s.kdf)), slot === 'passphrase' ? wrongPassphrase : wrongRecoveryKey);
}

export async function unlockKeyFile(file: KeyFile, credential: Credential): Promise<Buffer> {
  const { slot, kek } = await kekFor(file, credential);
  return openSlot(file, slot, kek);
}

/** The keyring of the key file at `keyFile` (a data folder's, or a backup's own copy). */
export async function unlockKeyring(keyFile: string, credential: Credential): Promise<{ ring: Keyring; file: KeyFile }> {
  const file = readKeyFileAt(keyFile);
  return { ring: keyringOf(file, await unlockKeyFile(file, credential)), file };
}

export async function unlockWithPassphrase(dataDir: string, passphrase: string): Promise<Buffer> {
  return unlockKeyFile(readKeyFile(dataDir), { passphrase });
}

export function unlockWithRecoveryKey(dataDir: string, recoveryKey: string): Buffer {
  const bytes = parseRecoveryKey(recoveryKey);
  if (!bytes) throw mistypedRecoveryKey();
  const file = readKeyFile(dataDir);
  const kek = recoveryKek(bytes, file.slots.recovery.kdf.salt);
  bytes.fill(0);
  return openSlot(file, 'recovery', kek);
}

export const unlockWith = (dataDir: string, credential: Credential): Promise<Buffer> =>
  'passphrase' in credential ? unlockWithPassphrase(dataDir, credential.passphrase) : Promise.resolve(unlockWithRecoveryKey(dataDir, credential.recoveryKey));

/**
 * Rewraps the same data key under a new passphrase; the database is not touched, so this is
 * instant whatever its size. The key copies of the backups in `backupsDir` are rewrapped first,
 * so the old passphrase opens no backup either. The key file is replaced atomically: a crash
 * leaves the old or the new passphrase working, never neither. Forgotten passphrases are reset
 * with the recovery key.
 */
export async function changePassphrase(options: {
  dataDir: string;
  current: Credential;
  next: string;
  scrypt?: ScryptParams;
  backupsDir?: string;
}): Promise<void> {
  checkPassphrasePolicy(options.next, 'next');
  const file = readKeyFile(options.dataDir);
  const { slot, kek } = await kekFor(file, options.current);
  const ring = keyringOf(file, openSlot(file, slot, kek));
  try {
    const { checksum: _checksum, ...body } = file;
    const kdf = newScryptKdf(options.scrypt ?? scryptOf(file));
    const nextKek = await passphraseKek(options.next, kdf);
    const passphrase = { kdf, ...seal(nextKek, ring.key, associatedData(body, 'passphrase', kdf)) };
    const next = { ...body, slots: { ...body.slots, passphrase } };
    if (options.backupsDir) {
      // Old-layout backups get copies (of the new file) and the shared copy under the old passphrase goes.
      adoptLegacyBackups(options.backupsDir, next, ring);
      rewrapKeyCopies(options.backupsDir, next, ring, { passphrase: nextKek, ...(slot === 'recovery' ? { recovery: kek } : {}) });
    }
    removeStaleTemps(keyFilePath(options.dataDir));
    writeKeyFile(options.dataDir, next);
  } finally {
    forget(ring);
  }
}

export const scryptOf = (file: KeyFile): ScryptParams => {
  const { N, r, p } = file.slots.passphrase.kdf;
  // Never weaken a vault below today's default when rewrapping.
  return N >= defaultScrypt.N ? { N, r, p } : defaultScrypt;
};

/** What the lock screen may show without any secret. */
export function readVaultInfo(dataDir: string): { userName: string; createdAt: string; scrypt: ScryptParams } {
  const file = readKeyFile(dataDir);
  const { N, r, p } = file.slots.passphrase.kdf;
  return { userName: file.userName, createdAt: file.createdAt, scrypt: { N, r, p } };
}
