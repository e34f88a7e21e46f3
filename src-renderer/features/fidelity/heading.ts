import type { TFunction } from 'i18next';

/**
 * The heading of a session's fidelity form. A plan title that already starts with "Träff 7" (the
 * seeded "Träff 7", "Träff 1 – introduktion") is the heading as it is; "Träff 7: Träff 7" says it twice.
 */
export function fidelityHeading(t: TFunction, number: number, title: string): string {
  const name = t('fidelity.sessionName', { number });
  const trimmed = title.trim();
  if (!trimmed) return name;
  const saysNumber = trimmed.startsWith(name) && !/^\d/.test(trimmed.slice(name.length));
  return saysNumber ? trimmed : t('fidelity.formTitle', { number, title: trimmed });
}
