import { useTranslation } from 'react-i18next';
import type { RatingScaleItem, SupervisionSession } from '@contract';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { useBilingual } from '../../i18n/useBilingual';
import { useFormat } from '../../lib/format';

/** The supervision a leader has received, newest first, with their own rating in words. */
export function SupervisionHistory({ sessions, leaderId, scale }: { sessions: SupervisionSession[]; leaderId: string; scale: RatingScaleItem[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  const ratingText = (value: number | null) => {
    if (value == null) return t('leaders.supervision.notRated');
    const anchor = scale.find((a) => a.value === value);
    return anchor ? `${value} – ${pick(anchor.label)}` : String(value);
  };
  const mine = (s: SupervisionSession) => s.leaders.find((l) => l.leaderId === leaderId);
  return (
    <DataTable
      caption={t('leaders.supervision.title')}
      rows={sessions}
      empty={<EmptyState title={t('leaders.supervision.empty')} />}
      columns={[
        { key: 'date', header: t('supervision.date'), rowHeader: true, cellClassName: 'nowrap', cell: (s) => fmt.shortDate(s.date) },
        { key: 'supervisor', header: t('supervision.supervisor'), cell: (s) => s.supervisorName },
        {
          key: 'format',
          header: t('supervision.format'),
          cell: (s) => (
            <>
              {t(`supervision.formats.${s.format}`)}, {t(`supervision.modes.${s.mode}`)}
              <div className="muted small">{t('leaders.supervision.present', { count: s.leaders.length })}</div>
            </>
          ),
        },
        { key: 'groups', header: t('supervision.groups'), cell: (s) => s.groups.map((g) => `${g.programmeCode} · ${g.unitName}`).join(', ') || '–' },
        { key: 'rating', header: t('leaders.supervision.rating'), cell: (s) => ratingText(mine(s)?.rating ?? null) },
        {
          key: 'notes',
          header: t('supervision.notes'),
          cell: (s) => {
            const note = mine(s)?.note;
            return (
              <>
                {s.notes || '–'}
                {note && <div className="muted small">{note}</div>}
              </>
            );
          },
        },
      ]}
    />
  );
}
