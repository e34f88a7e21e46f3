export {
  asDiskError,
  backupNow,
  backupIfDue,
  backupOwner,
  describeBackup,
  isDiskError,
  isOwnBackup,
  listBackups,
  pruneBackups,
  tidyBackups,
  backupNames,
  backupsDirOf,
  removeStaleBackupTemps,
  type BackupInfo,
  type BackupOptions,
  type BackupOwner,
} from './backup';
export { restoreBackup, type RestoreOptions, type RestoreResult } from './restore';
export { verifyDatabaseFile, type Verification, type BackupProblem, type VerifyDepth } from './verify';
export { backupsToKeep, defaultRetention, type RetentionPolicy } from './retention';
export { backupFileName, parseBackupFileName, type BackupReason } from './names';
export { encryptPlainBackups, settleVaultFiles, type EncryptedFiles } from './encrypt-backups';
