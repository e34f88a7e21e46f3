import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupOverview, Participant } from '@contract';
import { useApiMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { useFormat } from '../../lib/format';
import { showToast } from '../../stores/toasts';
import { familyNumbers, statusBadge } from './labels';
import { ParticipantForm } from './ParticipantForm';
import { MoveParticipantForm, ParticipantStatusForm } from './ParticipantStatusForm';

type Panel = { kind: 'create' } | { kind: 'edit' | 'status' | 'move'; id: string };

const addButtonId = 'participant-add';
const rowActionsId = (id: string) => `participant-${id}-actions`;

/** The group's participants with everything a leader decides about them, one open form at a time. */
export function ParticipantsSection({ overview, groupStartDate }: { overview: GroupOverview; groupStartDate: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [returnFocus, setReturnFocus] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Participant | null>(null);
  const remove = useApiMutation('participants.delete');
  const participants = overview.participants;
  const families = familyNumbers(participants);
  const current = panel && panel.kind !== 'create' ? participants.find((p) => p.id === panel.id) : undefined;

  // When a form closes, focus goes back to the button that opened it (or the add button).
  useEffect(() => {
    if (!returnFocus || panel) return;
    const row = document.getElementById(returnFocus);
    (row?.querySelector('button') ?? row)?.focus();
    setReturnFocus(null);
  }, [returnFocus, panel]);

  const close = () => {
    setReturnFocus(panel && panel.kind !== 'create' ? rowActionsId(panel.id) : addButtonId);
    setPanel(null);
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync({ id: deleting.id });
      showToast(t('participants.deleted', { name: deleting.displayName }));
      setDeleting(null);
    } catch {
      // The dialog shows why (marks exist: mark as dropped out instead).
    }
  };

  return (
    <section className="panel" aria-labelledby="participants-title">
      <div className="panel__header">
        <h2 id="participants-title" className="panel__title">
          {t('participants.title')}
        </h2>
        <p className="panel__hint">
          {t('participants.summary', { count: participants.filter((p) => p.status !== 'moved').length, families: overview.summary.families })}
        </p>
      </div>
      {participants.length === 0 ? (
        <EmptyState title={t('participants.empty')}>{t('participants.emptyText')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('participants.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('participants.displayName')}</th>
                <th scope="col">{t('participants.relation')}</th>
                <th scope="col">{t('participants.familyColumn')}</th>
                <th scope="col">{t('participants.enrolmentDate')}</th>
                <th scope="col">{t('participants.consent')}</th>
                <th scope="col" className="num">{t('participants.attended')}</th>
                <th scope="col">{t('participants.statusColumn')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('participants.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => {
                const moved = p.status === 'moved';
                return (
                  <tr key={p.id}>
                    <th scope="row">{p.displayName}</th>
                    <td>{t(`participants.relations.${p.relation}`)}</td>
                    <td>
                      {t('participants.familyNumber', { number: families.get(p.family.id) })}
                      {p.family.childBirthYear !== null && (
                        <div className="muted small">
                          {t('participants.child', { year: p.family.childBirthYear, age: p.family.childAgeAtStart ?? '–' })}
                        </div>
                      )}
                    </td>
                    <td className="nowrap">{fmt.shortDate(p.enrolmentDate)}</td>
                    <td>
                      {t(`participants.consents.${p.consent}`)}
                      {p.consentDate && <div className="muted small">{fmt.shortDate(p.consentDate)}</div>}
                    </td>
                    <td className="num">{t('participants.attendedOf', { present: p.presentCount, held: p.heldCount })}</td>
                    <td>
                      <span className={statusBadge[p.status]}>{t(`participants.status.${p.status}`)}</span>
                      {p.atRisk && <span className="badge badge--at-risk">{t('participants.atRisk')}</span>}
                      {p.keepActive && <div className="muted small">{t('participants.keptActiveNote')}</div>}
                    </td>
                    <td className="actions-cell">
                      {!moved && (
                        <div className="row-actions" id={rowActionsId(p.id)}>
                          <RowButton label={t('common.edit')} name={p.displayName} onClick={() => setPanel({ kind: 'edit', id: p.id })} />
                          <RowButton label={t('participants.statusButton')} name={p.displayName} onClick={() => setPanel({ kind: 'status', id: p.id })} />
                          <RowButton label={t('participants.move')} name={p.displayName} variant="link" onClick={() => setPanel({ kind: 'move', id: p.id })} />
                          <RowButton label={t('common.delete')} name={p.displayName} variant="danger" onClick={() => setDeleting(p)} />
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {panel?.kind === 'create' && <ParticipantForm overview={overview} groupStartDate={groupStartDate} onDone={close} />}
      {panel?.kind === 'edit' && current && <ParticipantForm key={current.id} overview={overview} groupStartDate={groupStartDate} participant={current} onDone={close} />}
      {panel?.kind === 'status' && current && <ParticipantStatusForm key={current.id} participant={current} dropoutAfter={overview.rules.dropoutAfter} onDone={close} />}
      {panel?.kind === 'move' && current && <MoveParticipantForm key={current.id} participant={current} onDone={close} />}
      {panel?.kind !== 'create' && (
        <p className="form__actions">
          <button type="button" id={addButtonId} className="button button--secondary" onClick={() => setPanel({ kind: 'create' })}>
            {t('participants.add')}
          </button>
        </p>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('participants.deleteTitle', { name: deleting?.displayName ?? '' })}
        confirmLabel={t('common.delete')}
        destructive
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => void confirmDelete()}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        {t('participants.deleteText')}
      </ConfirmDialog>
    </section>
  );
}

const variants = {
  secondary: 'button button--small button--secondary',
  link: 'button button--small button--link',
  danger: 'button button--small button--link button--danger-text',
};

function RowButton({ label, name, variant = 'secondary', onClick }: { label: string; name: string; variant?: keyof typeof variants; onClick(): void }) {
  return (
    <button type="button" className={variants[variant]} onClick={onClick} aria-label={`${label}, ${name}`}>
      {label}
    </button>
  );
}
