import { genericPlanItem, seedDropoutReasons } from '../seed/participation';
import { seedProgrammes, seedUnits } from '../seed/stockholm';
import { dropoutReasonSeedId, programmeSeedId, seedTimestamp, sessionPlanId, unitSeedId } from '../sync/stable-id';
import type { ServiceContext } from './context';
import { seedShippedInstruments } from './instruments';
import { participationStatus } from './participation-status';

/** Written once the seeds are in; its presence means "never seed again", even if they are deleted. */
export const seedMarkerKey = 'seed.version';
const seedVersion = '1';
export const participationSeedKey = 'seed.participation';
/** Set once seeded rows carry the ids and timestamps every installation agrees on. */
export const stableSeedIdsKey = 'seed.stableIds';
/** Set once participants of ended counts-only groups carry `ended_unrecorded` instead of the `active` stored before it existed. */
export const countsOnlyStatusesKey = 'settle.countsOnlyStatuses';

export function seedService({ repos, tx, audit }: ServiceContext) {
  const seedRow = (id: string) => ({ id, at: seedTimestamp });

  return {
    isSeeded: (): boolean => repos.settings.get(seedMarkerKey) !== undefined,

    /** Seeds a new database; returns whether anything was written. Safe to call on every start. */
    ensureSeeded: (): boolean => tx(() => [seedBase(), seedParticipation(), stableSeedIds(), seedInstruments(), settleCountsOnlyStatuses()].some(Boolean)),
  };

  /**
   * Once per database: a group that counted heads only and had already ended kept `active` for its
   * parents until the next write to the group. Re-deriving those groups gives them the status every
   * newer write gives.
   */
  function settleCountsOnlyStatuses(): boolean {
    if (repos.settings.get(countsOnlyStatusesKey) !== undefined) return false;
    const status = participationStatus(repos);
    let changed = 0;
    for (const groupId of repos.participants.countsOnlyGroupsWithActive()) changed += status.recomputeGroup(groupId).filter((r) => r.changed).length;
    repos.settings.set(countsOnlyStatusesKey, '1');
    return changed > 0;
  }

  /** Every start: a Komet that ships a new definition (or version) adds it to the library. */
  function seedInstruments(): boolean {
    const added = seedShippedInstruments(repos);
    if (added) audit.record({ action: 'seed', entity: 'instrument', entityId: String(added), fields: ['definition'] });
    return added > 0;
  }

  function seedBase(): boolean {
    if (repos.settings.get(seedMarkerKey) !== undefined) return false;
    // A database filled before the marker existed may hold some of these already.
    for (const p of seedProgrammes) {
      if (repos.programmes.findIdByCode(p.code)) continue;
      const created = repos.programmes.insert(p, seedRow(programmeSeedId(p.code)));
      audit.record({ action: 'seed', entity: 'programme', entityId: created.id, fields: Object.keys(p) });
    }
    for (const u of seedUnits) {
      if (repos.units.findIdByName(u.name)) continue;
      const created = repos.units.insert(u, seedRow(unitSeedId(u.name)));
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
      const id = repos.plans.insertReason(r.code, r.sv, r.en, seedRow(dropoutReasonSeedId(r.code)));
      audit.record({ action: 'seed', entity: 'dropoutReason', entityId: id, fields: ['sv', 'en'] });
    }
    for (const p of seedProgrammes) {
      const id = repos.programmes.findIdByCode(p.code);
      if (!id || repos.plans.planCount(id) > 0) continue;
      const programme = repos.programmes.get(id)!;
      for (let n = 1; n <= programme.sessionCount; n++) repos.plans.upsertPlan(id, genericPlanItem(n, programme.sessionCount), seedTimestamp);
      audit.record({ action: 'seed', entity: 'sessionPlan', entityId: id, fields: ['title', 'components'] });
    }
    repos.settings.set(participationSeedKey, '1');
    return true;
  }

  /**
   * Databases seeded before ids were stable: their seeded rows move to the ids (and, where nobody
   * edited them, the timestamp) a new installation gives them, so a laptop joining a server finds
   * the server's programmes and units to be its own instead of adding a second copy of each.
   */
  function stableSeedIds(): boolean {
    if (repos.settings.get(stableSeedIdsKey) !== undefined) return false;
    for (const p of seedProgrammes) {
      const id = repos.programmes.findIdByCode(p.code);
      if (!id) continue;
      const to = programmeSeedId(p.code);
      repos.seedIds.renameId('programmes', id, to);
      repos.seedIds.resetUntouched('programmes', to, seedTimestamp);
    }
    for (const u of seedUnits) {
      const id = repos.units.findIdByName(u.name);
      if (!id) continue;
      const to = unitSeedId(u.name);
      repos.seedIds.renameId('units', id, to);
      repos.seedIds.resetUntouched('units', to, seedTimestamp);
    }
    for (const r of seedDropoutReasons) {
      const id = repos.plans.reasonIdByCode(r.code);
      if (!id) continue;
      const to = dropoutReasonSeedId(r.code);
      repos.seedIds.renameId('dropout_reasons', id, to);
      repos.seedIds.resetUntouched('dropout_reasons', to, seedTimestamp);
    }
    // Every plan item is its programme's item of that number, wherever it was written.
    for (const plan of repos.seedIds.planIds()) repos.seedIds.renameId('session_plans', plan.id, sessionPlanId(plan.programmeId, plan.number));
    const seededCodes = new Set(seedProgrammes.map((p) => programmeSeedId(p.code)));
    for (const id of seededCodes) {
      const programme = repos.programmes.get(id);
      if (!programme) continue;
      for (const item of repos.plans.plans(id)) {
        const generic = genericPlanItem(item.number, programme.sessionCount);
        if (JSON.stringify(generic) === JSON.stringify(item)) repos.seedIds.resetUntouched('session_plans', sessionPlanId(id, item.number), seedTimestamp);
      }
    }
    repos.settings.set(stableSeedIdsKey, '1');
    return true;
  }
}
