/** Letters only, lower case: "Komet 12–18 (Tonårskomet)" and "Förstärkt Komet" compared with their short names. */
const squash = (text: string): string => text.toLocaleLowerCase('sv-SE').replace(/[^\p{L}\p{N}]/gu, '');

/**
 * A programme's name with its short name in brackets, unless the name already says it: the seeded
 * "Komet 12–18 (Tonårskomet)" would otherwise read "(Tonårskomet) (Tonårskomet)", and "Förstärkt
 * Komet" would be followed by the same words run together.
 */
export const programmeLabel = (p: { name: string; code: string }): string => (squash(p.name).includes(squash(p.code)) ? p.name : `${p.name} (${p.code})`);
