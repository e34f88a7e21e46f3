import { count, eq, inArray } from 'drizzle-orm';
import type { ResponseSource } from '../../contract/enums';
import type { Orm } from '../db/open';
import { outcomeEntries, outcomeResponses, participants } from '../db/schema';

/** A form typed twice that is no response yet, with how many typings are in (one or two). */
export interface PendingForm {
  participantId: string;
  instrumentCode: string;
  timepoint: string;
  typings: number;
}

/** How a stored response came in, and when it was stored. */
export interface ResponseOrigin {
  participantId: string;
  instrumentCode: string;
  timepoint: string;
  source: ResponseSource | null;
  createdAt: string;
}

/**
 * What the worklist and the group page mark beside their states: forms waiting for their second
 * typing or for reconciliation, and where stored responses came from.
 */
export function outcomeMarkRepo(orm: Orm) {
  const pending = () =>
    orm
      .select({
        participantId: outcomeEntries.participantId,
        instrumentCode: outcomeEntries.instrumentCode,
        timepoint: outcomeEntries.timepoint,
        typings: count(),
      })
      .from(outcomeEntries);
  const groupParticipants = (groupId: string) => orm.select({ id: participants.id }).from(participants).where(eq(participants.groupId, groupId));
  const byForm = [outcomeEntries.participantId, outcomeEntries.instrumentCode, outcomeEntries.timepoint] as const;
  return {
    /** Every pending form; there are few at any time, since each clears once its second typing agrees or is reconciled. */
    pendingForms: (): PendingForm[] =>
      pending()
        .groupBy(...byForm)
        .all(),
    groupPendingForms: (groupId: string): PendingForm[] =>
      pending()
        .where(inArray(outcomeEntries.participantId, groupParticipants(groupId)))
        .groupBy(...byForm)
        .all(),
    groupResponseOrigins: (groupId: string): ResponseOrigin[] =>
      orm
        .select({
          participantId: outcomeResponses.participantId,
          instrumentCode: outcomeResponses.instrumentCode,
          timepoint: outcomeResponses.timepoint,
          source: outcomeResponses.source,
          createdAt: outcomeResponses.createdAt,
        })
        .from(outcomeResponses)
        .where(inArray(outcomeResponses.participantId, groupParticipants(groupId)))
        .all(),
  };
}
