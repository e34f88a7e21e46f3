import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupOverview } from '@contract';
import { EmptyState } from '../../components/EmptyState';
import { useFormat } from '../../lib/format';
import { todayIso } from '../participants/labels';
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
    <section className="panel" aria-labelledby="fidelity-title">
      <div className="panel__header">
        <h2 id="fidelity-title" className="panel__title">
          {t('fidelity.title')}
        </h2>
        <p className="panel__hint">{mean === null ? t('fidelity.noMean') : t('fidelity.mean', { percent: Math.round(mean) })}</p>
      </div>
      {sessions.length === 0 ? (
        <EmptyState title={t('fidelity.empty')}>{t('fidelity.emptyText')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('fidelity.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fidelity.session')}</th>
                <th scope="col">{t('fidelity.date')}</th>
                <th scope="col" className="num">{t('fidelity.percent')}</th>
                <th scope="col">{t('fidelity.note')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('fidelity.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const cell = cells.get(s.id);
                const recorded = cell?.percent != null;
                const label = recorded ? t('fidelity.edit') : t('fidelity.record');
                return (
                  <tr key={s.id}>
                    <th scope="row">{t('fidelity.sessionName', { number: s.number })}</th>
                    <td className="nowrap">{fmt.shortDate(s.heldDate ?? s.plannedDate)}</td>
                    <td className="num">{recorded ? `${cell.percent} %` : t('fidelity.notRecorded')}</td>
                    <td>{cell?.note || ''}</td>
                    <td className="actions-cell">
                      {!groupCancelled && (
                        <button type="button" id={buttonId(s.id)} className="button button--small button--secondary"
                          aria-label={`${label}, ${t('fidelity.sessionName', { number: s.number }).toLowerCase()}`} aria-expanded={open === s.id}
                          onClick={() => setOpen(open === s.id ? null : s.id)}>
                          {label}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {openSession && <FidelityForm key={openSession.id} sessionId={openSession.id} number={openSession.number} onDone={close} />}
    </section>
  );
}
