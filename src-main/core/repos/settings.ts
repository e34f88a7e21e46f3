import { eq } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { settings } from '../db/schema';

export function settingsRepo(orm: Orm, clock: Clock) {
  return {
    get(key: string): string | undefined {
      return orm.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
    },
    set(key: string, value: string): void {
      const updatedAt = clock.now();
      orm.insert(settings).values({ key, value, updatedAt }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } }).run();
    },
  };
}
export type SettingsRepo = ReturnType<typeof settingsRepo>;
