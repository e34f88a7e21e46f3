import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';

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
  /** With isEmpty: shown instead of the children when the data holds nothing. */
  empty?: ReactNode;
  isEmpty?(data: T): boolean;
}

/** Loading, then the data (or what to show when there is none); a failure in an alert. */
export function QueryState<T>({ query, children, error, empty, isEmpty }: QueryStateProps<T>) {
  const data = query.data;
  return (
    <>
      {query.isPending && <Loading />}
      <ErrorAlert error={query.error ?? error} />
      {data !== undefined && (empty !== undefined && isEmpty?.(data) ? empty : children?.(data))}
    </>
  );
}
