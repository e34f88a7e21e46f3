import { GROUP_STATUSES } from '@contract/enums';
import { useApiQuery } from '../../api/queries';

export const groupFilterOptionInputs = { programmes: { includeArchived: true }, units: { includeArchived: true } } as const;

/**
 * Programmes and units for the list's filters; archived ones are kept so old choices still show.
 * The list asks for no staff: the whole register (thousands in a city) would be read and sent
 * before the page of groups behind it in the same queue.
 */
export function useGroupFilterOptions() {
  const programmes = useApiQuery('programmes.list', groupFilterOptionInputs.programmes);
  const units = useApiQuery('units.list', groupFilterOptionInputs.units);
  return { programmes: programmes.data ?? [], units: units.data ?? [] };
}

/** Programmes, units and staff for the group form's pickers; archived ones are kept so old choices still show. */
export function useGroupOptions() {
  const programmes = useApiQuery('programmes.list', { includeArchived: true });
  const units = useApiQuery('units.list', { includeArchived: true });
  const staff = useApiQuery('staff.list', { includeArchived: true });
  return {
    programmes: programmes.data ?? [],
    units: units.data ?? [],
    staff: staff.data ?? [],
    isPending: programmes.isPending || units.isPending || staff.isPending,
    error: programmes.error ?? units.error ?? staff.error,
  };
}

export const groupStatuses = GROUP_STATUSES;

/** Years that have groups, the current year (a new group starts in it) and the one chosen, newest first. */
export function yearChoices(years: readonly number[], chosen: string, today = new Date()): number[] {
  const all = new Set([...years, today.getFullYear()]);
  if (chosen) all.add(Number(chosen));
  return [...all].sort((a, b) => b - a);
}
