import type { Unit } from '../../contract';
import type { Bilingual } from '../errors';
import { closest } from './cell-values';
import { nameKey } from './row-reader';

/** Finds units by the name written in a list, case and spacing aside, offering the closest on a miss. */
export function unitLookup(units: readonly Unit[]) {
  // Escaped, not å/ä/ö: the bundles stay ASCII (scripts/bundle-options.mjs).
  const shortOf = (name: string) => nameKey(name).replace(/ (stadsdelsf\u00f6rvaltning|sdf)$/, '');
  const byName = new Map<string, Unit>();
  // Lists name a district without its administration: "Bromma" for "Bromma stadsdelsförvaltning".
  for (const u of units) byName.set(shortOf(u.name), u);
  for (const u of units) byName.set(nameKey(u.name), u);
  const activeByShort = new Map(units.filter((u) => u.active).map((u) => [shortOf(u.name), u.name]));
  return (written: string): { unit: Unit } | { issue: Bilingual } => {
    const unit = byName.get(nameKey(written)) ?? byName.get(shortOf(written));
    if (unit && unit.active) return { unit };
    if (unit) return { issue: { sv: `enheten '${written}' är arkiverad`, en: `the unit '${written}' is archived` } };
    const nearShort = closest(shortOf(written), [...activeByShort.keys()]);
    const near = nearShort === null ? null : activeByShort.get(nearShort)!;
    return {
      issue: near
        ? { sv: `enheten '${written}' finns inte; menade du '${near}'?`, en: `there is no unit '${written}'; did you mean '${near}'?` }
        : {
            sv: `enheten '${written}' finns inte i Komet; lägg till den under Enheter först`,
            en: `there is no unit '${written}' in Komet; add it under Units first`,
          },
    };
  };
}
