import { notifyManager, QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '@contract';
import { refreshAfter } from './change-scope';
import { call, onChanged } from './client';
import type { ApiError } from './errors';

/**
 * News of queries that arrives in the same task is handed on in one later task, in the order it
 * came. The query library hands each query's news on in a timer of its own, and each re-rendered
 * the screen: four answers arriving together drew a screen four times before its first paint.
 */
let queuedNews: (() => void)[] | null = null;
notifyManager.setScheduler((handOn) => {
  if (queuedNews) {
    queuedNews.push(handOn);
    return;
  }
  queuedNews = [handOn];
  setTimeout(() => {
    const news = queuedNews ?? [];
    queuedNews = null;
    for (const next of news) {
      try {
        next();
      } catch (err) {
        // As a timer of its own would have: the failure is reported and the others still run.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }, 0);
});

export const queryClient = new QueryClient({
  defaultOptions: {
    // Local database: data is only stale when main says so, and errors are not transient.
    queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

const queryOf = <P extends ProcedureName>(procedure: P, input: ProcedureInput<P>) => ({
  queryKey: [procedure, input],
  queryFn: () => call(procedure, input),
});

export function useApiQuery<P extends ProcedureName>(
  procedure: P,
  input: ProcedureInput<P>,
  options: Omit<UseQueryOptions<ProcedureOutput<P>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<ProcedureOutput<P>, ApiError>({ ...queryOf(procedure, input), ...options });
}

/**
 * Asks for what a screen is about to read, on the click that opens it: the request is on its way
 * while the screen renders, instead of leaving from the screen's effects after it has. The screen's
 * own query (same procedure and input) then takes the answer or waits on the same request; an
 * answer already kept is not asked for again. Resolves with the answer, or undefined on a failure,
 * which the screen's query shows when it asks again.
 */
export function prefetchApiQuery<P extends ProcedureName>(procedure: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P> | undefined> {
  return queryClient.fetchQuery<ProcedureOutput<P>, ApiError>(queryOf(procedure, input)).catch(() => undefined);
}

/** One query's part of an answer that holds several (see prefetchTogether). */
export interface QueryPart<T> {
  procedure: ProcedureName;
  input: unknown;
  pick: (answer: T) => unknown;
}

/** The query `procedure(input)` as the `pick`ed part of an answer of type T. */
export const queryPart = <T, P extends ProcedureName>(procedure: P, input: ProcedureInput<P>, pick: (answer: T) => ProcedureOutput<P>): QueryPart<T> => ({
  procedure,
  input,
  pick,
});

/**
 * Like prefetchApiQuery for several queries at once, answered by one call of `procedure`, which
 * answers each query's procedure together: one request instead of one per query, and one answer,
 * so the screen renders once with all of it. Only queries with no answer kept ask, and the call
 * is made once if any does. The queries stay the screen's own: each re-reads alone after a change.
 */
export function prefetchTogether<P extends ProcedureName>(procedure: P, input: ProcedureInput<P>, parts: readonly QueryPart<ProcedureOutput<P>>[]): void {
  let answer: Promise<ProcedureOutput<P>> | undefined;
  const together = () => (answer ??= call(procedure, input));
  for (const part of parts) {
    // The shared answer serves the first read only: a query that reads again (after a change)
    // keeps this function and must ask main anew, not be handed the answer given before it.
    let first = true;
    const read = (): Promise<unknown> => {
      if (!first) return call(part.procedure, part.input as never);
      first = false;
      return together().then(part.pick);
    };
    void queryClient.fetchQuery<unknown, ApiError>({ queryKey: [part.procedure, part.input], queryFn: read }).catch(() => undefined);
  }
}

/**
 * A write. It refreshes nothing itself: main reports every successful write as a change, and the
 * change feed then re-reads every query once (any write can change any list or count), except
 * after a change of the backups or of the lock's idle time alone.
 */
export function useApiMutation<P extends ProcedureName>(procedure: P) {
  return useMutation<ProcedureOutput<P>, ApiError, ProcedureInput<P>>({
    mutationFn: (input) => call(procedure, input),
  });
}

/**
 * Where a write answers with the new state of something a query shows, the answer goes straight
 * into that query, so the screen shows it without waiting for the change feed's re-read.
 */
export function setApiData<P extends ProcedureName>(procedure: P, input: ProcedureInput<P>, data: ProcedureOutput<P>): void {
  queryClient.setQueryData([procedure, input], data);
}

/**
 * Refreshes everything when main reports a change (this window's writes, another window, the CLI,
 * a backup restore), only what shows backups when the change is a backup, and only the lock state
 * and the audit trail when it is a new idle time before the lock (change-scope.ts).
 */
export function useChangeFeed(): void {
  const client = useQueryClient();
  useEffect(() => onChanged((change) => void refreshAfter(client, change)), [client]);
}
