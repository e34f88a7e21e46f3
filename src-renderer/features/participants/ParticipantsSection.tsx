import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupOverview, Participant } from '@contract';
import { useApiMutation } from '../../api/queries';
import { ConfirmWrite } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { RowButton } from '../../components/RowButton';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';
import { dropDrafts, useDraftState } from '../../stores/drafts';
import { showToast } from '../../stores/toasts';
import { familyNumbers } from './labels';
import { ParticipantForm, participantDraftKey } from './ParticipantForm';
import { MoveParticipantForm, ParticipantStatusForm } from './ParticipantStatusForm';
import { participantSummary } from './summary';

type Panel = { kind: 'create' } | { kind: 'edit' | 'status' | 'move'; id: string };

const addButtonId = 'participant-add';
const rowActionsId = (id: string) => `participant-${id}-actions`;

/** The group's participants with everything a leader decides about them, one open form at a time. */
export function ParticipantsSection({ overview, groupStartDate }: { overview: GroupOverview; groupStartDate: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // Which form is open survives a lock, as does what was typed into it (the form keeps that).
  const [panel, setPanel] = useDraftState<Panel | null>(`participants-panel:${overview.groupId}`, null);
  const [returnFocus, setReturnFocus] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Participant | null>(null);
  const remove = useApiMutation('participants.delete');
  const [erasing, setErasing] = useState<Participant | null>(null);
  const erase = useApiMutation('participants.erase');
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
    if (panel) dropDrafts(participantDraftKey(overview.groupId, panel.kind === 'create' ? undefined : panel.id));
    setReturnFocus(panel && panel.kind !== 'create' ? rowActionsId(panel.id) : addButtonId);
    setPanel(null);
  };

  return (
    <Panel
      id="participants-title"
      title={t('participants.title')}
      hint={participantSummary(t, participants.filter((p) => p.status !== 'moved').length, overview.summary.families)}
    >
      <DataTable
        caption={t('participants.title')}
        rows={participants}
        empty={<EmptyState title={t('participants.empty')}>{t('participants.emptyText')}</EmptyState>}
        columns={[
          { key: 'name', header: t('participants.displayName'), rowHeader: true, cell: (p) => p.displayName },
          { key: 'relation', header: t('participants.relation'), cell: (p) => t(`participants.relations.${p.relation}`) },
          {
            key: 'family',
            header: t('participants.familyColumn'),
            cell: (p) => (
              <>
                {t('participants.familyNumber', { number: families.get(p.family.id) })}
                {p.family.childBirthYear !== null && (
                  <div className="muted small">{t('participants.child', { year: p.family.childBirthYear, age: p.family.childAgeAtStart ?? '–' })}</div>
                )}
              </>
            ),
          },
          { key: 'enrolment', header: t('participants.enrolmentDate'), cellClassName: 'nowrap', cell: (p) => fmt.shortDate(p.enrolmentDate) },
          {
            key: 'consent',
            header: t('participants.consent'),
            cell: (p) => (
              <>
                {t(`participants.consents.${p.consent}`)}
                {p.consentDate && <div className="muted small">{fmt.shortDate(p.consentDate)}</div>}
              </>
            ),
          },
          {
            key: 'attended',
            header: t('participants.attended'),
            className: 'num',
            cell: (p) =>
              overview.tracksAttendance ? t('participants.attendedOf', { present: p.presentCount, held: p.heldCount }) : t('participants.notPerPerson'),
          },
          {
            key: 'status',
            header: t('participants.statusColumn'),
            cell: (p) => (
              <>
                <StatusBadge kind="participant" status={p.status} />
                {p.atRisk && <span className="badge badge--at-risk">{t('participants.atRisk')}</span>}
                {p.keepActive && <div className="muted small">{t('participants.keptActiveNote')}</div>}
              </>
            ),
          },
          {
            key: 'actions',
            header: t('participants.actions'),
            hiddenHeader: true,
            cellClassName: 'actions-cell',
            cell: (p) =>
              p.status !== 'moved' && (
                <div className="row-actions" id={rowActionsId(p.id)}>
                  <RowButton label={t('common.edit')} target={p.displayName} onClick={() => setPanel({ kind: 'edit', id: p.id })} />
                  <RowButton label={t('participants.statusButton')} target={p.displayName} onClick={() => setPanel({ kind: 'status', id: p.id })} />
                  <RowButton label={t('participants.move')} target={p.displayName} variant="link" onClick={() => setPanel({ kind: 'move', id: p.id })} />
                  <RowButton label={t('common.delete')} target={p.displayName} variant="danger" onClick={() => setDeleting(p)} />
                  <RowButton label={t('participants.erase')} target={p.displayName} variant="danger" onClick={() => setErasing(p)} />
                </div>
              ),
          },
        ]}
      />
      {panel?.kind === 'create' && <ParticipantForm overview={overview} groupStartDate={groupStartDate} onDone={close} />}
      {panel?.kind === 'edit' && current && (
        <ParticipantForm key={current.id} overview={overview} groupStartDate={groupStartDate} participant={current} onDone={close} />
      )}
      {panel?.kind === 'status' && current && (
        <ParticipantStatusForm key={current.id} participant={current} dropoutAfter={overview.rules.dropoutAfter} onDone={close} />
      )}
      {panel?.kind === 'move' && current && <MoveParticipantForm key={current.id} participant={current} onDone={close} />}
      {panel?.kind !== 'create' && (
        <p className="form__actions">
          <button type="button" id={addButtonId} className="button button--secondary" onClick={() => setPanel({ kind: 'create' })}>
            {t('participants.add')}
          </button>
        </p>
      )}
      {/* A refusal (marks exist: mark as dropped out instead) stays in the dialog. */}
      <ConfirmWrite
        open={deleting !== null}
        title={t('participants.deleteTitle', { name: deleting?.displayName ?? '' })}
        mutation={remove}
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          showToast(t('participants.deleted', { name: deleting.displayName }));
        }}
        onClose={() => setDeleting(null)}
      >
        {t('participants.deleteText')}
      </ConfirmWrite>
      {/* The right to erasure: every enrolment of the person, marks included, on every machine that syncs. */}
      <ConfirmWrite
        open={erasing !== null}
        title={t('participants.eraseTitle', { name: erasing?.displayName ?? '' })}
        confirmLabel={t('participants.erase')}
        mutation={erase}
        onConfirm={async () => {
          if (!erasing) return;
          await erase.mutateAsync({ id: erasing.id });
          showToast(t('participants.erased', { name: erasing.displayName }));
        }}
        onClose={() => setErasing(null)}
      >
        {t('participants.eraseText')}
      </ConfirmWrite>
    </Panel>
  );
}
