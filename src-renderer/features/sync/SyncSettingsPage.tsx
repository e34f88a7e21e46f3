import './sync.css';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useBilingual } from '../../i18n/useBilingual';
import { showToast } from '../../stores/toasts';
import { groupedFingerprint, useSyncTime } from './format';

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
  const s = status.data;

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
      {status.isPending && <Loading />}
      <ErrorAlert error={status.error} />
      {s && !s.joined && (
        <section className="panel" aria-labelledby="sync-join-title">
          <h2 id="sync-join-title" className="panel__title">
            {t('sync.settings.joinTitle')}
          </h2>
          <p className="panel__hint">{t('sync.settings.joinIntro')}</p>
          <form noValidate onSubmit={submit}>
            <FormField id="sync-code" label={t('sync.settings.code')} hint={t('sync.settings.codeHint')} error={codeError} required>
              {(control) => <textarea rows={3} className="mono" spellCheck={false} autoComplete="off" {...control} value={code} onChange={(e) => setCode(e.target.value)} />}
            </FormField>
            <ErrorAlert error={join.error} />
            <button type="submit" className="button button--primary" disabled={join.isPending}>
              {join.isPending ? t('sync.settings.joining') : t('sync.settings.join')}
            </button>
          </form>
        </section>
      )}
      {s?.joined && s.server && s.identity && (
        <>
          <section className="panel" aria-labelledby="sync-server-title">
            <h2 id="sync-server-title" className="panel__title">
              {t('sync.settings.serverTitle')}
            </h2>
            <dl className="details">
              <div className="details__row">
                <dt>{t('sync.settings.server')}</dt>
                <dd>
                  {s.server.name} <span className="mono">{s.server.url}</span>
                </dd>
              </div>
              <div className="details__row">
                <dt>{t('sync.settings.fingerprint')}</dt>
                <dd className="mono">{groupedFingerprint(s.server.fingerprint)}</dd>
              </div>
              <div className="details__row">
                <dt>{t('sync.settings.as')}</dt>
                <dd>
                  {s.identity.name} ({t(`sync.roles.${s.identity.role}`)})
                </dd>
              </div>
              <div className="details__row">
                <dt>{t('sync.settings.lastSync')}</dt>
                <dd>{s.lastSyncedAt ? time.full(s.lastSyncedAt) : t('sync.settings.never')}</dd>
              </div>
              <div className="details__row">
                <dt>{t('sync.settings.waiting')}</dt>
                <dd>{t('sync.settings.waitingCount', { count: s.unsent })}</dd>
              </div>
              <div className="details__row">
                <dt>{t('sync.settings.conflicts')}</dt>
                <dd>
                  <Link to="/sync/conflicts">{t('sync.settings.conflictsCount', { count: s.openConflicts })}</Link>
                </dd>
              </div>
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
          </section>
          {s.refusals.length > 0 && (
            <section className="panel" aria-labelledby="sync-refusals-title">
              <h2 id="sync-refusals-title" className="panel__title">
                {t('sync.settings.refusalsTitle')}
              </h2>
              <p className="panel__hint">{t('sync.settings.refusalsIntro')}</p>
              <ul className="sync-refusals">
                {s.refusals.map((r) => (
                  <li key={r.id}>
                    <p>
                      {time.full(r.at)}: {pick({ sv: r.sv, en: r.en })}
                    </p>
                    <button type="button" className="button button--small" onClick={() => dismiss.mutate({ id: r.id })}>
                      {t('sync.settings.dismiss')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
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
      </ConfirmDialog>
    </>
  );
}
