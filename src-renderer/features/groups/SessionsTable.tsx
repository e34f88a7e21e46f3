import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '@contract';
import { useApiMutation } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { RowButton } from '../../components/RowButton';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';
import { showToast } from '../../stores/toasts';
import { CancelForm, HeldForm, MoveForm } from './SessionForms';

type Editing = { id: string; mode: 'held' | 'cancelled' | 'move' };
type Pending = { kind: 'reset' | 'delete'; session: Session };

const actionsId = (id: string) => `session-${id}-actions`;

/**
 * One row per session, recorded in place: the row's buttons open a small form in the same row,
 * so keyboard users move row by row and never leave the table.
 */
export function SessionsTable({ sessions }: { sessions: Session[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const reset = useApiMutation('sessions.record');
  const remove = useApiMutation('sessions.delete');

  // After a row's form closes, put focus back on that row's first button.
  useEffect(() => {
    if (!focusRow || editing) return;
    document.getElementById(actionsId(focusRow))?.querySelector('button')?.focus();
    setFocusRow(null);
  }, [focusRow, editing, sessions]);

  const close = (id: string) => {
    setEditing(null);
    setFocusRow(id);
  };

  if (sessions.length === 0) return <EmptyState title={t('sessions.empty')} />;

  const form = (s: Session, mode: Editing['mode']) => {
    const done = () => close(s.id);
    if (mode === 'held') return <HeldForm session={s} onDone={done} />;
    if (mode === 'cancelled') return <CancelForm session={s} onDone={done} />;
    return <MoveForm session={s} onDone={done} />;
  };

  const confirm = async () => {
    if (!pending) return;
    const { session } = pending;
    if (pending.kind === 'reset') {
      await reset.mutateAsync({ id: session.id, status: 'planned' });
      showToast(t('sessions.resetDone', { number: session.number }));
    } else {
      await remove.mutateAsync({ id: session.id });
      showToast(t('sessions.deleted', { number: session.number }));
    }
  };

  return (
    <>
      <DataTable
        caption={t('sessions.title')}
        className="sessions-table"
        rows={sessions}
        rowClassName={(s) => (editing?.id === s.id ? 'is-editing' : undefined)}
        editor={(s) => (editing?.id === s.id ? { from: 'outcome', content: form(s, editing.mode) } : null)}
        columns={[
          { key: 'number', header: t('sessions.number'), rowHeader: true, cellClassName: 'sessions-table__number', cell: (s) => s.number },
          { key: 'date', header: t('sessions.date'), cellClassName: 'nowrap', cell: (s) => fmt.shortDate(s.plannedDate) },
          {
            key: 'status',
            header: t('sessions.status'),
            cellClassName: 'sessions-table__status',
            cell: (s) => (
              <>
                <StatusBadge kind="session" status={s.status} />
                {s.isExtra && <span className="badge badge--extra">{t('sessions.extra')}</span>}
              </>
            ),
          },
          {
            key: 'outcome',
            header: t('sessions.outcome'),
            cellClassName: 'sessions-table__outcome',
            cell: (s) => (
              <>
                {s.status === 'held' && (
                  <>
                    {t('sessions.participants', { count: s.participantCount ?? 0 })}
                    {s.heldDate && s.heldDate !== s.plannedDate && (
                      <div className="muted small">{t('sessions.heldOn', { date: fmt.shortDate(s.heldDate) })}</div>
                    )}
                  </>
                )}
                {s.status === 'cancelled' && <span className="muted">{s.cancelReason}</span>}
              </>
            ),
          },
          {
            key: 'actions',
            header: t('sessions.actions'),
            hiddenHeader: true,
            cellClassName: 'actions-cell',
            cell: (s) => {
              const which = t('sessions.which', { number: s.number });
              return (
                <div className="row-actions" id={actionsId(s.id)}>
                  <RowButton
                    label={s.status === 'held' ? t('sessions.editHeld') : t('sessions.markHeld')}
                    target={which}
                    onClick={() => setEditing({ id: s.id, mode: 'held' })}
                  />
                  <RowButton
                    label={s.status === 'cancelled' ? t('sessions.editCancelled') : t('sessions.markCancelled')}
                    target={which}
                    onClick={() => setEditing({ id: s.id, mode: 'cancelled' })}
                  />
                  {s.status === 'planned' ? (
                    <RowButton label={t('sessions.move')} target={which} variant="link" onClick={() => setEditing({ id: s.id, mode: 'move' })} />
                  ) : (
                    <RowButton label={t('sessions.reset')} target={which} variant="link" onClick={() => setPending({ kind: 'reset', session: s })} />
                  )}
                  {s.isExtra && (
                    <RowButton label={t('common.delete')} target={which} variant="danger" onClick={() => setPending({ kind: 'delete', session: s })} />
                  )}
                </div>
              );
            },
          },
        ]}
      />
      <ConfirmWrite
        open={pending !== null}
        title={pending?.kind === 'delete' ? t('sessions.deleteTitle') : t('sessions.resetTitle')}
        confirmLabel={pending?.kind === 'delete' ? undefined : t('sessions.reset')}
        mutation={pending?.kind === 'delete' ? remove : reset}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      >
        {pending &&
          (pending.kind === 'delete'
            ? t('sessions.deleteText', { number: pending.session.number, date: fmt.date(pending.session.plannedDate) })
            : t('sessions.resetText', { number: pending.session.number }))}
      </ConfirmWrite>
    </>
  );
}
