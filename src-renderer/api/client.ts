import type { ProcedureInput, ProcedureName, ProcedureOutput } from '@contract';
import type { Change } from './change-scope';
import { ApiError } from './errors';
import { transport } from './transport';

/** Calls one procedure of the contract; resolves with its typed output or throws an ApiError. */
export async function call<P extends ProcedureName>(procedure: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>> {
  const result = await transport.call(procedure, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as ProcedureOutput<P>;
}

/** Told of each change main announces; null when anything may have changed (see Change). */
export const onChanged = (cb: (change: Change) => void): (() => void) => transport.onChanged(cb);
