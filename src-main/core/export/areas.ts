import type { SourceUnit } from './model';

/**
 * The area a unit is generalised to when its name would single participants out: Stockholm's
 * district administrations fall into the city's three parts (innerstaden, söderort, västerort);
 * any other unit into its kind (school, municipality, SiS unit …). Units are user data, so a
 * district is recognised by the district's name at the start of the unit's name, as the city
 * writes it ("Södermalms stadsdelsförvaltning") or without the genitive ("Södermalm
 * stadsdelsförvaltning", Komet's own list), and a renamed one falls back to its kind.
 */

export const AREAS = ['innerstaden', 'soderort', 'vasterort', 'district', 'municipality', 'school', 'sis_unit', 'other'] as const;
export type Area = (typeof AREAS)[number];

const PART_OF_CITY: Record<string, Area> = {
  kungsholmen: 'innerstaden',
  norrmalm: 'innerstaden',
  södermalm: 'innerstaden',
  östermalm: 'innerstaden',
  'enskede-årsta-vantör': 'soderort',
  farsta: 'soderort',
  'hägersten-älvsjö': 'soderort',
  skarpnäck: 'soderort',
  skärholmen: 'soderort',
  bromma: 'vasterort',
  'hässelby-vällingby': 'vasterort',
  'rinkeby-kista': 'vasterort',
  'spånga-tensta': 'vasterort',
};

const KINDS = new Set<string>(['district', 'municipality', 'school', 'sis_unit', 'other']);

const partOfCity = (district: string): Area | undefined => (Object.hasOwn(PART_OF_CITY, district) ? PART_OF_CITY[district] : undefined);

export function areaOf(unit: Pick<SourceUnit, 'name' | 'kind'>): Area {
  // Swedish has no case mappings of its own (Unicode's special casing has only Lithuanian, Turkish
  // and Azeri), so the plain lowering is the Swedish one, without loading the locale's data.
  const first = unit.name.trim().toLowerCase().split(/[\s,]/, 1)[0] ?? '';
  // No district's own name ends in s, so a trailing s after one is always the genitive's.
  const part = partOfCity(first) ?? (first.endsWith('s') ? partOfCity(first.slice(0, -1)) : undefined);
  if (part) return part;
  return unit.kind !== undefined && KINDS.has(unit.kind) ? (unit.kind as Area) : 'other';
}
