import fs from 'node:fs';
import path from 'node:path';
import {
  backupIfDue,
  backupNames,
  backupNow,
  describeBackup,
  listBackups,
  pruneBackups,
  tidyBackups,
  type BackupInfo,
  type BackupReason,
} from '../core/backup';
import type { KometDb } from '../core/db/open';
import { keyCopyPath, keyFor, peekKeyId, type Keyring } from '../core/vault';

/** The data key a backup is encrypted with, if this vault holds it (legacy backups: the current one). */
export function keyOfBackup(ring: Keyring, file: string): Buffer | undefined {
  const copy = keyCopyPath(file);
  return fs.existsSync(copy) ? keyFor(ring, peekKeyId(copy)) : ring.key;
}

export interface VaultBackupsOptions {
  backupsDir: string;
  keyFile: string;
  /** An unencrypted database: backups without a key. */
  keyless: boolean;
  /** The open database and its data key (none when keyless); throws `locked` otherwise. */
  unlocked(): { db: KometDb; key: Buffer | undefined };
  /** The keys while unlocked or damaged; throws `locked` otherwise. */
  ring(): Keyring;
}

/**
 * Making, listing and thinning the vault's backups with the keys the vault session holds. Each
 * listed file is verified once and remembered until it (or its key copy) changes: at scale a
 * verification costs seconds per file.
 */
export function vaultBackups({ backupsDir, keyFile, keyless, unlocked, ring: keys }: VaultBackupsOptions) {
  const verified = new Map<string, { stamp: string; info: BackupInfo }>();
  return {
    backupNow: (reason: BackupReason = 'manual'): BackupInfo => {
      const { db, key } = unlocked();
      const info = key ? backupNow(db, { dir: backupsDir, reason, key, keyFile }) : backupNow(db, { dir: backupsDir, reason });
      // Just verified while written: the list need not reopen it.
      const st = fs.statSync(info.file);
      verified.set(info.name, { stamp: `${st.size}:${st.mtimeMs}`, info });
      return info;
    },
    backupIfDue: (now = new Date()): BackupInfo | null => {
      const { db, key } = unlocked();
      return key ? backupIfDue(db, { dir: backupsDir, key, keyFile, now }) : null;
    },
    /** Thins this vault's backups by the retention ladder; other installations' stay. */
    pruneBackups: (now = new Date()): string[] =>
      keyless ? pruneBackups(backupsDir, now, { plain: true }) : tidyBackups(backupsDir, now, { key: keys().key, keyFile }),
    /** Newest first; each file is verified once and remembered until it changes. */
    listBackups: (): BackupInfo[] => {
      if (keyless) return listBackups(backupsDir, undefined);
      const ring = keys();
      return backupNames(backupsDir).map((b) => {
        const file = path.join(backupsDir, b.name);
        let stamp = '';
        try {
          const st = fs.statSync(file);
          const copy = fs.statSync(keyCopyPath(file), { throwIfNoEntry: false });
          stamp = `${st.size}:${st.mtimeMs}:${copy?.mtimeMs ?? ''}`;
        } catch {
          // Vanished meanwhile; verification reports it missing.
        }
        const hit = verified.get(b.name);
        if (hit && hit.stamp === stamp) return hit.info;
        const key = keyOfBackup(ring, file);
        const info: BackupInfo = key
          ? describeBackup(backupsDir, b, key)
          : { file, ...b, size: fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0, ok: false, problem: 'other_key', counts: {} };
        verified.set(b.name, { stamp, info });
        return info;
      });
    },
    /** After a rekey every key copy is new: verify again. */
    forgetVerified: () => verified.clear(),
  };
}
