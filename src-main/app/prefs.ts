import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/vault';

// Preferences that must be readable while the database is locked; nothing secret.
const prefsFileName = 'komet.prefs.json';
export const defaultAutoLockMinutes = 10;

export function readAutoLockMinutes(dataDir: string): number {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(dataDir, prefsFileName), 'utf8'));
    const minutes = (value as { autoLockMinutes?: unknown } | null)?.autoLockMinutes;
    return typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= 240 ? minutes : defaultAutoLockMinutes;
  } catch {
    return defaultAutoLockMinutes;
  }
}

export function writeAutoLockMinutes(dataDir: string, minutes: number): void {
  writeFileAtomic(path.join(dataDir, prefsFileName), `${JSON.stringify({ autoLockMinutes: minutes }, null, 2)}\n`);
}
