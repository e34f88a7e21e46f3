/**
 * Case-insensitive matching that knows Swedish letters. SQLite's lower() and LIKE fold ASCII
 * only, so "Östermalm" and "östermalm" would count as different. A GLOB pattern with a
 * character class per letter ("[Öö][Ss]…") matches both cases and still runs inside SQLite,
 * with no per-row call back into JavaScript.
 */
export const foldCase = (text: string): string => text.toLocaleLowerCase('sv-SE');

function globChar(ch: string): string {
  const lower = ch.toLocaleLowerCase('sv-SE');
  const upper = ch.toLocaleUpperCase('sv-SE');
  if (lower !== upper && [...lower].length === 1 && [...upper].length === 1) return `[${upper}${lower}]`;
  // GLOB's own special characters are taken literally inside a class.
  return '*?['.includes(ch) ? `[${ch}]` : ch;
}

/** A GLOB pattern matching exactly this text in any letter case. */
export const caseInsensitiveGlob = (text: string): string => [...text].map(globChar).join('');

/** A GLOB pattern matching text that contains the term in any letter case. */
export const containsGlob = (term: string): string => `*${caseInsensitiveGlob(term)}*`;

// One collator for every comparison (localeCompare with a locale builds its collator per call),
// made at the first comparison: making one loads ICU's collation data, some 3 MB of memory that a
// command which never sorts names (an export) need not carry.
let swedish: Intl.Collator | null = null;
/** Compares two texts the Swedish way (å, ä, ö last), which SQLite's byte order gets wrong. */
export const compareSwedish = (a: string, b: string): number => (swedish ??= new Intl.Collator('sv-SE')).compare(a, b);
/** Orders by name the Swedish way. */
export const byName = <T extends { name: string }>(a: T, b: T): number => compareSwedish(a.name, b.name);

/** One-line and note text rules live in the contract, which the zod schemas share. */
export { isNoteText, isOneLine } from '../../contract/text';
