import os from 'node:os';
import path from 'node:path';

/**
 * The per-user data folder, matching Electron's `userData` for an app named Komet so every shell
 * (Electron, browser, CLI) finds the same database. KOMET_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KOMET_DATA_DIR) return path.resolve(env.KOMET_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Komet');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Komet');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Komet');
}

export const databaseFileName = 'komet.db';
export const defaultDatabasePath = (dataDir = defaultDataDir()) => path.join(dataDir, databaseFileName);
