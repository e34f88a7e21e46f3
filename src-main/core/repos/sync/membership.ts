import type Database from 'better-sqlite3';
import { z } from 'zod';

const stored = z.object({ identity: z.object({ role: z.string(), units: z.array(z.string()) }) });

/**
 * Whose machine this is on the sync server, as far as the app's own rules need it: the role and
 * units, never the credential beside them. Null when the database has not joined a server.
 */
export function syncMembershipRepo(sqlite: Database.Database) {
  const raw = sqlite.prepare<[], string>("select value from sync_meta where key = 'membership'").pluck();
  return {
    scope(): { role: string; units: string[] } | null {
      const value = raw.get();
      if (!value) return null;
      try {
        const parsed = stored.safeParse(JSON.parse(value));
        return parsed.success ? parsed.data.identity : null;
      } catch {
        return null;
      }
    },
  };
}
