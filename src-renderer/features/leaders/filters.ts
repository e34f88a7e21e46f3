import { create } from 'zustand';
import type { PathwayStatus } from '@contract';

export type OverviewSortKey = 'name' | 'status' | 'attention' | 'attendance' | 'fidelity' | 'lastSupervision' | 'groups';

export interface LeaderFilterValues {
  scope: 'all' | 'supervised';
  supervisorId: string;
  programmeId: string;
  status: PathwayStatus | '';
  attentionOnly: boolean;
  search: string;
  /** The first row of the table's page; any other change starts again from the first page. */
  offset: number;
}

interface LeaderFilters extends LeaderFilterValues {
  set(patch: Partial<Omit<LeaderFilters, 'set' | 'setOffset' | 'offset'>>): void;
  setOffset(offset: number): void;
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
    offset: 0,
    setOffset: (offset) => set({ offset }),
    set: (patch) => {
      if (patch.supervisorId !== undefined) {
        try {
          window.localStorage.setItem(storageKey, patch.supervisorId);
        } catch {
          // Storage may be disabled; the filter still works for this session.
        }
      }
      set({ ...patch, offset: 0 });
    },
  };
});
