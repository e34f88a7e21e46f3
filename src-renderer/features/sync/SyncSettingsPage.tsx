import './sync.css';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { useBilingual } from '../../i18n/useBilingual';
import { showToast } from '../../stores/toasts';
import { groupedFingerprint, useSyncTime } from './format';
import { textLimits } from '@contract/limits';

/** Inställningar → Synkronisering: join with a code, see the server and the last sync, sync now, leave. */
export function SyncSettingsPage() {
  const { t } = useTranslation();
  const pick = useBilingual();
  const time = useSyncTime();
  const status = useApiQuery('sync.status', {});
  const join = useApiMutation('sync.join');
  const now = useApiMutation('sync.now');
  const leave = useApiMutation('sync.leave');
  const dismiss = useApiMutation('sync.dismissRefusal');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [leaving, setLeaving] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim().length < 10) {
      setCodeError('sync.settings.codeRequired');
      document.getElementById('sync-code')?.focus();
      return;
    }
    setCodeError(undefined);
    join.mutate({ code: code.trim() }, { onSuccess: (r) => (setCode(''), showToast(t('sync.settings.joined', { server: r.server?.name ?? '' }))) });
  };

  return (
    <>
      <PageHeader title={t('sync.settings.title')} subtitle={t('sync.settings.subtitle')} back={<Link to="/settings">← {t('settings.title')}</Link>} />
      <QueryState query={status}>
        {(s) =>
          !s.joined || !s.server || !s.identity ? (
            <Panel id="sync-join-title" title={t('sync.settings.joinTitle')}>
              <p className="panel__hint">{t('sync.settings.joinIntro')}</p>
              <form noValidate onSubmit={submit}>
                <FormField id="sync-code" label={t('sync.settings.code')} hint={t('sync.settings.codeHint')} error={codeError} required>
                  {(control) => (
                    <textarea
                      rows={3}
                      maxLength={textLimits.syncCode}
                      className="mono"
                      spellCheck={false}
                      autoComplete="off"
                      {...control}
                      value={code}
                      onChange={(e) => setCode(e.target.value)}
                    />
                  )}
                </FormField>
                <ErrorAlert error={join.error} />
                <button type="submit" className="button button--primary" disabled={join.isPending}>
                  {join.isPending ? t('sync.settings.joining') : t('sync.settings.join')}
                </button>
              </form>
            </Panel>
          ) : (
            <>
              <Panel id="sync-server-title" title={t('sync.settings.serverTitle')}>
                <dl className="details">
                  <Detail label={t('sync.settings.server')}>
                    {s.server.name} <span className="mono">{s.server.url}</span>
                  </Detail>
                  <Detail label={t('sync.settings.fingerprint')} valueClassName="mono">
                    {groupedFingerprint(s.server.fingerprint)}
                  </Detail>
                  <Detail label={t('sync.settings.as')}>
                    {s.identity.name} ({t(`sync.roles.${s.identity.role}`)})
                  </Detail>
                  <Detail label={t('sync.settings.lastSync')}>{s.lastSyncedAt ? time.full(s.lastSyncedAt) : t('sync.settings.never')}</Detail>
                  <Detail label={t('sync.settings.waiting')}>{t('sync.settings.waitingCount', { count: s.unsent })}</Detail>
                  <Detail label={t('sync.settings.conflicts')}>
                    <Link to="/sync/conflicts">{t('sync.settings.conflictsCount', { count: s.openConflicts })}</Link>
                  </Detail>
                </dl>
                {s.lastError && (
                  <div className="alert alert--error" role="alert">
                    <p className="alert__title">{pick(s.lastError)}</p>
                  </div>
                )}
                <ErrorAlert error={now.error} />
                <div className="sync-actions">
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={now.isPending}
                    onClick={() => now.mutate({}, { onSuccess: (r) => showToast(r.converged ? t('sync.settings.synced') : t('sync.settings.notConverged')) })}
                  >
                    {now.isPending ? t('sync.header.syncing') : t('sync.settings.syncNow')}
                  </button>
                  <button type="button" className="button button--danger" onClick={() => setLeaving(true)}>
                    {t('sync.settings.leave')}
                  </button>
                </div>
              </Panel>
              {s.refusals.length > 0 && (
                <Panel id="sync-refusals-title" title={t('sync.settings.refusalsTitle')}>
                  <p className="panel__hint">{t('sync.settings.refusalsIntro')}</p>
                  <ErrorAlert error={dismiss.error} />
                  <DataTable
                    caption={t('sync.settings.refusalsTitle')}
                    rows={s.refusals}
                    columns={[
                      { key: 'at', header: t('sync.settings.refusalAt'), rowHeader: true, cellClassName: 'nowrap', cell: (r) => time.full(r.at) },
                      { key: 'what', header: t('sync.settings.refusalWhat'), cell: (r) => pick({ sv: r.sv, en: r.en }) },
                      {
                        key: 'actions',
                        header: t('sync.settings.refusalActions'),
                        hiddenHeader: true,
                        cellClassName: 'row-actions',
                        cell: (r) => (
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={t('sync.settings.dismissLabel', { at: time.full(r.at) })}
                            disabled={dismiss.isPending}
                            onClick={() => dismiss.mutate({ id: r.id })}
                          >
                            {t('sync.settings.dismiss')}
                          </button>
                        ),
                      },
                    ]}
                  />
                </Panel>
              )}
            </>
          )
        }
      </QueryState>
      <ConfirmDialog
        open={leaving}
        title={t('sync.settings.leaveTitle')}
        confirmLabel={t('sync.settings.leaveConfirm')}
        destructive
        busy={leave.isPending}
        error={leave.error}
        onClose={() => (setLeaving(false), leave.reset())}
        onConfirm={() => leave.mutate({}, { onSuccess: () => (setLeaving(false), showToast(t('sync.settings.left'))) })}
      >
        <p>{t('sync.settings.leaveText')}</p>
        {(status.data?.unsent ?? 0) > 0 && (
          <p>
            <strong>{t('sync.settings.leaveUnsent', { count: status.data?.unsent })}</strong>
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
