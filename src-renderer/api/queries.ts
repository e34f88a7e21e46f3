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

export function useApiQuery<P extends ProcedureName>(
  procedure: P,
  input: ProcedureInput<P>,
  options: Omit<UseQueryOptions<ProcedureOutput<P>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<ProcedureOutput<P>, ApiError>({
    queryKey: [procedure, input],
    queryFn: () => call(procedure, input),
    ...options,
  });
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
