export {
  createVault,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  unlockWith,
  unlockKeyFile,
  unlockKeyring,
  changePassphrase,
  readVaultInfo,
  dataKeyBytes,
  type Credential,
  type CreateVaultOptions,
} from './vault';
export { vaultStatus, keyFileOf, databaseMissing, setupDatabasePath, type VaultStatus } from './status';
export { encryptDatabaseInPlace, isPlaintextDatabase } from './encrypt-in-place';
export { unlockDelayMs } from './throttle';
export { checkPassphrasePolicy, minPassphraseLength } from './errors';
export { keyFileName, keyFilePath, defaultScrypt, readKeyFileAt, writeKeyFileAt, peekKeyId, type ScryptParams, type KeyFile } from './key-file';
export { keyCopyPath, copyOf, writeKeyCopy, rewrapKeyCopies, adoptLegacyBackups } from './key-copies';
export { keyFor, lineage, forget, cloneKeyring, keyringOf, type Keyring } from './keyring';
export { rekeyVault, finishInterruptedRekey } from './rekey';
export { shredFile } from './shred';
export { formatRecoveryKey, parseRecoveryKey } from './recovery-key';
export { writeFileAtomic, fsyncDir } from './atomic-file';
