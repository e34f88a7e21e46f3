import type { FollowUp, SupervisionSession } from '../../contract';
import type { Clock } from '../clock';
import { fieldErrorWith } from '../domain/errors';
import type { Repos } from '../repos';
import type { FollowUpRow } from '../repos/supervision';
import { followUpMissing, supervisionMissing } from './leader-checks';

/** Reads supervision sessions and follow-ups as the contract shows them (shared by both services). */
export function supervisionReader(repos: Repos, clock: Pick<Clock, 'today'>) {
  const toFollowUp =
    (today: string) =>
    (f: FollowUpRow): FollowUp => ({ ...f, done: f.done === 1, overdue: f.done === 0 && f.dueDate < today });

  const assemble = (ids: string[]): SupervisionSession[] => {
    const rows = ids.map((id) => repos.supervision.get(id)).filter((r) => r !== undefined);
    if (!rows.length) return [];
    const byId = <T extends { supervisionId: string }>(xs: T[]) => {
      const m = new Map<string, T[]>();
      for (const x of xs) m.set(x.supervisionId, [...(m.get(x.supervisionId) ?? []), x]);
      return m;
    };
    const present = byId(repos.supervision.presentOf(ids));
    const discussed = byId(repos.supervision.discussedOf(ids));
    const followUps = byId(repos.supervision.followUpsOf(ids));
    const today = clock.today();
    return rows.map((r) => ({
      ...r,
      leaders: (present.get(r.id) ?? [])
        .map(({ leaderId, name, rating, note }) => ({ leaderId, name, rating, note }))
        .sort((a, b) => a.name.localeCompare(b.name, 'sv-SE')),
      groups: (discussed.get(r.id) ?? []).map(({ supervisionId: _, ...g }) => g),
      followUps: (followUps.get(r.id) ?? []).map(toFollowUp(today)),
    }));
  };
  const session = (id: string): SupervisionSession =>
    assemble([id])[0] ??
    (() => {
      throw supervisionMissing();
    })();
  const followUp = (id: string): FollowUp => {
    const f = repos.supervision.followUp(id);
    if (!f) throw followUpMissing();
    return toFollowUp(clock.today())(f);
  };

  return { toFollowUp, assemble, session, followUp };
}

/** A follow-up is due on or after its supervision and concerns a leader who was there, if anyone. */
export function validateFollowUp(f: { leaderId: string | null; dueDate: string }, s: { date: string; leaderIds: string[] }, path: string): void {
  if (f.dueDate < s.date) {
    throw fieldErrorWith(`${path}dueDate`, {
      sv: 'Uppföljningen kan inte förfalla före handledningen.',
      en: 'A follow-up cannot be due before the supervision.',
    });
  }
  const leaderIds = s.leaderIds;
  if (f.leaderId !== null && !leaderIds.includes(f.leaderId)) {
    throw fieldErrorWith(`${path}leaderId`, {
      sv: 'Uppföljningen kan bara gälla en gruppledare som var med på handledningen.',
      en: 'A follow-up can only concern a group leader who attended the supervision.',
    });
  }
}
