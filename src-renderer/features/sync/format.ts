import { format, isToday, parseISO } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

/** Times in sync texts: "14:02" today, "tisdag" within a week, otherwise a date. */
export function useSyncTime() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enGB : sv;
  return {
    short(iso: string): string {
      const d = parseISO(iso);
      if (isToday(d)) return format(d, 'HH:mm', { locale });
      if (Date.now() - d.getTime() < 6 * 86_400_000) return format(d, 'EEEE', { locale });
      return format(d, 'd MMM yyyy', { locale });
    },
    full: (iso: string) => format(parseISO(iso), 'd MMM yyyy HH:mm', { locale }),
  };
}

/** A fingerprint in groups of four, the way it is read out and compared. */
export const groupedFingerprint = (hex: string) => hex.toUpperCase().replace(/(.{4})(?!$)/g, '$1 ');
