import { createHmac, createSecretKey, randomBytes } from 'node:crypto';

/**
 * Keyed pseudonyms. HMAC-SHA256 under a secret export key kept in the encrypted database:
 * stable for the same key (follow-up exports link up), unlinkable after the key is replaced,
 * and not reversible by anyone without the key — unlike a plain hash of a guessable id.
 * Each entity type is a separate domain so a group and a participant with the same internal id
 * never get related pseudonyms.
 */
export const PSEUDONYM_ENTITIES = {
  group: 'G',
  participant: 'P',
  family: 'F',
  leader: 'L',
} as const;

export type PseudonymEntity = keyof typeof PSEUDONYM_ENTITIES;

export const EXPORT_KEY_BYTES = 32;
/** 128 bits: collisions are out of reach for any realistic number of rows. */
const PSEUDONYM_BYTES = 16;

export const pseudonymSettings = {
  algorithm: 'HMAC-SHA256',
  input: '<entity type>:<internal id>, UTF-8',
  output: '<prefix>-<first 16 bytes of the MAC, RFC 4648 base32, upper case, no padding>',
  prefixes: PSEUDONYM_ENTITIES,
} as const;

export const newExportKey = (): Buffer => randomBytes(EXPORT_KEY_BYTES);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Character codes of `prefix` followed by the base32 of `bytes`, made into one string at once. A
 * string grown a character at a time is a chain of some thirty pieces in V8, about 800 bytes
 * instead of 50, until something reads it whole; the memoised pseudonyms (some 90,000 at city
 * scale) are kept as made, so they must not depend on being read that way first.
 */
function base32Text(prefix: string, bytes: Uint8Array): string {
  const codes: number[] = [];
  for (let i = 0; i < prefix.length; i++) codes.push(prefix.charCodeAt(i));
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      codes.push(BASE32.charCodeAt((buffer >>> (bits - 5)) & 31));
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) codes.push(BASE32.charCodeAt((buffer << (5 - bits)) & 31));
  return String.fromCharCode(...codes);
}

export const base32 = (bytes: Uint8Array): string => base32Text('', bytes);

function checkKey(key: Uint8Array): void {
  if (key.length !== EXPORT_KEY_BYTES) throw new Error(`export key must be ${EXPORT_KEY_BYTES} bytes`);
}

export type Pseudonymiser = (entity: PseudonymEntity, id: string) => string;

/**
 * Entities whose pseudonyms repeat across rows and are worth keeping: a group recurs everywhere, a
 * leader in each of their groups. A family is asked for once per participant row, so a cache would
 * only hold tens of thousands of strings. A participant recurs in every attendance row, but the
 * tables memoise those by row (core/export/person-index.ts), without a map keyed by id.
 */
const MEMOISED: Record<PseudonymEntity, boolean> = { group: true, participant: false, leader: true, family: false };

/**
 * How a pseudonymiser keeps what it made: `all` memoises the entities that repeat; `last` keeps
 * only the last pseudonym of each entity, for rows that come ordered by it (scores.csv's thread:
 * a person's scores follow each other), so no map of every person is held.
 */
export type PseudonymMemo = 'all' | 'last';

/** Returns a pseudonymiser that memoises the entities that repeat. */
export function createPseudonymiser(key: Uint8Array, memo: PseudonymMemo = 'all'): Pseudonymiser {
  checkKey(key);
  // A KeyObject once, not a raw key per call: several times faster over a million attendance rows.
  const keyObject = createSecretKey(Buffer.from(key));
  const compute = (entity: PseudonymEntity, id: string) => {
    const mac = createHmac('sha256', keyObject).update(`${entity}:${id}`, 'utf8').digest();
    return base32Text(`${PSEUDONYM_ENTITIES[entity]}-`, mac.subarray(0, PSEUDONYM_BYTES));
  };
  if (memo === 'last') {
    const last = new Map<PseudonymEntity, { id: string; value: string }>();
    return (entity, id) => {
      const known = last.get(entity);
      if (known?.id === id) return known.value;
      const value = compute(entity, id);
      last.set(entity, { id, value });
      return value;
    };
  }
  const caches = new Map<PseudonymEntity, Map<string, string>>();
  return (entity, id) => {
    if (!MEMOISED[entity]) return compute(entity, id);
    let cache = caches.get(entity);
    if (!cache) caches.set(entity, (cache = new Map()));
    let value = cache.get(id);
    if (value === undefined) cache.set(id, (value = compute(entity, id)));
    return value;
  };
}

/**
 * A public identifier of the key (not of any data): evaluators see whether two exports share a
 * key and therefore link up. Derived under its own domain so it reveals nothing about pseudonyms.
 */
export function exportKeyId(key: Uint8Array): string {
  checkKey(key);
  const mac = createHmac('sha256', Buffer.from(key)).update('komet-export-key-id', 'utf8').digest();
  return base32(mac.subarray(0, 10));
}
