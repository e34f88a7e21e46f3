import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../core/backup';
import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { BackupEntry } from '../../contract';
import type { VaultHandlers } from '../router';
import type { VaultSession } from '../vault-session';
import { vaultAudit } from './vault-audit';

export const toBackupEntry = (b: BackupInfo): BackupEntry => ({
  name: b.name,
  date: b.date.toISOString(),
  size: b.size,
  counts: b.counts,
  ok: b.ok,
  ...(b.problem ? { problem: b.problem } : {}),
  beforeRestore: b.beforeRestore,
});

const backupMissing = () => new AppError('not_found', { sv: 'Säkerhetskopian finns inte (längre).', en: 'The backup does not exist (any more).' });

/** The backups folder's file for a listed name; the name was checked against the pattern. */
function backupFileFor(backupsDir: string, name: string): string {
  const file = path.join(backupsDir, path.basename(name));
  if (!fs.existsSync(file)) throw backupMissing();
  return file;
}

/** Backups: listed, made and restored by the vault session, which holds the keys they need. */
export function backupHandlers({ session, clock }: { session: VaultSession; clock: Clock }): Pick<VaultHandlers, `backups.${string}` & keyof VaultHandlers> {
  const now = () => new Date(Date.parse(clock.now()));
  const auditVault = vaultAudit(session, clock);
  return {
    'backups.list': () => session.listBackups().map(toBackupEntry),
    'backups.create': () => {
      const info = session.backupNow('manual');
      session.pruneBackups(now());
      return toBackupEntry(info);
    },
    'backups.restore': ({ name }) => {
      const result = session.restore(backupFileFor(session.backupsDir, name));
      auditVault('backups.restore', name);
      return { restored: name, beforeRestore: result.beforeRestore?.name ?? null, counts: result.counts };
    },
  };
}
