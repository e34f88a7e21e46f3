// Subpath imports: the package root pulls in hundreds of modules, slow for the CLI's cold start.
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { localDayKey, newestFirst as byNewest, type ParsedBackupName } from './names';

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  /** Copies saved before a restore are kept this long whatever the ladder says. */
  beforeRestoreDays: number;
}

export const defaultRetention: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12, beforeRestoreDays: 30 };

const bucketers: [keyof Pick<RetentionPolicy, 'daily' | 'weekly' | 'monthly'>, (d: Date) => string][] = [
  ['daily', localDayKey],
  ['weekly', (d) => `${getISOWeekYear(d)}-W${getISOWeek(d)}`],
  ['monthly', (d) => `${d.getFullYear()}-${d.getMonth() + 1}`],
];

/**
 * The ladder: the newest backup of each of the last `daily` days that have one, of the last
 * `weekly` ISO weeks and of the last `monthly` months. Counting days that *have* backups (rather
 * than calendar days) means a laptop left in a drawer for a month still comes back with a week
 * of history. The newest backup is always kept, and so is every backup of today (a manual or
 * quit backup never pushes out the one made earlier the same day): the ladder thins a day only
 * once it is over.
 */
export function backupsToKeep(backups: ParsedBackupName[], now: Date, policy: RetentionPolicy = defaultRetention): Set<string> {
  const newestFirst = [...backups].sort(byNewest);
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  for (const backup of newestFirst) if (backup.date.getTime() >= startOfToday) keep.add(backup.name);
  for (const [level, bucketOf] of bucketers) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= policy[level]) break;
      const bucket = bucketOf(backup.date);
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      keep.add(backup.name);
    }
  }
  const protectFrom = now.getTime() - policy.beforeRestoreDays * 24 * 60 * 60 * 1000;
  for (const backup of newestFirst) {
    if (backup.beforeRestore && backup.date.getTime() >= protectFrom) keep.add(backup.name);
  }
  return keep;
}
