import type { Session } from '../../contract';
import { dateInWords as words } from './dates-in-words';
import { fieldErrorWith } from './errors';

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date a session stands for: the day it was held, otherwise the day it is planned for. */
const dateOf = (s: Pick<Session, 'status' | 'heldDate' | 'plannedDate'>) => (s.status === 'held' && s.heldDate ? s.heldDate : s.plannedDate);

/**
 * Checks a group's sessions after some of them got new dates (`moved` holds their ids). Cancelled
 * sessions take no day, so they neither collide nor need to keep their order. A moved session may
 * not fall before the group's start or on a day another session already has; it may fall out of
 * order only when the user has said so.
 */
export function checkSessionDates(all: readonly Session[], moved: ReadonlySet<string>, startDate: string, allowOutOfOrder: boolean): void {
  const counted = all.filter((s) => s.status !== 'cancelled').sort((a, b) => a.number - b.number);
  for (const s of all.filter((x) => moved.has(x.id))) {
    const date = dateOf(s);
    if (date < startDate) {
      throw fieldErrorWith('plannedDate', {
        sv: `Träff ${s.number} kan inte flyttas till ${words(date).sv}: gruppen startar ${words(startDate).sv}. Ändra gruppens startdatum först om den ska börja tidigare.`,
        en: `Session ${s.number} cannot be moved to ${words(date).en}: the group starts on ${words(startDate).en}. Change the group's start date first if it should begin earlier.`,
      });
    }
    const same = s.status === 'cancelled' ? undefined : counted.find((o) => o.id !== s.id && dateOf(o) === date);
    if (same) {
      throw fieldErrorWith('plannedDate', {
        sv: `Träff ${same.number} är redan ${words(date).sv}. Välj en annan dag för träff ${s.number}.`,
        en: `Session ${same.number} is already on ${words(date).en}. Choose another day for session ${s.number}.`,
      });
    }
  }
  if (allowOutOfOrder) return;
  for (let i = 1; i < counted.length; i++) {
    const before = counted[i - 1]!;
    const after = counted[i]!;
    if ((moved.has(before.id) || moved.has(after.id)) && dateOf(after) < dateOf(before)) {
      throw fieldErrorWith('plannedDate', {
        sv: `Träff ${after.number} (${words(dateOf(after)).sv}) skulle komma före träff ${before.number} (${words(dateOf(before)).sv}). Bekräfta att ordningen ska ändras, eller flytta även de följande träffarna.`,
        en: `Session ${after.number} (${words(dateOf(after)).en}) would come before session ${before.number} (${words(dateOf(before)).en}). Confirm that the order should change, or move the following sessions too.`,
      });
    }
  }
}
