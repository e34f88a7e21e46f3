import { useCallback, useRef, useState } from 'react';
import type { AttendanceState, Bilingual } from '@contract';
import { call } from '../../api/client';
import { asApiError } from '../../api/errors';

export type SaveState = 'saving' | 'saved' | 'failed';

export interface LocalCell {
  /** What the user asked for; shown while saving and after saving until the server data agrees. */
  state: AttendanceState | null;
  save: SaveState;
  error?: Bilingual;
}

export const cellKey = (participantId: string, sessionId: string) => `${participantId}:${sessionId}`;

/**
 * Saves each cell the moment it is set. Writes go out one after another so the last key pressed
 * is the one stored. The page's data is re-read by the change feed after each write; the cell
 * shows what was asked for meanwhile.
 */
export function useAttendanceSaver(
  onSettled: (ok: boolean, participantId: string, sessionId: string, state: AttendanceState | null, error?: Bilingual) => void,
) {
  const [cells, setCells] = useState<ReadonlyMap<string, LocalCell>>(new Map());
  const chain = useRef<Promise<void>>(Promise.resolve());

  const put = useCallback((key: string, cell: LocalCell | null) => {
    setCells((prev) => {
      const next = new Map(prev);
      if (cell) next.set(key, cell);
      else next.delete(key);
      return next;
    });
  }, []);

  const save = useCallback(
    (participantId: string, sessionId: string, state: AttendanceState | null) => {
      const key = cellKey(participantId, sessionId);
      put(key, { state, save: 'saving' });
      chain.current = chain.current.then(async () => {
        try {
          await call('attendance.set', { participantId, sessionId, state });
          put(key, { state, save: 'saved' });
          onSettled(true, participantId, sessionId, state);
        } catch (err) {
          const error = asApiError(err).messages;
          put(key, { state, save: 'failed', error });
          onSettled(false, participantId, sessionId, state, error);
        }
      });
    },
    [put, onSettled],
  );

  const saveColumn = useCallback((sessionId: string): Promise<number> => {
    const run = chain.current.then(async () => {
      const result = await call('attendance.setColumn', { sessionId, state: 'present', onlyUnmarked: true });
      // The column is now as the server says; drop local leftovers for it.
      setCells((prev) => new Map([...prev].filter(([k]) => !k.endsWith(`:${sessionId}`))));
      return result.marks.filter((m) => m.state === 'present').length;
    });
    chain.current = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }, []);

  return { cells, save, saveColumn, forget: (key: string) => put(key, null) };
}
