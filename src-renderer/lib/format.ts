import { format, parseISO } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  /** "tis 4 mars 2025" / "Tue 4 Mar 2025" */
  date(iso: string | null | undefined): string;
  /** "4 mars 2025" / "4 Mar 2025", for table cells */
  shortDate(iso: string | null | undefined): string;
  /** "tisdag" / "Tuesday" from ISO weekday 1–7 */
  weekday(isoWeekday: number): string;
  number(n: number): string;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enGB : sv;
  return {
    date: (iso) => (iso ? format(parseISO(iso), 'EEE d MMM yyyy', { locale }) : '–'),
    shortDate: (iso) => (iso ? format(parseISO(iso), 'd MMM yyyy', { locale }) : '–'),
    weekday: (d) => format(new Date(2024, 0, d), 'EEEE', { locale }), // 2024-01-01 was a Monday
    number: (n) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'sv-SE'),
  };
}
