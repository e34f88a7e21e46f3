import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RatingScaleItem, SupervisionSession } from '@contract';
import { call } from '../../api/client';
import { asApiError } from '../../api/errors';
import { useApiMutation } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { RowButton } from '../../components/RowButton';
import { showToast } from '../../stores/toasts';
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
  const [deleting, setDeleting] = useState<SupervisionSession | null>(null);
  const remove = useApiMutation('supervision.delete');
  const target = (s: SupervisionSession) => t('supervision.rowTarget', { date: fmt.shortDate(s.date) });

  // Undo writes the meeting again as it was, follow-ups ticked off included (under a new id: the
  // audit log keeps the deletion and the re-creation as two steps).
  const restore = async (s: SupervisionSession) => {
    try {
      const again = await call('supervision.create', {
        date: s.date,
        supervisorId: s.supervisorId,
        format: s.format,
        mode: s.mode,
        notes: s.notes,
        leaders: s.leaders.map((l) => ({ leaderId: l.leaderId, rating: l.rating, note: l.note })),
        groupIds: s.groups.map((g) => g.groupId),
        followUps: s.followUps.map((f) => ({ text: f.text, dueDate: f.dueDate, leaderId: f.leaderId })),
      });
      for (const [i, f] of s.followUps.entries()) {
        const made = again.followUps[i];
        if (f.done && made) await call('followUps.setDone', { id: made.id, done: true });
      }
      showToast(t('supervision.restored'));
    } catch (err) {
      showToast(pick(asApiError(err).messages));
    }
  };

  const confirmDelete = async () => {
    const s = deleting!;
    await remove.mutateAsync({ id: s.id });
    showToast(t('supervision.deleted', { date: fmt.shortDate(s.date) }), { label: t('supervision.undo'), run: () => void restore(s) });
  };

  return (
    <>
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
          {
            key: 'actions',
            header: t('supervision.actions'),
            hiddenHeader: true,
            cellClassName: 'nowrap',
            cell: (s) => (
              <>
                <Link
                  to={`/supervision/${s.id}/edit?leader=${leaderId}`}
                  className="button button--small button--secondary"
                  aria-label={`${t('supervision.edit')}, ${target(s)}`}
                >
                  {t('supervision.edit')}
                </Link>{' '}
                <RowButton variant="danger" label={t('supervision.delete')} target={target(s)} onClick={() => setDeleting(s)} />
              </>
            ),
          },
        ]}
      />
      <ConfirmWrite
        open={deleting !== null}
        title={deleting ? t('supervision.deleteTitle', { date: fmt.shortDate(deleting.date) }) : ''}
        mutation={remove}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      >
        <p>{deleting ? t('supervision.deleteBody', { supervisor: deleting.supervisorName }) : ''}</p>
      </ConfirmWrite>
    </>
  );
}
