import { useEffect, useState } from 'react';
import type { FieldValues, UseFormWatch } from 'react-hook-form';
import { create } from 'zustand';
import { useVault } from './vault';

interface DraftsState {
  drafts: Record<string, unknown>;
  put(key: string, value: unknown): void;
  drop(...keys: string[]): void;
}

/**
 * Half-filled forms, kept while a lock unmounts the app so the user finds them again after
 * unlocking. Memory only, on purpose: what a leader types about a family must not outlive the
 * window in web storage or on disk, so this store has no persist middleware and never will.
 * A form drops its draft when it is saved or cancelled: any unmount while Komet is still unlocked
 * (the form closed, the user went elsewhere) drops it, only an unmount by a lock keeps it.
 */
export const useDrafts = create<DraftsState>((set) => ({
  drafts: {},
  put: (key, value) => set((s) => ({ drafts: { ...s.drafts, [key]: value } })),
  drop: (...keys) =>
    set((s) => {
      const drafts = { ...s.drafts };
      for (const key of keys) delete drafts[key];
      return { drafts };
    }),
}));

export const readDraft = <T>(key: string): T | undefined => useDrafts.getState().drafts[key] as T | undefined;
export const dropDrafts = (...keys: string[]): void => useDrafts.getState().drop(...keys);

const lockedNow = () => useVault.getState().status?.state !== 'unlocked';

/** Drops `key` when the component goes away for any reason but a lock. */
function useDropUnlessLocked(key: string): void {
  useEffect(
    () => () => {
      if (!lockedNow()) dropDrafts(key);
    },
    [key],
  );
}

/** useState whose value survives the component being unmounted by a lock (which panel is open). */
export function useDraftState<T>(key: string, initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => readDraft<T>(key) ?? initial);
  useDropUnlessLocked(key);
  const update = (next: T) => {
    setValue(next);
    if (next === initial) dropDrafts(key);
    else useDrafts.getState().put(key, next);
  };
  return [value, update];
}

/**
 * The form's starting values: the draft left by a lock if there is one, else the defaults.
 * Pass the result to useForm's defaultValues and the form's watch to useKeepDraft.
 */
export const draftOr = <V extends FieldValues>(key: string, defaults: V): V => ({ ...defaults, ...readDraft<Partial<V>>(key) });

/** Copies every change of the form into the draft store under `key`. */
export function useKeepDraft<V extends FieldValues>(key: string, watch: UseFormWatch<V>): void {
  useDropUnlessLocked(key);
  useEffect(() => {
    const subscription = watch((values) => useDrafts.getState().put(key, values));
    return () => subscription.unsubscribe();
  }, [key, watch]);
}
