import { format, parseISO } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

export interface ExportScopeSummary {
  from: string | null;
  to: string | null;
  programmeCodes: string[];
  unitNames: string[];
}

export interface ExportCoarseningValue {
  period: 'week' | 'month' | 'quarter' | 'half' | 'year';
  ageBands: boolean;
  dropUnit: boolean;
}

/** The detail the files were written at, as the disclosure control reports it. */
export interface ExportGeneralisationValue {
  period: ExportCoarseningValue['period'];
  childAge: 'exact' | 'band' | 'dropped';
  unit: 'unit' | 'area' | 'dropped';
}

/** Formatters shared by the wizard, Öppna export and the log, in the language showing. */
export function useExportFormat() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const locale = en ? enGB : sv;
  const number = (n: number) => n.toLocaleString(en ? 'en-GB' : 'sv-SE');
  return {
    number,
    dateTime: (iso: string | null | undefined) => (iso ? format(parseISO(iso), 'd MMM yyyy HH:mm', { locale }) : '–'),
    /** 1 536 → "1,5 kB"; decimal units, as file managers show them. */
    bytes(n: number | null | undefined): string {
      if (n === null || n === undefined) return '–';
      if (n < 1000) return t('export.format.bytes', { count: n, value: number(n) });
      const units = ['kB', 'MB', 'GB', 'TB'];
      let value = n / 1000;
      let unit = 0;
      while (value >= 1000 && unit < units.length - 1) {
        value /= 1000;
        unit++;
      }
      return `${value.toLocaleString(en ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 })} ${units[unit]}`;
    },
    period(from: string | null, to: string | null): string {
      if (!from && !to) return t('export.format.allTime');
      if (!to) return t('export.format.fromOnly', { from });
      if (!from) return t('export.format.toOnly', { to });
      return t('export.format.between', { from, to });
    },
    list(values: string[], allKey: string): string {
      return values.length === 0 ? t(allKey) : values.join(', ');
    },
    generalisation(g: ExportGeneralisationValue): string {
      return t('export.detail.summary', {
        period: t(`export.detail.period.${g.period}`),
        age: t(`export.detail.age.${g.childAge}`),
        unit: t(`export.detail.unit.${g.unit}`),
      });
    },
    coarsening(c: ExportCoarseningValue): string {
      const parts = [t(`export.precision.${c.period}`)];
      parts.push(c.ageBands ? t('export.coarsening.ageBands') : t('export.coarsening.exactAge'));
      if (c.dropUnit) parts.push(t('export.coarsening.dropUnit'));
      return parts.join(', ');
    },
  };
}
