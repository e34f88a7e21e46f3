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
