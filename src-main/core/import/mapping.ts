import { AppError } from '../errors';
import { headerKey } from './cell-values';
import { kindFields, type ImportKind } from './kinds';

/** Field name → column index. A Map, so no header text can reach an object's prototype. */
export type ColumnMapping = Map<string, number>;

/** Each field takes the first column whose header is one of its names; a column serves one field. */
export function guessMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = new Map();
  const taken = new Set<number>();
  const keys = headers.map(headerKey);
  for (const spec of kindFields[kind]) {
    const names = new Set(spec.headers);
    const index = keys.findIndex((k, i) => !taken.has(i) && names.has(k));
    if (index >= 0) {
      mapping.set(spec.field, index);
      taken.add(index);
    }
  }
  return mapping;
}

/** Applies a saved or user-chosen mapping over the guess; unknown fields and headers are refused. */
export function adjustMapping(
  kind: ImportKind,
  headers: readonly string[],
  guessed: ColumnMapping,
  chosen: unknown,
  options: { requireAll?: boolean } = {},
): ColumnMapping {
  // Read as the parsed JSON's own keys: a "__proto__" key is then an unknown field, not a prototype.
  const entries = chosen !== null && typeof chosen === 'object' && !Array.isArray(chosen) ? Object.entries(chosen) : null;
  if (!entries || entries.some(([, v]) => v !== null && (typeof v !== 'string' || v.length > 200))) {
    throw new AppError('validation', {
      sv: 'Kolumnmappningen ska vara ett JSON-objekt med fält som nycklar och rubriker som värden.',
      en: 'The column mapping must be a JSON object with fields as keys and headers as values.',
    });
  }
  const fields = new Set(kindFields[kind].map((f) => f.field));
  const mapping: ColumnMapping = new Map(guessed);
  for (const [field, header] of entries as [string, string | null][]) {
    if (!fields.has(field)) {
      throw new AppError('validation', {
        sv: `Fältet "${field}" finns inte för den här importen. Fälten är: ${[...fields].join(', ')}.`,
        en: `There is no field "${field}" in this import. The fields are: ${[...fields].join(', ')}.`,
      });
    }
    if (header === null) {
      mapping.delete(field);
      continue;
    }
    const index = headers.indexOf(header.trim());
    if (index < 0) {
      throw new AppError('validation', {
        sv: `Kolumnen "${header}" finns inte i bladet. Rubrikerna är: ${headers.join(', ')}.`,
        en: `There is no column "${header}" in the sheet. The headers are: ${headers.join(', ')}.`,
      });
    }
    mapping.set(field, index);
  }
  const missing = missingFields(kind, mapping);
  if (missing.length && options.requireAll !== false) {
    throw new AppError('validation', {
      sv: `Ingen kolumn hittades för ${missing.map((f) => `"${f.label.sv}"`).join(', ')}. Ange den i mappningen.`,
      en: `No column was found for ${missing.map((f) => `"${f.label.en}"`).join(', ')}. Give it in the mapping.`,
    });
  }
  return mapping;
}

/** The required fields the mapping has no column for. */
export const missingFields = (kind: ImportKind, mapping: ColumnMapping) => kindFields[kind].filter((f) => f.required && !mapping.has(f.field));

/** The mapping as field → header, for printing and saving. */
export function describeMapping(kind: ImportKind, headers: readonly string[], mapping: ColumnMapping): Record<string, string | null> {
  const out: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  for (const spec of kindFields[kind]) {
    const index = mapping.get(spec.field);
    out[spec.field] = index === undefined ? null : (headers[index] ?? null);
  }
  return out;
}
