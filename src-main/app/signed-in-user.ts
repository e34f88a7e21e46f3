import os from 'node:os';

/**
 * The account signed in to this computer. An unencrypted database has no vault user, so its audit
 * log names the person at the keyboard this way rather than the program ("cli") they started.
 */
export function signedInUser(): string {
  try {
    return os.userInfo().username.trim() || 'local';
  } catch {
    // No passwd entry for the user (some containers): the log still needs a name.
    return 'local';
  }
}
