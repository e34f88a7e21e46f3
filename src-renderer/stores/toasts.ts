import { create } from 'zustand';

export interface ToastAction {
  label: string;
  run(): void;
}

export interface Toast {
  id: number;
  text: string;
  /** One step the user can take from the message, e.g. undo the write it confirms. */
  action?: ToastAction;
}

interface ToastState {
  toasts: Toast[];
  show(text: string, action?: ToastAction): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** Short confirmations ("Sparat") announced through one polite live region. */
export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  show: (text, action) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-2), { id, text, ...(action ? { action } : {}) }] }));
    // An undo needs time to be read and reached by keyboard.
    window.setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), action ? 20000 : 8000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export const showToast = (text: string, action?: ToastAction): void => useToasts.getState().show(text, action);
