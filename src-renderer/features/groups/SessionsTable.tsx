import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '@contract';
import { useApiMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
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

  const confirm = async () => {
    if (!pending) return;
    const { session } = pending;
    try {
      if (pending.kind === 'reset') {
        await reset.mutateAsync({ id: session.id, status: 'planned' });
        showToast(t('sessions.resetDone', { number: session.number }));
      } else {
        await remove.mutateAsync({ id: session.id });
        showToast(t('sessions.deleted', { number: session.number }));
      }
      setPending(null);
    } catch {
      // The dialog stays open and shows the server's message.
    }
  };

  return (
    <>
      <div className="table-wrap">
        <table className="table sessions-table">
          <caption className="visually-hidden">{t('sessions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.number')}</th>
              <th scope="col">{t('sessions.date')}</th>
              <th scope="col">{t('sessions.status')}</th>
              <th scope="col">{t('sessions.outcome')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('sessions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => {
              const open = editing?.id === s.id ? editing.mode : null;
              const which = t('sessions.which', { number: s.number });
              return (
                <tr key={s.id} className={open ? 'is-editing' : undefined}>
                  <th scope="row" className="sessions-table__number">
                    {s.number}
                  </th>
                  <td className="nowrap">{fmt.shortDate(s.plannedDate)}</td>
                  <td className="sessions-table__status">
                    <StatusBadge kind="session" status={s.status} />
                    {s.isExtra && <span className="badge badge--extra">{t('sessions.extra')}</span>}
                  </td>
                  {open ? (
                    <td colSpan={2}>
                      {open === 'held' && <HeldForm session={s} onDone={() => close(s.id)} />}
                      {open === 'cancelled' && <CancelForm session={s} onDone={() => close(s.id)} />}
                      {open === 'move' && <MoveForm session={s} onDone={() => close(s.id)} />}
                    </td>
                  ) : (
                    <>
                      <td className="sessions-table__outcome">
                        {s.status === 'held' && (
                          <>
                            {t('sessions.participants', { count: s.participantCount ?? 0 })}
                            {s.heldDate && s.heldDate !== s.plannedDate && (
                              <div className="muted small">{t('sessions.heldOn', { date: fmt.shortDate(s.heldDate) })}</div>
                            )}
                          </>
                        )}
                        {s.status === 'cancelled' && <span className="muted">{s.cancelReason}</span>}
                      </td>
                      <td className="actions-cell">
                        <div className="row-actions" id={actionsId(s.id)}>
                          <RowButton label={s.status === 'held' ? t('sessions.editHeld') : t('sessions.markHeld')} which={which}
                            onClick={() => setEditing({ id: s.id, mode: 'held' })} />
                          <RowButton label={s.status === 'cancelled' ? t('sessions.editCancelled') : t('sessions.markCancelled')} which={which}
                            onClick={() => setEditing({ id: s.id, mode: 'cancelled' })} />
                          {s.status === 'planned' ? (
                            <RowButton label={t('sessions.move')} which={which} variant="link" onClick={() => setEditing({ id: s.id, mode: 'move' })} />
                          ) : (
                            <RowButton label={t('sessions.reset')} which={which} variant="link" onClick={() => setPending({ kind: 'reset', session: s })} />
                          )}
                          {s.isExtra && (
                            <RowButton label={t('common.delete')} which={which} variant="danger" onClick={() => setPending({ kind: 'delete', session: s })} />
                          )}
                        </div>
                      </td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'delete' ? t('sessions.deleteTitle') : t('sessions.resetTitle')}
        confirmLabel={pending?.kind === 'delete' ? t('common.delete') : t('sessions.reset')}
        destructive
        busy={reset.isPending || remove.isPending}
        error={pending?.kind === 'delete' ? remove.error : reset.error}
        onConfirm={() => void confirm()}
        onClose={() => {
          setPending(null);
          reset.reset();
          remove.reset();
        }}
      >
        {pending && (pending.kind === 'delete'
          ? t('sessions.deleteText', { number: pending.session.number, date: fmt.date(pending.session.plannedDate) })
          : t('sessions.resetText', { number: pending.session.number }))}
      </ConfirmDialog>
    </>
  );
}

const variants = {
  secondary: 'button button--small button--secondary',
  link: 'button button--small button--link',
  danger: 'button button--small button--link button--danger-text',
};

/** The visible word plus which session it acts on, so every button's name is unique. */
function RowButton({ label, which, variant = 'secondary', onClick }: {
  label: string;
  which: string;
  variant?: keyof typeof variants;
  onClick(): void;
}) {
  return (
    <button type="button" className={variants[variant]} onClick={onClick} aria-label={`${label}, ${which}`}>
      {label}
    </button>
  );
}
