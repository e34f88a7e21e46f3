import type { ProgrammeFields } from '../repos/programmes';
import type { UnitFields } from '../repos/units';

/**
 * What a new Komet database starts with: the programme variants (DESIGN.md §1) and Stockholm's
 * district administrations. They are ordinary rows afterwards: users edit, archive or delete them.
 * Session counts other than fKomet's 11 and SiS-Komet's 9 are starting points for the user to adjust.
 */
export const seedProgrammes: ProgrammeFields[] = [
  { name: 'Komet för föräldrar 3–11', code: 'fKomet', audience: 'parents', sessionCount: 11, sessionLengthMinutes: 150, childAgeMin: 3, childAgeMax: 11 },
  {
    name: 'Komet 12–18 (Tonårskomet)',
    code: 'Tonårskomet',
    audience: 'parents',
    sessionCount: 10,
    sessionLengthMinutes: 150,
    childAgeMin: 12,
    childAgeMax: 18,
  },
  { name: 'Komet för lärare (sKomet)', code: 'sKomet', audience: 'teachers', sessionCount: 6, sessionLengthMinutes: 150, childAgeMin: 6, childAgeMax: 12 },
  {
    name: 'Individuell Komet (iKomet)',
    code: 'iKomet',
    audience: 'individual_family',
    sessionCount: 10,
    sessionLengthMinutes: 90,
    childAgeMin: 3,
    childAgeMax: 11,
  },
  { name: 'SiS-Komet', code: 'SiS-Komet', audience: 'parents', sessionCount: 9, sessionLengthMinutes: 120, childAgeMin: 12, childAgeMax: 18 },
  { name: 'FörskoleKomet', code: 'FörskoleKomet', audience: 'preschool_staff', sessionCount: 6, sessionLengthMinutes: 150, childAgeMin: 1, childAgeMax: 5 },
  { name: 'Förstärkt Komet', code: 'FörstärktKomet', audience: 'parents', sessionCount: 14, sessionLengthMinutes: 150, childAgeMin: 3, childAgeMax: 11 },
];

/** Stockholm's 13 district administrations (stadsdelsförvaltningar) since the 2020 reorganisation. */
export const seedUnits: UnitFields[] = [
  'Bromma',
  'Enskede-Årsta-Vantör',
  'Farsta',
  'Hägersten-Älvsjö',
  'Hässelby-Vällingby',
  'Kungsholmen',
  'Norrmalm',
  'Rinkeby-Kista',
  'Skarpnäck',
  'Skärholmen',
  'Spånga-Tensta',
  'Södermalm',
  'Östermalm',
].map((district) => ({ name: `${district} stadsdelsförvaltning`, kind: 'district' as const }));
