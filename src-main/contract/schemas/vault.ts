import { z } from 'zod';
import { msg } from '../messages';
import { oneLine, timestamp, tooLong } from './common';
import { BACKUP_PROBLEMS, VAULT_STATES } from '../enums';
import { textLimits } from '../limits';

/** Passphrases are counted in characters as typed (code points), never trimmed. */
const charCount = (s: string) => [...s.normalize('NFC')].length;
const passphrase = z
  .string({ error: msg('passphraseLength') })
  .max(4096, { error: msg('passphraseLength') })
  .refine((s) => charCount(s) >= 12 && charCount(s) <= 1024, { error: msg('passphraseLength') });
const repeat = z.string({ error: msg('passphraseRepeat') }).max(4096, { error: msg('passphraseRepeat') });

export const vaultState = z.enum(VAULT_STATES);
export const backupProblem = z.enum(BACKUP_PROBLEMS);

/** One backup file as the restore screen lists it; `name` is the only handle a restore accepts. */
export const backupEntry = z.object({
  name: z.string(),
  /** When it was made (ISO timestamp, from the file name's local time). */
  date: timestamp,
  size: z.number().int().nonnegative(),
  /** Rows per table, e.g. {groups: 170, participants: 1200}; empty when the file cannot be read. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  ok: z.boolean(),
  problem: backupProblem.optional(),
  /** The copy saved automatically just before a restore. */
  beforeRestore: z.boolean(),
});

export const autoLockMinutes = z
  .number({ error: msg('autoLockMinutes') })
  .int({ error: msg('autoLockMinutes') })
  .min(1, { error: msg('autoLockMinutes') })
  .max(240, { error: msg('autoLockMinutes') });

export const vaultStatus = z.object({
  state: vaultState,
  /** The vault owner's name (locked/unlocked/damaged after an unlock). */
  userName: z.string().optional(),
  /** While locked after repeated wrong passphrases: how long until the next try is accepted. */
  retryAfterMs: z.number().int().nonnegative().optional(),
  autoLockMinutes: z.number().int(),
  /** An unencrypted database (demo, benchmark): it has no passphrase, so there is nothing to lock. */
  unencrypted: z.literal(true).optional(),
  /** Why the state is 'damaged', in words for the user. */
  problem: z.object({ code: z.string(), message: z.object({ sv: z.string(), en: z.string() }) }).optional(),
  /** Only when damaged: the backups that could replace the database, newest first. */
  backups: backupEntry.array().optional(),
  /**
   * Only when new: backups already in the folder (an earlier installation's), newest first. They
   * cannot be checked without their passphrase; setup offers to restore one and never prunes them.
   */
  earlierBackups: z.object({ name: z.string(), date: timestamp }).array().optional(),
});

const userName = z
  .string({ error: msg('userName') })
  .trim()
  .min(1, { error: msg('userName') })
  .max(textLimits.userName, { error: msg('userName') })
  .refine(oneLine, { error: msg('controlChars') });

export const vaultSetup = z
  .object({ userName, passphrase, passphraseRepeat: repeat })
  .strict()
  .refine((v) => v.passphrase === v.passphraseRepeat, { error: msg('passphraseRepeat'), path: ['passphraseRepeat'] });
export const vaultSetupResult = z.object({
  recoveryKey: z.string(),
  /** Plaintext backups of an encrypted legacy database, now encrypted / overwritten and removed. */
  backupsEncrypted: z.number().int().nonnegative().optional(),
  backupsRemoved: z.number().int().nonnegative().optional(),
});

export const vaultUnlock = z
  .object({
    passphrase: z
      .string({ error: msg('required') })
      .min(1, { error: msg('required') })
      .max(4096),
  })
  .strict();

export const vaultUnlockWithRecoveryKey = z
  .object({
    recoveryKey: z
      .string({ error: msg('recoveryKey') })
      .trim()
      .min(1, { error: msg('recoveryKey') })
      .max(textLimits.recoveryKey, { error: msg('recoveryKey') }),
    newPassphrase: passphrase,
    newPassphraseRepeat: repeat,
  })
  .strict()
  .refine((v) => v.newPassphrase === v.newPassphraseRepeat, { error: msg('passphraseRepeat'), path: ['newPassphraseRepeat'] });

export const vaultChangePassphrase = z
  .object({
    current: z
      .string({ error: msg('required') })
      .min(1, { error: msg('required') })
      .max(4096),
    next: passphrase,
    nextRepeat: repeat,
  })
  .strict()
  .refine((v) => v.next === v.nextRepeat, { error: msg('passphraseRepeat'), path: ['nextRepeat'] });

export const vaultSetAutoLock = z.object({ minutes: autoLockMinutes }).strict();

/** New data key, recovery key and key id; the old passphrase and recovery key then open nothing. */
export const vaultRekey = vaultChangePassphrase;
export const vaultRekeyResult = z.object({ recoveryKey: z.string() });

/** A backup is named, never pathed: only names the backups folder lists are accepted. */
export const backupName = z.string({ error: msg('backupName') }).regex(/^komet-\d{8}-\d{6}(?:-\d+)?(?:-before-restore)?\.db$/, { error: msg('backupName') });
export const backupsRestore = z.object({ name: backupName }).strict();

/** Setup's alternative: a backup found in the folder, opened with its passphrase or recovery key. */
export const vaultRestoreFromBackup = z
  .object({
    name: backupName,
    secret: z
      .string({ error: msg('required') })
      .min(1, { error: msg('required') })
      .max(4096),
  })
  .strict();
export const backupsRestoreResult = z.object({
  restored: z.string(),
  /** The copy of the database as it was just before (null when there was none). */
  beforeRestore: z.string().nullable(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});

export const auditList = z
  .object({
    /** YYYY-MM-DD or an ISO timestamp: entries at or after it. */
    since: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: msg('date') })
      .optional(),
    entity: z.string().max(textLimits.auditEntity, tooLong).optional(),
    actor: z.string().max(textLimits.auditActor, tooLong).optional(),
    limit: z.number().int().min(1).max(500).optional().default(100),
    offset: z.number().int().min(0).max(1_000_000_000).optional().default(0),
  })
  .strict()
  .optional()
  .default({ limit: 100, offset: 0 });
export const auditRow = z.object({
  id: z.number().int(),
  at: timestamp,
  actor: z.string(),
  procedure: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  fields: z.string().array(),
});
export const auditPage = z.object({ rows: auditRow.array(), total: z.number().int().nonnegative() });

export type VaultState = z.infer<typeof vaultState>;
export type VaultStatusValue = z.infer<typeof vaultStatus>;
export type BackupEntry = z.infer<typeof backupEntry>;
export type BackupsRestoreResult = z.infer<typeof backupsRestoreResult>;
export type AuditRowValue = z.infer<typeof auditRow>;
export type AuditPage = z.infer<typeof auditPage>;
