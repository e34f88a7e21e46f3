import { useTranslation } from 'react-i18next';
import type { RatingScaleItem, SupervisionSession } from '@contract';
import { EmptyState } from '../../components/EmptyState';
import { useBilingual } from '../../i18n/useBilingual';
import { useFormat } from '../../lib/format';

/** The supervision a leader has received, newest first, with their own rating in words. */
export function SupervisionHistory({ sessions, leaderId, scale }: { sessions: SupervisionSession[]; leaderId: string; scale: RatingScaleItem[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  if (sessions.length === 0) return <EmptyState title={t('leaders.supervision.empty')} />;
  const ratingText = (value: number | null) => {
    if (value == null) return t('leaders.supervision.notRated');
    const anchor = scale.find((a) => a.value === value);
    return anchor ? `${value} – ${pick(anchor.label)}` : String(value);
  };
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('leaders.supervision.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supervision.date')}</th>
            <th scope="col">{t('supervision.supervisor')}</th>
            <th scope="col">{t('supervision.format')}</th>
            <th scope="col">{t('supervision.groups')}</th>
            <th scope="col">{t('leaders.supervision.rating')}</th>
            <th scope="col">{t('supervision.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const mine = s.leaders.find((l) => l.leaderId === leaderId);
            return (
              <tr key={s.id}>
                <th scope="row" className="nowrap">
                  {fmt.shortDate(s.date)}
                </th>
                <td>{s.supervisorName}</td>
                <td>
                  {t(`supervision.formats.${s.format}`)}, {t(`supervision.modes.${s.mode}`)}
                  <div className="muted small">{t('leaders.supervision.present', { count: s.leaders.length })}</div>
                </td>
                <td>{s.groups.map((g) => `${g.programmeCode} · ${g.unitName}`).join(', ') || '–'}</td>
                <td>{ratingText(mine?.rating ?? null)}</td>
                <td>
                  {s.notes || '–'}
                  {mine?.note && <div className="muted small">{mine.note}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
