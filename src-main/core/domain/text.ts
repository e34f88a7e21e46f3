/**
 * Case folding for names and searches. SQLite's own lower() and LIKE fold ASCII only, so
 * "Östermalm" and "östermalm" would count as different; the repositories register this function
 * with the connection and use it wherever names are compared.
 */
export const foldCase = (text: string): string => text.toLocaleLowerCase('sv-SE');

/** A LIKE pattern matching the folded term anywhere, with LIKE's wildcards taken literally. */
export const containsPattern = (term: string): string => `%${foldCase(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Orders by name the Swedish way (å, ä, ö last), which SQLite's byte order gets wrong. */
export const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name, 'sv-SE');
