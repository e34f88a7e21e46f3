/**
 * Folders Komet creates for its data are the user's alone: the files in them are encrypted, but
 * other accounts on a shared computer need not even see their names and sizes. (Ignored on
 * Windows, where the profile folder's own permissions apply.)
 */
export const privateDirMode = 0o700;

/** Files Komet writes that may hold data or keys (backups, exports, staged files, key files): readable by the user alone. */
export const privateFileMode = 0o600;
