import fs from 'node:fs';
import path from 'node:path';
import { openConnection } from '../repos/backup-repo';
import { isPlaintextDatabase } from './encrypt-in-place';
import { associatedData, keyFileName, peekKeyId, readKeyFileAt, seal, writeKeyFileAt, type Kek, type KeyFile } from './key-file';
import { keyFor, lineage, type Keyring } from './keyring';
import { shredFile } from './shred';

/**
 * Every backup carries its own key file, `<backup>.keys.json`: the backup's data key wrapped under
 * the passphrase and recovery key current now, so each backup opens on its own (another computer,
 * a USB stick, `komet check --db BACKUP`). The layout before it, one shared `komet.keys.json` in
 * the backups folder, is still read, and its backups get their own copies once they are known to
 * open with this vault's key.
 */
export const keyCopyPath = (file: string) => `${file}.keys.json`;

export type KeyFileBody = Omit<KeyFile, 'checksum'>;

export const headerOf = (file: KeyFileBody) => {
  const { format, version, keyId, userName, createdAt, cipher } = file;
  return { format, version, keyId, userName, createdAt, cipher };
};

/** A backup's copy needs the slots only: retired keys stay in the data folder's key file. */
export const copyOf = (file: KeyFileBody): KeyFileBody => ({ ...headerOf(file), slots: file.slots });

/** Refused (by writeKeyFileAt) where a copy of another key id already lies. */
export const writeKeyCopy = (backupFile: string, main: KeyFileBody) => writeKeyFileAt(keyCopyPath(backupFile), copyOf(main));

const isCopyName = (name: string) => name.endsWith('.db.keys.json');
// Dated backups, before-restore and raw copies (names from core/backup/names.ts).
const isBackupFileName = (name: string) => /^komet-[\w-]*\.db$/.test(name);
const safeReaddir = (dir: string) => {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
};

export interface Keks {
  passphrase: Kek;
  /** Only when the recovery key itself was typed; otherwise recovery slots are kept as they are. */
  recovery?: Kek;
}

/**
 * Rewraps every key copy in `dir` that belongs to this vault under the key file `main` (its new
 * passphrase or, after a rekey, its new recovery key too), so an old passphrase opens no backup.
 * Copies of the current key are the main file's slots; copies of a retired key get that key
 * sealed under the same key-encryption keys, with the same salts, so one derivation opens all.
 * Copies of other vaults are left alone.
 */
export function rewrapKeyCopies(dir: string, main: KeyFileBody, ring: Keyring, keks: Keks): void {
  const ours = lineage(ring);
  for (const name of safeReaddir(dir).filter(isCopyName)) {
    const file = path.join(dir, name);
    const id = peekKeyId(file);
    if (id === null || !ours.has(id)) continue;
    if (id === main.keyId) {
      writeKeyFileAt(file, copyOf(main));
      continue;
    }
    const dataKey = keyFor(ring, id)!;
    let header;
    let recovery;
    try {
      const copy = readKeyFileAt(file);
      header = headerOf(copy);
      recovery = copy.slots.recovery;
    } catch {
      header = { ...headerOf(main), keyId: id };
    }
    const pKdf = main.slots.passphrase.kdf;
    const rKdf = main.slots.recovery.kdf;
    const passphrase = { kdf: pKdf, ...seal(keks.passphrase, dataKey, associatedData(header, 'passphrase', pKdf)) };
    if (keks.recovery) recovery = { kdf: rKdf, ...seal(keks.recovery, dataKey, associatedData(header, 'recovery', rKdf)) };
    // Without the recovery key and without a readable copy there is no recovery slot to keep.
    if (!recovery) continue;
    writeKeyFileAt(file, { ...header, slots: { passphrase, recovery } });
  }
}

function opensWith(file: string, key: Buffer): boolean {
  try {
    openConnection(file, { key, readonly: true }).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives each backup of the old layout (no copy of its own) a copy of `main`, when it opens with
 * the current key; then the shared copy, if it is this vault's, is overwritten and removed, since
 * it still opens with whatever passphrase was current when it was written. A shared copy of
 * another key id is the only key to other backups and stays.
 */
export function adoptLegacyBackups(dir: string, main: KeyFileBody, ring: Keyring, isBackupName: (name: string) => boolean = isBackupFileName): number {
  let adopted = 0;
  for (const name of safeReaddir(dir).filter(isBackupName)) {
    const file = path.join(dir, name);
    if (fs.existsSync(keyCopyPath(file)) || isPlaintextDatabase(file)) continue;
    if (!opensWith(file, ring.key)) continue;
    writeKeyCopy(file, main);
    adopted += 1;
  }
  const shared = path.join(dir, keyFileName);
  const sharedId = peekKeyId(shared);
  if (sharedId !== null && lineage(ring).has(sharedId)) shredFile(shared);
  return adopted;
}
