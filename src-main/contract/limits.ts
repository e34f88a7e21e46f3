/**
 * The longest text each field takes, in characters. The schemas refuse longer text with a message
 * that names the limit, and the forms give the same number to the field's `maxlength`, so both
 * read it from here (zod-free, like enums.ts, so the renderer can import the values).
 */
export const textLimits = {
  name: 200,
  venue: 200,
  groupNote: 500,
  search: 100,
  programmeCode: 20,
  syncCode: 2000,
  recoveryKey: 200,
  courseTitle: 200,
  trainerName: 200,
  courseNote: 1000,
  supervisionLeaderNote: 500,
  followUpText: 500,
  supervisionNotes: 4000,
  overrideReason: 2000,
  certificationNote: 1000,
  email: 200,
  phone: 40,
  displayName: 80,
  contact: 200,
  componentLabel: 120,
  planTitle: 120,
  fidelityNote: 500,
  reasonLabel: 120,
  cancelReason: 300,
  auditEntity: 64,
  auditActor: 100,
  userName: 100,
  belowKReason: 1000,
  publicKey: 200,
  path: 4096,
} as const;

export type TextLimit = keyof typeof textLimits;
