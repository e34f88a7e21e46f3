import { z } from 'zod';
import { CONFLICT_SIDES, SYNC_ROLES, SYNC_STATES } from '../enums';
import { msg } from '../messages';
import { textLimits } from '../limits';

const bilingual = z.object({ sv: z.string(), en: z.string() });

export const syncJoinInput = z
  .object({
    code: z
      .string({ error: msg('syncCode') })
      .trim()
      .min(10, { error: msg('syncCode') })
      .max(textLimits.syncCode, { error: msg('syncCode') }),
  })
  .strict();
export const syncConflictsInput = z
  .object({ includeResolved: z.boolean().optional().default(false) })
  .strict()
  .optional()
  .default({ includeResolved: false });
export const syncResolveInput = z.object({ id: z.uuid({ error: msg('id') }), choice: z.enum(CONFLICT_SIDES) }).strict();
export const syncDismissInput = z.object({ id: z.string().min(1).max(200) }).strict();

export const syncStatus = z.object({
  joined: z.boolean(),
  server: z.object({ name: z.string(), url: z.string(), fingerprint: z.string() }).nullable(),
  identity: z
    .object({ deviceId: z.string(), personId: z.string().nullable(), name: z.string(), role: z.enum(SYNC_ROLES), units: z.array(z.string()) })
    .nullable(),
  state: z.enum(SYNC_STATES),
  lastSyncedAt: z.string().nullable(),
  unsent: z.number().int(),
  offlineSince: z.string().nullable(),
  openConflicts: z.number().int(),
  refusals: z.array(z.object({ id: z.string(), at: z.string(), scope: z.string(), tables: z.array(z.string()), sv: z.string(), en: z.string() })),
  lastError: bilingual.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatus>;

export const syncResult = z.object({
  sent: z.number().int(),
  received: z.number().int(),
  conflicts: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  converged: z.boolean(),
});

/** One side of a conflict: the value (null for an empty field) or the row's deletion, who wrote it and when. */
const side = z.object({ value: z.string().nullable(), deleted: z.boolean(), who: z.string(), at: z.string() });
export const syncConflict = z.object({
  id: z.string(),
  /** What the conflict is about, e.g. "groups" and the field "note". */
  entity: z.string(),
  field: z.string(),
  /** The row in words (a group's programme and start, a participant's name where this machine may show it). */
  subject: z.string(),
  a: side,
  b: side,
  /** Which of the two the engine kept until someone chooses. */
  current: z.enum(CONFLICT_SIDES),
  /**
   * Set when the two sides are two rows made with the same code or name on two machines: side b
   * gave way everywhere and is now called this. Choosing closes the entry; the names stay.
   */
  renamedTo: z.string().nullable(),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type SyncConflict = z.infer<typeof syncConflict>;
