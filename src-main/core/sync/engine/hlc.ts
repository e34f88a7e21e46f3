import { getHlcFunctions } from 'tinybase';

/**
 * The engine's hybrid logical clock stamps: 16 characters, sortable, ending in five characters
 * derived from the writing node's unique id. Komet reads two things from them: when a write was
 * made, and which node made it.
 */
const [, , encodeHlc, decodeHlc, , , clientIdOf] = getHlcFunctions('komet');
const codec = { encodeHlc, decodeHlc };

/** A stamp for a write made at `ms` by the node with this unique id (snapshots at joining). */
export const stampAt = (ms: number, uniqueId: string, counter = 0): string => codec.encodeHlc(Math.max(0, Math.floor(ms)), counter, uniqueId);

/** Milliseconds since 1970 of a stamp; 0 for the empty stamp. */
export const timeOf = (hlc: string): number => (hlc ? codec.decodeHlc(hlc)[0] : 0);

/** The writing node's five-character client id at the end of a stamp. */
export const clientOf = (hlc: string): string => hlc.slice(11);

/** The client id that stamps of the node with this unique id end in. */
export function clientIdOfNode(uniqueId: string): string {
  return getHlcFunctions(uniqueId)[6]();
}
void clientIdOf;

/**
 * A clock of the node's own for stamps written outside a store's transaction (a server undoing a
 * refused write): `seen` moves it past stamps that arrived, `next` is newer than all of them.
 */
export function createHlcClock(uniqueId: string, now: () => number = Date.now): { next(): string; seen(hlc: string): void } {
  const [next, seen] = getHlcFunctions(uniqueId, now);
  return { next, seen: (hlc) => seen(hlc) };
}
