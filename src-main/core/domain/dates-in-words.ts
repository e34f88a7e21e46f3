import type { Bilingual } from '../errors';

const months = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * An ISO date as a sentence reads it: "1 februari 2025", "1 February 2025". The ISO form stays in
 * tables and files, where it sorts; in prose a reader stumbles over it.
 */
export function dateInWords(iso: string): Bilingual {
  const [year, month, day] = iso.split('-').map(Number);
  if (!year || !month || !day || month > 12) return { sv: iso, en: iso };
  return { sv: `${day} ${months.sv[month - 1]} ${year}`, en: `${day} ${months.en[month - 1]} ${year}` };
}
