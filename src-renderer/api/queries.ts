import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '@contract';
import { call, onChanged } from './client';
import type { ApiError } from './errors';

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

/**
 * A write. It refreshes nothing itself: main reports every successful write as a change, and the
 * change feed then re-reads every query once (any write can change any list or count).
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

/** Refreshes everything when main reports a change: this window's writes, another window, the CLI, a backup restore. */
export function useChangeFeed(): void {
  const client = useQueryClient();
  useEffect(() => onChanged(() => void client.invalidateQueries()), [client]);
}
