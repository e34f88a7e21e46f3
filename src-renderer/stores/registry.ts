import { create } from 'zustand';

export type RegistryKind = 'staff' | 'programmes' | 'units';

interface RegistryUiState {
  showArchived: Record<RegistryKind, boolean>;
  setShowArchived(kind: RegistryKind, value: boolean): void;
}

/** Whether each register lists archived entries; UI state kept across navigation. */
export const useRegistryUi = create<RegistryUiState>((set) => ({
  showArchived: { staff: false, programmes: false, units: false },
  setShowArchived: (kind, value) => set((s) => ({ showArchived: { ...s.showArchived, [kind]: value } })),
}));
