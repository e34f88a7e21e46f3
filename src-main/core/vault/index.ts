export { createVault, unlockWithPassphrase, unlockWithRecoveryKey, unlockWith, changePassphrase, readVaultInfo, dataKeyBytes, type Credential, type CreateVaultOptions } from './vault';
export { vaultStatus, type VaultStatus } from './status';
export { encryptDatabaseInPlace, isPlaintextDatabase } from './encrypt-in-place';
export { unlockDelayMs } from './throttle';
export { checkPassphrasePolicy, minPassphraseLength } from './errors';
export { keyFileName, keyFilePath, defaultScrypt, type ScryptParams } from './key-file';
export { formatRecoveryKey, parseRecoveryKey } from './recovery-key';
export { writeFileAtomic, fsyncDir } from './atomic-file';
