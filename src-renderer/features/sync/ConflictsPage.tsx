import './sync.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '@contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { showToast } from '../../stores/toasts';
import { useSyncTime } from './format';

type Conflict = ProcedureOutput<'sync.conflicts'>[number];

/**
 * Synkkonflikter: the same field changed on two machines before they met. Both values, who and
 * when; the later one stands until someone keeps one of them, and that choice syncs too.
 */
export function ConflictsPage() {
  const { t } = useTranslation();
  const time = useSyncTime();
  const [showResolved, setShowResolved] = useState(false);
  const list = useApiQuery('sync.conflicts', { includeResolved: showResolved });
  const resolve = useApiMutation('sync.resolveConflict');
  const field = (c: Conflict) => t(`sync.fields.${c.entity}.${c.field}`, { defaultValue: `${t(`sync.entities.${c.entity}`, { defaultValue: c.entity })}: ${c.field}` });
  const value = (v: string | null) => (v === null || v === '' ? t('sync.conflicts.empty') : v);

  return (
    <>
      <PageHeader title={t('sync.conflicts.title')} subtitle={t('sync.conflicts.subtitle')} />
      <label className="checkbox">
        <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> {t('sync.conflicts.showResolved')}
      </label>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      <ErrorAlert error={resolve.error} />
      {list.data && list.data.length === 0 && <EmptyState title={t('sync.conflicts.none')}>{t('sync.conflicts.noneText')}</EmptyState>}
      {list.data?.map((c) => (
        <section key={c.id} className="panel" aria-labelledby={`conflict-${c.id}`}>
          <h2 id={`conflict-${c.id}`} className="panel__title">
            {field(c)} – {c.subject}
          </h2>
          {c.resolvedAt && <p className="panel__hint">{t('sync.conflicts.resolved', { by: c.resolvedBy ?? '', at: time.full(c.resolvedAt) })}</p>}
          <div className="conflict-sides">
            {(['a', 'b'] as const).map((side) => (
              <div key={side} className="conflict-side">
                <p className="conflict-side__who">
                  {t('sync.conflicts.wrote', { who: c[side].who, at: time.full(c[side].at) })}
                  {c.current === side && !c.resolvedAt && <> ({t('sync.conflicts.current')})</>}
                </p>
                <p className="conflict-side__value">{value(c[side].value)}</p>
                {!c.resolvedAt && (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={resolve.isPending}
                    aria-label={t('sync.conflicts.keepLabel', { value: value(c[side].value), field: field(c) })}
                    onClick={() => resolve.mutate({ id: c.id, choice: side }, { onSuccess: () => showToast(t('sync.conflicts.kept')) })}
                  >
                    {t('sync.conflicts.keep')}
                  </button>
                )}
              </div>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
