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
  seal,
  splitDerived,
  writeKeyFile,
  type KeyFile,
  type Kek,
  type ScryptParams,
} from './key-file';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

export const dataKeyBytes = 32;

export type Credential = { passphrase: string } | { recoveryKey: string };

/** Derivation runs off the main thread (libuv pool), so an Electron window stays responsive. */
async function passphraseKek(passphrase: string, kdf: ScryptParams & { salt: string }): Promise<Kek> {
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
const recoveryKek = (bytes: Buffer, salt: string): Kek =>
  splitDerived(Buffer.from(crypto.hkdfSync('sha256', bytes, Buffer.from(salt, 'base64'), 'komet recovery wrap', 48)));

async function passphraseSlot(header: Omit<KeyFile, 'slots' | 'checksum'>, dataKey: Buffer, passphrase: string, params: ScryptParams) {
  const kdf = { name: 'scrypt' as const, ...params, salt: crypto.randomBytes(16).toString('base64') };
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
  const recoveryKdf = { name: 'hkdf-sha256' as const, salt: crypto.randomBytes(16).toString('base64') };
  const recoverySlot = {
    kdf: recoveryKdf,
    ...seal(recoveryKek(recovery.bytes, recoveryKdf.salt), dataKey, associatedData(header, 'recovery', recoveryKdf)),
  };
  const slots = { passphrase: await passphraseSlot(header, dataKey, options.passphrase, options.scrypt ?? defaultScrypt), recovery: recoverySlot };
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

export async function unlockWithPassphrase(dataDir: string, passphrase: string): Promise<Buffer> {
  const file = readKeyFile(dataDir);
  const s = file.slots.passphrase;
  return unwrapped(open(await passphraseKek(passphrase, s.kdf), s, associatedData(file, 'passphrase', s.kdf)), wrongPassphrase);
}

export function unlockWithRecoveryKey(dataDir: string, recoveryKey: string): Buffer {
  const bytes = parseRecoveryKey(recoveryKey);
  if (!bytes) throw mistypedRecoveryKey();
  const file = readKeyFile(dataDir);
  const s = file.slots.recovery;
  const result = open(recoveryKek(bytes, s.kdf.salt), s, associatedData(file, 'recovery', s.kdf));
  bytes.fill(0);
  return unwrapped(result, wrongRecoveryKey);
}

export const unlockWith = (dataDir: string, credential: Credential): Promise<Buffer> =>
  'passphrase' in credential
    ? unlockWithPassphrase(dataDir, credential.passphrase)
    : Promise.resolve(unlockWithRecoveryKey(dataDir, credential.recoveryKey));

/**
 * Rewraps the same data key under a new passphrase; the database is not touched, so this is
 * instant whatever its size. The key file is replaced atomically: a crash leaves the old or the
 * new passphrase working, never neither. Forgotten passphrases are reset with the recovery key.
 */
export async function changePassphrase(options: {
  dataDir: string;
  current: Credential;
  next: string;
  scrypt?: ScryptParams;
}): Promise<void> {
  checkPassphrasePolicy(options.next, 'next');
  const dataKey = await unlockWith(options.dataDir, options.current);
  try {
    const file = readKeyFile(options.dataDir);
    const { slots, checksum: _checksum, ...header } = file;
    const passphrase = await passphraseSlot(header, dataKey, options.next, options.scrypt ?? scryptOf(file));
    removeStaleTemps(keyFilePath(options.dataDir));
    writeKeyFile(options.dataDir, { ...header, slots: { ...slots, passphrase } });
  } finally {
    dataKey.fill(0);
  }
}

const scryptOf = (file: KeyFile): ScryptParams => {
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
