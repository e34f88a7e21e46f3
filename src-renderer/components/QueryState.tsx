import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';
import { PageHeader } from './PageHeader';

/** What QueryState needs of a query: react-query's result fits, so does a hand-made one. */
export interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  error: unknown;
}

interface QueryStateProps<T> {
  query: QueryLike<T>;
  /** Shown once the data is there; leave it out to show only the loading and error states. */
  children?: (data: T) => ReactNode;
  /** Another failure to show in the same place, e.g. of a write the data belongs to. */
  error?: unknown;
  /** Shown instead of the children when the data is an empty list. */
  empty?: ReactNode;
}

/** Loading, then the data (or what to show when there is none); a failure in an alert. */
export function QueryState<T>({ query, children, error, empty }: QueryStateProps<T>) {
  const data = query.data;
  const none = empty !== undefined && Array.isArray(data) && data.length === 0;
  return (
    <>
      {query.isPending && <Loading />}
      <ErrorAlert error={query.error ?? error} />
      {data !== undefined && (none ? empty : children?.(data))}
    </>
  );
}

/** A page whose data is not there yet: its header, and loading or the failure. */
export function PendingPage({ title, back, query }: { title: string; back: ReactNode; query: QueryLike<unknown> }) {
  return (
    <>
      <PageHeader title={title} back={back} />
      <QueryState query={query} />
    </>
  );
}
