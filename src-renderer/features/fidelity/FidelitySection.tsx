import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupOverview } from '@contract';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { useFormat } from '../../lib/format';
import { todayIso } from '../../lib/dates';
import { FidelityForm } from './FidelityForm';

const buttonId = (sessionId: string) => `fidelity-open-${sessionId}`;

/** Fidelity per held session: the share of the session plan covered, and the group's mean. */
export function FidelitySection({ overview, groupCancelled }: { overview: GroupOverview; groupCancelled: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const today = todayIso();
  const [open, setOpen] = useState<string | null>(null);
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const cells = new Map(overview.fidelity.map((f) => [f.sessionId, f]));
  // Held sessions, and past ones not yet marked: recording fidelity marks those held.
  const sessions = overview.sessions
    .filter((s) => s.status === 'held' || (s.status === 'planned' && s.plannedDate <= today))
    .sort((a, b) => a.number - b.number);
  const mean = overview.summary.meanFidelity;

  useEffect(() => {
    if (open || !returnTo) return;
    document.getElementById(buttonId(returnTo))?.focus();
    setReturnTo(null);
  }, [open, returnTo]);

  const close = () => {
    setReturnTo(open);
    setOpen(null);
  };
  const openSession = sessions.find((s) => s.id === open);

  return (
    <Panel id="fidelity-title" title={t('fidelity.title')} hint={mean === null ? t('fidelity.noMean') : t('fidelity.mean', { percent: Math.round(mean) })}>
      <DataTable
        caption={t('fidelity.title')}
        rows={sessions}
        empty={<EmptyState title={t('fidelity.empty')}>{t('fidelity.emptyText')}</EmptyState>}
        columns={[
          { key: 'session', header: t('fidelity.session'), rowHeader: true, cell: (s) => t('fidelity.sessionName', { number: s.number }) },
          { key: 'date', header: t('fidelity.date'), cellClassName: 'nowrap', cell: (s) => fmt.shortDate(s.heldDate ?? s.plannedDate) },
          {
            key: 'percent',
            header: t('fidelity.percent'),
            className: 'num',
            cell: (s) => {
              const cell = cells.get(s.id);
              return cell?.percent != null ? `${cell.percent} %` : t('fidelity.notRecorded');
            },
          },
          { key: 'note', header: t('fidelity.note'), cell: (s) => cells.get(s.id)?.note || '' },
          {
            key: 'actions',
            header: t('fidelity.actions'),
            hiddenHeader: true,
            cellClassName: 'actions-cell',
            cell: (s) => {
              if (groupCancelled) return null;
              const label = cells.get(s.id)?.percent != null ? t('fidelity.edit') : t('fidelity.record');
              return (
                <button
                  type="button"
                  id={buttonId(s.id)}
                  className="button button--small button--secondary"
                  aria-label={`${label}, ${t('fidelity.sessionName', { number: s.number }).toLowerCase()}`}
                  aria-expanded={open === s.id}
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  {label}
                </button>
              );
            },
          },
        ]}
      />
      {openSession && <FidelityForm key={openSession.id} sessionId={openSession.id} number={openSession.number} onDone={close} />}
    </Panel>
  );
}
