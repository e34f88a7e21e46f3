import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { mayChange } from '../../api/change-scope';
import { call, onChanged } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { refreshVault, useVault } from '../../stores/vault';
import { DamagedScreen } from './DamagedScreen';
import { GateFrame } from './GateFrame';
import { LockScreen } from './LockScreen';
import { RecoveryKeyScreen } from './RecoveryKeyScreen';
import { SetupScreen } from './SetupScreen';

const isLocked = (err: unknown) => err instanceof ApiError && err.code === 'locked';

/**
 * Nothing of the app is mounted unless main says the vault is unlocked. Main locks on its own
 * (idle, another window, the CLI), so the state is asked again on every 'changed' event and
 * whenever any call answers 'locked'. On leaving 'unlocked' every cached answer is dropped, so
 * no data read before the lock stays in memory behind the lock screen.
 */
export function VaultGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useVault((s) => s.status);
  const error = useVault((s) => s.error);
  const recoveryKey = useVault((s) => s.recoveryKey);
  const recoveryNotice = useVault((s) => s.recoveryNotice);
  const unlocked = status?.state === 'unlocked';

  useEffect(() => {
    void refreshVault();
    return onChanged((change) => {
      if (mayChange(change, 'vault.status')) void refreshVault();
    });
  }, []);

  useEffect(() => {
    const queries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isLocked(event.action.error)) void refreshVault();
    });
    const mutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isLocked(event.action.error)) void refreshVault();
    });
    return () => {
      queries();
      mutations();
    };
  }, [client]);

  useEffect(() => {
    if (unlocked) return;
    void client.cancelQueries();
    client.clear();
  }, [unlocked, client]);

  // Unlocking unmounts the field that had focus; without this, focus falls to the document and a
  // screen reader or keyboard user starts again from the top. A page opened already unlocked
  // keeps the browser's own start, so its first Tab still reaches the skip link.
  const shownGate = useRef(false);
  useEffect(() => {
    if (!unlocked) {
      if (status) shownGate.current = true;
      return;
    }
    if (!shownGate.current) return;
    shownGate.current = false;
    (document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main'))?.focus();
  }, [unlocked, status]);

  if (recoveryKey) return <RecoveryKeyScreen recoveryKey={recoveryKey} userName={status?.userName} notice={recoveryNotice} />;
  if (!status) {
    return (
      <GateFrame title={error ? t('vault.unreachable') : t('app.name')} focusHeading={false}>
        {error ? (
          <>
            <ErrorAlert error={error} />
            <button type="button" className="button button--primary" onClick={() => void refreshVault()}>
              {t('vault.retry')}
            </button>
          </>
        ) : (
          <p className="loading" role="status">
            {t('common.loading')}
          </p>
        )}
      </GateFrame>
    );
  }
  switch (status.state) {
    case 'new':
    case 'legacy':
      return <SetupScreen legacy={status.state === 'legacy'} earlierBackups={status.earlierBackups ?? []} />;
    case 'locked':
      return <LockScreen status={status} />;
    case 'damaged':
      return <DamagedScreen status={status} />;
    case 'unlocked':
      return <>{children}</>;
  }
}

/** The sidebar's "Lås" button: main closes the database; the gate then hides everything. */
export function LockButton() {
  const { t } = useTranslation();
  const userName = useVault((s) => s.status?.userName);
  const unencrypted = useVault((s) => s.status?.unencrypted === true);
  const [busy, setBusy] = useState(false);
  const [whyNot, setWhyNot] = useState(false);
  return (
    <div className="sidebar-lock">
      {userName && <p className="sidebar-lock__user">{userName}</p>}
      <button
        type="button"
        className="button button--small sidebar-lock__button"
        disabled={busy}
        aria-describedby={unencrypted ? 'lock-unencrypted' : undefined}
        onClick={() => {
          if (unencrypted) return setWhyNot(true);
          setBusy(true);
          call('vault.lock', {})
            .then((next) => useVault.getState().apply(next))
            .catch(() => refreshVault())
            .finally(() => setBusy(false));
        }}
      >
        {t('vault.lockNow')}
      </button>
      {/* Always rendered, so the reason is announced when it appears. */}
      {unencrypted && (
        <p id="lock-unencrypted" className="sidebar-lock__note" role="status">
          {whyNot ? t('vault.cannotLockUnencrypted') : ''}
        </p>
      )}
    </div>
  );
}
