import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { copyEncryptedWith, integrityErrors, openConnection, setWalMode, tableRowCounts } from '../repos/backup-repo';
import { fsyncDir, fsyncFile, removeStaleTemps } from './atomic-file';
import { checkPassphrasePolicy } from './errors';
import { adoptLegacyBackups, rewrapKeyCopies } from './key-copies';
import { associatedData, keyFilePath, peekKeyId, readKeyFile, seal, writeKeyFile, type KeyFile, type ScryptParams } from './key-file';
import { forget, keyringOf, sealRetired, type Keyring } from './keyring';
import { generateRecoveryKey } from './recovery-key';
import { dataKeyBytes, kekFor, newRecoveryKdf, newScryptKdf, openSlot, passphraseKek, recoveryKek, scryptOf, type Credential } from './vault';

const rekeyingPath = (databasePath: string) => `${databasePath}.rekeying`;

function opensWith(file: string, key: Buffer): boolean {
  try {
    openConnection(file, { key, readonly: true }).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * A rekey killed after its key file was written but before the database file was swapped leaves
 * the database under the old key and its copy under the new one: the copy is the database now.
 * Killed earlier, the copy is under a key nobody holds and goes. A key file's half-written temp
 * beside it goes too: the key file itself was replaced atomically or not at all.
 */
export function finishInterruptedRekey(databasePath: string, key: Buffer): void {
  removeStaleTemps(keyFilePath(path.dirname(databasePath)));
  const temp = rekeyingPath(databasePath);
  if (!fs.existsSync(temp)) return;
  if (!opensWith(databasePath, key) && opensWith(temp, key)) {
    for (const side of ['-wal', '-shm']) fs.rmSync(databasePath + side, { force: true });
    fs.renameSync(temp, databasePath);
    fsyncDir(path.dirname(databasePath));
    return;
  }
  fs.rmSync(temp, { force: true });
}

const notVerified = () =>
  new AppError('io', {
    sv: 'Databasen med den nya nyckeln kunde inte verifieras. Ingenting har ändrats.',
    en: 'The database under the new key could not be verified. Nothing has changed.',
  });

export interface RekeyOptions {
  dataDir: string;
  databasePath: string;
  backupsDir: string;
  current: Credential;
  next: string;
  /** Only tests lower this. */
  scrypt?: ScryptParams;
  isBackupName: (name: string) => boolean;
  clock?: { now(): string };
}

/**
 * Replaces the data key, the recovery key and the key id, under a new passphrase: afterwards the
 * old passphrase and the old recovery key open nothing, not the database and not a backup. The
 * database must be closed by the caller. In order, each step leaving a state that opens:
 * 1. the database is copied under the new key beside the old file and verified;
 * 2. every backup's key copy is rewrapped (same key id) under the new passphrase and recovery key;
 * 3. the key file is replaced by its successor, which names the old key id and carries the old
 *    data keys still used by backups (retired), so the open vault reads and restores them;
 * 4. the copy takes the database's name (finishInterruptedRekey completes this after a crash).
 * The new recovery key is returned once and never stored.
 */
export async function rekeyVault(options: RekeyOptions): Promise<{ recoveryKey: string; ring: Keyring }> {
  checkPassphrasePolicy(options.next, 'next');
  const old = readKeyFile(options.dataDir);
  const { slot, kek } = await kekFor(old, options.current);
  const oldRing = keyringOf(old, openSlot(old, slot, kek));
  const temp = rekeyingPath(options.databasePath);
  try {
    // Backups of the old layout get their own copies first, so step 2 rewraps them too.
    adoptLegacyBackups(options.backupsDir, old, oldRing, options.isBackupName);

    const dataKey = crypto.randomBytes(dataKeyBytes);
    const header = {
      format: 'komet-keys' as const,
      version: 1 as const,
      keyId: crypto.randomBytes(16).toString('base64'),
      userName: old.userName,
      createdAt: options.clock?.now() ?? new Date().toISOString(),
      cipher: 'chacha20' as const,
    };
    const recovery = generateRecoveryKey();
    const pKdf = newScryptKdf(options.scrypt ?? scryptOf(old));
    const rKdf = newRecoveryKdf();
    const keks = { passphrase: await passphraseKek(options.next, pKdf), recovery: recoveryKek(recovery.bytes, rKdf.salt) };
    recovery.bytes.fill(0);
    const slots = {
      passphrase: { kdf: pKdf, ...seal(keks.passphrase, dataKey, associatedData(header, 'passphrase', pKdf)) },
      recovery: { kdf: rKdf, ...seal(keks.recovery, dataKey, associatedData(header, 'recovery', rKdf)) },
    };
    // Old keys are carried only while some backup still needs them.
    const used = keyIdsOfCopies(options.backupsDir);
    const everyOld: [string, Buffer][] = [[oldRing.keyId, oldRing.key], ...oldRing.retired];
    const retiredKeys = new Map(everyOld.filter(([id]) => used.has(id)));
    const retired = [...retiredKeys].map(([id, k]) => sealRetired(dataKey, header.keyId, id, k));
    const next: Omit<KeyFile, 'checksum'> = { ...header, slots, previousKeyId: old.keyId, ...(retired.length ? { retired } : {}) };
    const ring: Keyring = { keyId: header.keyId, key: dataKey, retired: new Map([...retiredKeys].map(([id, k]) => [id, Buffer.from(k)])) };

    // 1.
    fs.rmSync(temp, { force: true });
    copyEncryptedWith(options.databasePath, oldRing.key, temp, dataKey);
    verifySameDatabase(options.databasePath, oldRing.key, temp, dataKey);
    fsyncFile(temp);
    // 2.
    rewrapKeyCopies(options.backupsDir, next, ring, keks);
    // 3.
    removeStaleTemps(keyFilePath(options.dataDir));
    writeKeyFile(options.dataDir, next);
    // 4.
    for (const side of ['-wal', '-shm']) fs.rmSync(options.databasePath + side, { force: true });
    fs.renameSync(temp, options.databasePath);
    fsyncDir(path.dirname(options.databasePath));
    return { recoveryKey: recovery.text, ring };
  } catch (err) {
    // Before step 3 the vault still runs on the old key: the copy goes, and the key copies are
    // put back under the old passphrase where it was the credential given. After step 3,
    // finishInterruptedRekey completes the swap at the next unlock.
    if (peekKeyId(keyFilePath(options.dataDir)) === old.keyId) {
      fs.rmSync(temp, { force: true });
      if (slot === 'passphrase') {
        try {
          rewrapKeyCopies(options.backupsDir, old, oldRing, { passphrase: kek });
        } catch {
          // The error that stopped the rekey is the one to report.
        }
      }
    }
    throw err;
  } finally {
    forget(oldRing);
  }
}

function verifySameDatabase(source: string, sourceKey: Buffer, copyFile: string, copyKey: Buffer): void {
  const a = openConnection(source, { key: sourceKey, readonly: true });
  let counts: string;
  try {
    counts = JSON.stringify(tableRowCounts(a));
  } finally {
    a.close();
  }
  const b = openConnection(copyFile, { key: copyKey });
  try {
    if (integrityErrors(b, 'quick').length || JSON.stringify(tableRowCounts(b)) !== counts) throw notVerified();
    setWalMode(b);
  } finally {
    b.close();
  }
}

function keyIdsOfCopies(dir: string): Set<string> {
  const ids = new Set<string>();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return ids;
  }
  for (const name of names) {
    if (!name.endsWith('.keys.json')) continue;
    const id = peekKeyId(path.join(dir, name));
    if (id) ids.add(id);
  }
  return ids;
}
