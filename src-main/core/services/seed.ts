import { genericPlanItem, seedDropoutReasons } from '../seed/participation';
import { seedProgrammes, seedUnits } from '../seed/stockholm';
import type { ServiceContext } from './context';

/** Written once the seeds are in; its presence means "never seed again", even if they are deleted. */
export const seedMarkerKey = 'seed.version';
const seedVersion = '1';
export const participationSeedKey = 'seed.participation';

export function seedService({ repos, tx, audit }: ServiceContext) {
  return {
    isSeeded: (): boolean => repos.settings.get(seedMarkerKey) !== undefined,

    /** Seeds a new database; returns whether anything was written. Safe to call on every start. */
    ensureSeeded: (): boolean => tx(() => [seedBase(), seedParticipation()].some(Boolean)),
  };

  function seedBase(): boolean {
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
  }

  /**
   * Dropout reasons and a generic session plan for each seeded programme, with their own marker so
   * databases seeded before participation existed get them once too.
   */
  function seedParticipation(): boolean {
    if (repos.settings.get(participationSeedKey) !== undefined) return false;
    for (const r of seedDropoutReasons) {
      if (repos.plans.reasonIdByCode(r.code)) continue;
      const id = repos.plans.insertReason(r.code, r.sv, r.en);
      audit.record({ action: 'seed', entity: 'dropoutReason', entityId: id, fields: ['sv', 'en'] });
    }
    for (const p of seedProgrammes) {
      const id = repos.programmes.findIdByCode(p.code);
      if (!id || repos.plans.planCount(id) > 0) continue;
      const programme = repos.programmes.get(id)!;
      for (let n = 1; n <= programme.sessionCount; n++) repos.plans.upsertPlan(id, genericPlanItem(n, programme.sessionCount));
      audit.record({ action: 'seed', entity: 'sessionPlan', entityId: id, fields: ['title', 'components'] });
    }
    repos.settings.set(participationSeedKey, '1');
    return true;
  }
}
