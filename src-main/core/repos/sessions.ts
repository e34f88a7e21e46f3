import { and, asc, eq, sql } from 'drizzle-orm';
import type { Session } from '../../contract';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { groups, sessions } from '../db/schema';
import { sessionId } from '../sync/stable-id';

export type SessionRow = typeof sessions.$inferSelect;
export type SessionChange = Partial<Pick<SessionRow, 'plannedDate' | 'status' | 'heldDate' | 'cancelReason' | 'participantCount' | 'familyCount'>>;

export function sessionRepo(orm: Orm, clock: Clock) {
  return {
    get(id: string): Session | undefined {
      return orm.select().from(sessions).where(eq(sessions.id, id)).get();
    },
    /** The session together with the status of its group, which decides what may be recorded. */
    getWithGroupStatus(id: string): { session: Session; groupStatus: (typeof groups.$inferSelect)['status'] } | undefined {
      return orm
        .select({ session: sessions, groupStatus: groups.status })
        .from(sessions)
        .innerJoin(groups, eq(groups.id, sessions.groupId))
        .where(eq(sessions.id, id))
        .get();
    },
    forGroup(groupId: string): Session[] {
      return orm.select().from(sessions).where(eq(sessions.groupId, groupId)).orderBy(asc(sessions.number)).all();
    },
    /** Inserts sessions numbered from `firstNumber`, one per date. */
    insertMany(groupId: string, dates: readonly string[], firstNumber: number, isExtra: boolean): string[] {
      const now = clock.now();
      const rows = dates.map((plannedDate, i) => ({
        // The same number in the same group is the same session on every laptop.
        id: sessionId(groupId, firstNumber + i),
        groupId,
        number: firstNumber + i,
        plannedDate,
        status: 'planned' as const,
        isExtra,
        createdAt: now,
        updatedAt: now,
      }));
      if (rows.length) orm.insert(sessions).values(rows).run();
      return rows.map((r) => r.id);
    },
    update(id: string, change: SessionChange): Session {
      orm
        .update(sessions)
        .set({ ...change, updatedAt: clock.now() })
        .where(eq(sessions.id, id))
        .run();
      return this.get(id)!;
    },
    delete(id: string): void {
      orm.delete(sessions).where(eq(sessions.id, id)).run();
    },
    maxNumber(groupId: string): number {
      return orm
        .select({ n: sql<number>`coalesce(max(${sessions.number}), 0)`.mapWith(Number) })
        .from(sessions)
        .where(eq(sessions.groupId, groupId))
        .get()!.n;
    },
    heldCount(groupId: string): number {
      return orm
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(sessions)
        .where(and(eq(sessions.groupId, groupId), eq(sessions.status, 'held')))
        .get()!.n;
    },
  };
}
export type SessionRepo = ReturnType<typeof sessionRepo>;
