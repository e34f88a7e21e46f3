import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
}

interface ToastState {
  toasts: Toast[];
  show(text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** Short confirmations ("Sparat") announced through one polite live region. */
export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  show: (text) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-2), { id, text }] }));
    window.setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), 8000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export const showToast = (text: string): void => useToasts.getState().show(text);
