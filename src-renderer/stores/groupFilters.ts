import { create } from 'zustand';

export type GroupStatusFilter = '' | 'planned' | 'running' | 'completed' | 'cancelled';

export interface GroupFilters {
  programmeId: string;
  unitId: string;
  status: GroupStatusFilter;
  year: string;
  search: string;
  offset: number;
}

interface GroupFilterState extends GroupFilters {
  set(patch: Partial<Omit<GroupFilters, 'offset'>>): void;
  setOffset(offset: number): void;
  reset(): void;
}

const initial: GroupFilters = { programmeId: '', unitId: '', status: '', year: '', search: '', offset: 0 };

/** The group list's filters survive navigating to a group and back (UI state, not data). */
export const useGroupFilters = create<GroupFilterState>((set) => ({
  ...initial,
  set: (patch) => set({ ...patch, offset: 0 }),
  setOffset: (offset) => set({ offset }),
  reset: () => set(initial),
}));

export const groupPageSize = 25;
