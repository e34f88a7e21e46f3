import { create } from 'zustand';
import type { ProcedureOutput } from '@contract';
import { call } from '../api/client';
import { asApiError, type ApiError } from '../api/errors';

export type VaultStatus = ProcedureOutput<'vault.status'>;

/** Why a recovery key is on screen, and what else the user must be told with it. */
export interface RecoveryNotice {
  kind: 'setup' | 'rekey';
  backupsEncrypted?: number;
  backupsRemoved?: number;
}

interface VaultState {
  status: VaultStatus | null;
  /** Set when even the status could not be read (main gone): the gate shows it with a retry. */
  error: ApiError | null;
  /** Shown once after setup; kept in memory only, and dropped when the user continues. */
  recoveryKey: string | null;
  recoveryNotice: RecoveryNotice | null;
  refresh(): Promise<void>;
  apply(status: VaultStatus): void;
  setRecoveryKey(key: string | null, notice?: RecoveryNotice): void;
}

let latest = 0;

/**
 * The lock state as main reports it. Only main decides whether Komet is locked; the renderer
 * asks again whenever something suggests the answer changed (a 'changed' event, except one of the
 * backups alone, which moves no lock; a call answered 'locked'). Overlapping refreshes are
 * resolved by keeping the last one started.
 */
export const useVault = create<VaultState>((set) => ({
  status: null,
  error: null,
  recoveryKey: null,
  recoveryNotice: null,
  async refresh() {
    const ticket = ++latest;
    try {
      const status = await call('vault.status', {});
      if (ticket === latest) set({ status, error: null });
    } catch (err) {
      if (ticket === latest) set({ error: asApiError(err) });
    }
  },
  apply(status) {
    latest++;
    set({ status, error: null });
  },
  setRecoveryKey: (recoveryKey, notice) => set({ recoveryKey, recoveryNotice: recoveryKey ? (notice ?? { kind: 'setup' }) : null }),
}));

export const refreshVault = (): Promise<void> => useVault.getState().refresh();
