import { useTranslation } from 'react-i18next';
import type { FollowUp } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { RowLink } from '../../components/RowLink';
import { useWordsOnce } from '../../i18n/useWordsOnce';
import { useFormat } from '../../lib/format';
import { showToast } from '../../stores/toasts';
import '../leaders/leaders.css';

/**
 * Open follow-up actions with their due dates. Overdue is said in words as well as in colour,
 * and each "done" button names the action it closes.
 */
export function FollowUpList({ items, emptyText, headingId }: { items: FollowUp[]; emptyText: string; headingId: string }) {
  const { t } = useTranslation();
  const { word } = useWordsOnce();
  const fmt = useFormat();
  const setDone = useApiMutation('followUps.setDone');

  const markDone = async (f: FollowUp) => {
    try {
      await setDone.mutateAsync({ id: f.id, done: true });
      showToast(t('followUps.doneToast', { text: f.text }));
      // The row disappears; keep keyboard users in the same region.
      document.getElementById(headingId)?.focus();
    } catch {
      // Shown in the alert below.
    }
  };

  if (items.length === 0) return <EmptyState title={emptyText} />;
  return (
    <>
      <ErrorAlert error={setDone.error} />
      <ul className="follow-ups">
        {items.map((f) => (
          <li key={f.id} className={`follow-ups__item${f.overdue ? ' follow-ups__item--overdue' : ''}`}>
            <span className="follow-ups__due nowrap">
              {fmt.shortDate(f.dueDate)}
              {f.overdue && <span className="small"> {word('followUps.overdue')}</span>}
            </span>
            <span>
              {f.text}
              <span className="muted small">
                {' · '}
                {f.leaderId && f.leaderName ? <RowLink to={`/leaders/${f.leaderId}`}>{f.leaderName}</RowLink> : word('followUps.wholeGroup')}
                {' · '}
                {t('followUps.from', { date: fmt.shortDate(f.supervisionDate), supervisor: f.supervisorName })}
              </span>
            </span>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={setDone.isPending}
              aria-label={t('followUps.markDoneLabel', { text: f.text })}
              onClick={() => void markDone(f)}
            >
              {word('followUps.markDone')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The dashboard panel's read: the first twenty open, overdue first. */
export const openFollowUpsInput = { limit: 20 } as const;

/**
 * The dashboard's panel: everything open, overdue first (the server orders by due date). Until it
 * is there the panel says so.
 */
export function FollowUpsPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const open = useApiQuery('followUps.open', openFollowUpsInput);
  const d = open.data;
  return (
    <Panel
      id="follow-ups-heading"
      title={t('followUps.title')}
      count={d && d.overdue > 0 && t('followUps.overdueCount', { count: d.overdue })}
      focusableHeading
    >
      <QueryState query={open}>
        {(list) => (
          <>
            <FollowUpList items={list.items} emptyText={t('followUps.emptyAll')} headingId="follow-ups-heading" />
            {list.total > list.items.length && (
              <p className="panel__hint">{t('followUps.more', { count: list.total - list.items.length, shown: fmt.number(list.items.length) })}</p>
            )}
          </>
        )}
      </QueryState>
    </Panel>
  );
}
