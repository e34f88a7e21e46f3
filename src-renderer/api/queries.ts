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

/** Every write can change any list or count, so all queries are refreshed after it. */
export function useApiMutation<P extends ProcedureName>(procedure: P) {
  const client = useQueryClient();
  return useMutation<ProcedureOutput<P>, ApiError, ProcedureInput<P>>({
    mutationFn: (input) => call(procedure, input),
    onSuccess: () => client.invalidateQueries(),
  });
}

/** Refreshes everything when main reports a change (another window, the CLI, a backup restore). */
export function useChangeFeed(): void {
  const client = useQueryClient();
  useEffect(() => onChanged(() => void client.invalidateQueries()), [client]);
}
