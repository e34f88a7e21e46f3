import { seedProgrammes, seedUnits } from '../seed/stockholm';
import type { ServiceContext } from './context';

/** Written once the seeds are in; its presence means "never seed again", even if they are deleted. */
export const seedMarkerKey = 'seed.version';
const seedVersion = '1';

export function seedService({ repos, tx, audit }: ServiceContext) {
  return {
    isSeeded: (): boolean => repos.settings.get(seedMarkerKey) !== undefined,

    /** Seeds a new database; returns whether anything was written. Safe to call on every start. */
    ensureSeeded: (): boolean =>
      tx(() => {
        if (repos.settings.get(seedMarkerKey) !== undefined) return false;
        // A database filled before the marker existed may hold some of these already.
        for (const p of seedProgrammes) {
          if (repos.programmes.findIdByCode(p.code)) continue;
          const created = repos.programmes.insert(p);
          audit.record({ action: 'seed', entity: 'programme', entityId: created.id, fields: Object.keys(p) });
        }
        for (const u of seedUnits) {
          if (repos.units.findIdByName(u.name)) continue;
          const created = repos.units.insert(u);
          audit.record({ action: 'seed', entity: 'unit', entityId: created.id, fields: Object.keys(u) });
        }
        repos.settings.set(seedMarkerKey, seedVersion);
        return true;
      }),
  };
}
