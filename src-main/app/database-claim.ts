import path from 'node:path';
import { acquireWriteLock } from '../core/db/write-lock';
import { AppError } from '../core/errors';

/**
 * One runtime per data folder and process (two would each think they own the key), and one
 * writing process per database: the runtime holds the database's write lock for its whole life,
 * so a restore or a second app cannot replace the file under it, locked or unlocked.
 */
const claimed = new Set<string>();
export function claimDatabase(databasePath: string): () => void {
  const key = path.resolve(databasePath);
  if (claimed.has(key)) {
    throw new AppError('conflict', {
      sv: 'Databasen är redan öppen i den här processen.',
      en: 'The database is already open in this process.',
    });
  }
  const releaseLock = acquireWriteLock(key);
  claimed.add(key);
  return () => {
    claimed.delete(key);
    releaseLock();
  };
}
