import './sync.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '@contract';
import { CONFLICT_SIDES, type ConflictSide } from '@contract/enums';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { showToast } from '../../stores/toasts';
import { useSyncTime } from './format';

type Conflict = ProcedureOutput<'sync.conflicts'>[number];

/**
 * Synkkonflikter: the same field changed on two machines before they met. Both values, who and
 * when; the later one stands until someone keeps one of them, and that choice syncs too. A code
 * or name made on two machines at once is listed with what the row that gave way became; there
 * is nothing to choose, only to take note of.
 */
export function ConflictsPage() {
  const { t } = useTranslation();
  const time = useSyncTime();
  const [showResolved, setShowResolved] = useState(false);
  const list = useApiQuery('sync.conflicts', { includeResolved: showResolved });
  const resolve = useApiMutation('sync.resolveConflict');
  const field = (c: Conflict) =>
    t(`sync.fields.${c.entity}.${c.field}`, { defaultValue: `${t(`sync.entities.${c.entity}`, { defaultValue: c.entity })}: ${c.field}` });
  const value = (side: Conflict['a']) =>
    side.deleted ? t('sync.conflicts.deleted') : side.value === null || side.value === '' ? t('sync.conflicts.empty') : side.value;

  const sideCell = (c: Conflict, side: ConflictSide) => (
    <div className="conflict-side">
      <p className="conflict-side__value">{value(c[side])}</p>
      {side === 'b' && c.renamedTo !== null && <p className="conflict-side__who">{t('sync.conflicts.renamed', { to: c.renamedTo })}</p>}
      <p className="conflict-side__who">
        {t('sync.conflicts.wrote', { who: c[side].who, at: time.full(c[side].at) })}
        {c.current === side && !c.resolvedAt && <> ({t('sync.conflicts.current')})</>}
      </p>
      {!c.resolvedAt && c.renamedTo === null && (
        <button
          type="button"
          className="button button--small"
          disabled={resolve.isPending}
          aria-label={t('sync.conflicts.keepLabel', { value: value(c[side]), field: field(c) })}
          onClick={() => resolve.mutate({ id: c.id, choice: side }, { onSuccess: () => showToast(t('sync.conflicts.kept')) })}
        >
          {t('sync.conflicts.keep')}
        </button>
      )}
    </div>
  );

  return (
    <>
      <PageHeader title={t('sync.conflicts.title')} subtitle={t('sync.conflicts.subtitle')} />
      <Checkbox label={t('sync.conflicts.showResolved')} checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />
      <QueryState query={list} error={resolve.error}>
        {(conflicts) => (
          <DataTable
            caption={t('sync.conflicts.title')}
            rows={conflicts}
            empty={<EmptyState title={t('sync.conflicts.none')}>{t('sync.conflicts.noneText')}</EmptyState>}
            columns={[
              {
                key: 'field',
                header: t('sync.conflicts.field'),
                rowHeader: true,
                cell: (c) => (
                  <>
                    {field(c)}
                    <div className="muted small">{c.subject}</div>
                  </>
                ),
              },
              ...CONFLICT_SIDES.map((side) => ({ key: side, header: t(`sync.conflicts.side.${side}`), cell: (c: Conflict) => sideCell(c, side) })),
              {
                key: 'state',
                header: t('sync.conflicts.state'),
                cell: (c) =>
                  c.resolvedAt ? (
                    t('sync.conflicts.resolved', { by: c.resolvedBy ?? '', at: time.full(c.resolvedAt) })
                  ) : c.renamedTo !== null ? (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={resolve.isPending}
                      aria-label={t('sync.conflicts.acknowledgeLabel', { field: field(c), to: c.renamedTo })}
                      onClick={() => resolve.mutate({ id: c.id, choice: 'b' }, { onSuccess: () => showToast(t('sync.conflicts.kept')) })}
                    >
                      {t('sync.conflicts.acknowledge')}
                    </button>
                  ) : (
                    t('sync.conflicts.open')
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
