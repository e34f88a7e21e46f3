import { createHash } from 'node:crypto';

/**
 * Ids derived from what a row is, not from where it was made. Seeded programmes and units, the
 * generic session plans and the dropout reasons exist on every installation; rows with a natural
 * key (a session's number in its group, a leader's certification for a programme) may be made on
 * two laptops before they meet. With the same id on every machine, sync merges them as one row
 * instead of duplicating them or colliding on a unique index.
 *
 * A version-8 (custom) UUID over SHA-256, so the ids pass the contract's uuid check.
 */
export function stableId(kind: string, ...parts: readonly (string | number)[]): string {
  const digest = createHash('sha256')
    .update(['komet', kind, ...parts.map(String)].join('\u0000'))
    .digest();
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * When every seeded row was "made": the same on every installation, so an untouched seed is the
 * same row everywhere, and any edit anyone makes is newer than it.
 */
export const seedTimestamp = '2002-01-01T00:00:00.000Z';

export const programmeSeedId = (code: string) => stableId('programme', code.toLowerCase());
export const unitSeedId = (name: string) => stableId('unit', name.toLowerCase());
export const dropoutReasonSeedId = (code: string) => stableId('dropout_reason', code);
export const sessionPlanId = (programmeId: string, number: number) => stableId('session_plan', programmeId, number);
export const sessionId = (groupId: string, number: number) => stableId('session', groupId, number);
export const certificationId = (leaderId: string, programmeId: string) => stableId('certification', leaderId, programmeId);
