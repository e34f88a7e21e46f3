export { asDiskError, backupNow, backupIfDue, describeBackup, listBackups, pruneBackups, backupNames, backupsDirOf, removeStaleBackupTemps, type BackupInfo, type BackupOptions } from './backup';
export { restoreBackup, type RestoreOptions, type RestoreResult } from './restore';
export { verifyDatabaseFile, type Verification, type BackupProblem, type VerifyDepth } from './verify';
export { backupsToKeep, defaultRetention, type RetentionPolicy } from './retention';
export { backupFileName, parseBackupFileName, type BackupReason } from './names';
