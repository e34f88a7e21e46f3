/** The page's period choices, turned into the inclusive dates the report takes. */
export type PeriodKind = 'year' | 'spring' | 'autumn' | 'custom';

export function periodDates(kind: PeriodKind, year: number, custom: { from: string; to: string }): { from: string; to: string } {
  if (kind === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === 'spring') return { from: `${year}-01-01`, to: `${year}-06-30` };
  if (kind === 'autumn') return { from: `${year}-07-01`, to: `${year}-12-31` };
  return custom;
}
