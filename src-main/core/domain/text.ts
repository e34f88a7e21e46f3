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

/** Orders by name the Swedish way (å, ä, ö last), which SQLite's byte order gets wrong. */
export const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name, 'sv-SE');

/**
 * Control characters in stored text travel on: a line feed in a unit name splits a CSV record and
 * a list line, a tab shifts a spreadsheet column, and the rest are invisible. One-line text
 * (names, labels, titles, contacts) holds none of them (C0, DEL, C1, and the Unicode line and
 * paragraph separators); a multi-line note may hold line feeds, carriage returns and tabs only.
 */
const anyControl = /[\p{Cc}\u2028\u2029]/u;
const controlOtherThanLineBreaks = /(?![\t\n\r])[\p{Cc}\u2028\u2029]/u;

export const isOneLine = (text: string): boolean => !anyControl.test(text);
export const isNoteText = (text: string): boolean => !controlOtherThanLineBreaks.test(text);
