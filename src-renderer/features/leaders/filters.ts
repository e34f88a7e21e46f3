import { create } from 'zustand';
import type { PathwayStatus } from '@contract';

export type OverviewSortKey = 'name' | 'status' | 'attention' | 'attendance' | 'fidelity' | 'lastSupervision' | 'groups';

interface LeaderFilters {
  scope: 'all' | 'supervised';
  supervisorId: string;
  programmeId: string;
  status: PathwayStatus | '';
  attentionOnly: boolean;
  search: string;
  set(patch: Partial<Omit<LeaderFilters, 'set'>>): void;
}

const storageKey = 'komet.leaders.supervisor';

function rememberedSupervisor(): string {
  try {
    return window.localStorage.getItem(storageKey) ?? '';
  } catch {
    return '';
  }
}

/**
 * Kept while moving between the overview and a leader page. The supervisor chosen for "mina
 * ledare" is remembered on this computer: it is who usually sits at it, not personal data.
 */
export const useLeaderFilters = create<LeaderFilters>((set) => {
  const supervisorId = rememberedSupervisor();
  return {
    scope: supervisorId ? 'supervised' : 'all',
    supervisorId,
    programmeId: '',
    status: '',
    attentionOnly: false,
    search: '',
    set: (patch) => {
      if (patch.supervisorId !== undefined) {
        try {
          window.localStorage.setItem(storageKey, patch.supervisorId);
        } catch {
          // Storage may be disabled; the filter still works for this session.
        }
      }
      set(patch);
    },
  };
});
