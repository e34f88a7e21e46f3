import { format, parseISO } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

/** The tables a user recognises, in the order the preview lists them; others follow by name. */
export const tableOrder = [
  'programmes',
  'units',
  'staff',
  'groups',
  'sessions',
  'participants',
  'families',
  'attendance',
  'fidelity_records',
  'audit_log',
] as const;

/** Tables shown in the list's short summary. */
export const summaryTables = ['groups', 'participants', 'sessions'] as const;

export function useBackupFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enGB : sv;
  const numberLocale = i18n.language === 'en' ? 'en-GB' : 'sv-SE';
  return {
    dateTime: (iso: string) => {
      try {
        return format(parseISO(iso), 'd MMM yyyy HH:mm', { locale });
      } catch {
        return iso;
      }
    },
    size: (bytes: number) => {
      const units = ['B', 'kB', 'MB', 'GB'];
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
      }
      return `${value.toLocaleString(numberLocale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
    },
    number: (n: number) => n.toLocaleString(numberLocale),
    table: (name: string) => t(`backups.tables.${name}`, { defaultValue: name }),
  };
}

/** Counts in a stable, readable order: known tables first, then the rest alphabetically. */
export function orderedCounts(counts: Record<string, number>): [string, number][] {
  const known = tableOrder.filter((name) => name in counts).map((name) => [name, counts[name] ?? 0] as [string, number]);
  const rest = Object.entries(counts)
    .filter(([name]) => !(tableOrder as readonly string[]).includes(name))
    .sort(([a], [b]) => a.localeCompare(b));
  return [...known, ...rest];
}
