/**
 * Seeds for participation: the generic session plan every seeded programme starts with, and the
 * short list of dropout reasons. Both are ordinary rows afterwards that users edit.
 */
export interface PlanComponent {
  key: string;
  sv: string;
  en: string;
}

export const genericComponents: PlanComponent[] = [
  { key: 'homework_review', sv: 'Genomgång av hemuppgiften', en: 'Review of homework' },
  { key: 'theme', sv: 'Dagens tema', en: 'Theme of the session' },
  { key: 'video', sv: 'Filmexempel', en: 'Video example' },
  { key: 'role_play', sv: 'Rollspel', en: 'Role play' },
  { key: 'homework_new', sv: 'Ny hemuppgift', en: 'New homework' },
];

/** The first session has no homework to review yet; every later one follows the same outline. */
export function genericPlanItem(number: number, sessionCount: number): { number: number; title: string; components: PlanComponent[] } {
  const title = number === 1 ? 'Träff 1 – introduktion' : number === sessionCount ? `Träff ${number} – avslutning` : `Träff ${number}`;
  const components = number === 1 ? genericComponents.filter((c) => c.key !== 'homework_review') : genericComponents;
  return { number, title, components: components.map((c) => ({ ...c })) };
}

export const seedDropoutReasons: { code: string; sv: string; en: string }[] = [
  { code: 'time', sv: 'Tidsbrist eller krock med arbete', en: 'Lack of time or clash with work' },
  { code: 'illness', sv: 'Sjukdom', en: 'Illness' },
  { code: 'moved_away', sv: 'Flyttat', en: 'Moved away' },
  { code: 'not_suitable', sv: 'Programmet passade inte', en: 'The programme did not suit' },
  { code: 'other_support', sv: 'Får annat stöd', en: 'Receives other support' },
  { code: 'no_contact', sv: 'Ingen kontakt', en: 'No contact' },
  { code: 'other', sv: 'Annan orsak', en: 'Other reason' },
];
