import type Database from 'better-sqlite3';
import type { DeviceIdentity, Role } from '../../sync/protocol';

export interface DeviceRow {
  id: string;
  name: string;
  personId: string | null;
  role: Role;
  units: string[];
  secretHash: string;
  clientId: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface EnrolmentRow {
  id: string;
  codeHash: string;
  name: string;
  personId: string | null;
  role: Role;
  units: string[];
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** The device the code became; null on a spent code means it was revoked before anyone used it. */
  deviceId: string | null;
}

type Raw<T> = Omit<T, 'units'> & { units: string };
const withUnits = <T extends { units: string }>(r: T) => ({ ...r, units: JSON.parse(r.units) as string[] });

/** Enrolment codes (stored only as hashes), the devices they became, and revocations. */
export function serverDeviceRepo(sqlite: Database.Database) {
  const deviceCols =
    'id, name, person_id as personId, role, units, secret_hash as secretHash, client_id as clientId, created_at as createdAt, revoked_at as revokedAt';
  const enrolCols =
    'id, code_hash as codeHash, name, person_id as personId, role, units, created_at as createdAt, expires_at as expiresAt, used_at as usedAt, device_id as deviceId';
  const insertEnrolment = sqlite.prepare(
    'insert into enrolments (id, code_hash, name, person_id, role, units, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const enrolmentByHash = sqlite.prepare<[string], Raw<EnrolmentRow>>(`select ${enrolCols} from enrolments where code_hash = ?`);
  const useEnrolment = sqlite.prepare('update enrolments set used_at = ?, device_id = ? where id = ? and used_at is null');
  const insertDevice = sqlite.prepare(
    'insert into devices (id, name, person_id, role, units, secret_hash, client_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const device = sqlite.prepare<[string], Raw<DeviceRow>>(`select ${deviceCols} from devices where id = ?`);
  const devices = sqlite.prepare<[], Raw<DeviceRow>>(`select ${deviceCols} from devices order by created_at`);
  const revokeByName = sqlite.prepare('update devices set revoked_at = ? where revoked_at is null and (lower(name) = lower(?) or id = ? or person_id = ?)');
  const revokeEnrolments = sqlite.prepare('update enrolments set used_at = ? where used_at is null and (lower(name) = lower(?) or person_id = ?)');
  const revoked = sqlite.prepare<[], string>('select id from devices where revoked_at is not null').pluck();
  const activeUnitServer = sqlite
    .prepare<[string], string>("select id from devices where role = 'unit-server' and revoked_at is null and lower(name) = lower(?)")
    .pluck();
  const seen = sqlite.prepare('update devices set last_seen_at = ? where id = ?');

  return {
    addEnrolment(e: Omit<EnrolmentRow, 'usedAt' | 'deviceId'>) {
      insertEnrolment.run(e.id, e.codeHash, e.name, e.personId, e.role, JSON.stringify(e.units), e.createdAt, e.expiresAt);
    },
    enrolment: (codeHash: string): EnrolmentRow | undefined => {
      const r = enrolmentByHash.get(codeHash);
      return r && withUnits(r);
    },
    /** Spends a code and records the device it became, in one transaction; false if it was spent meanwhile. */
    redeem(enrolmentId: string, d: Omit<DeviceRow, 'revokedAt'>): boolean {
      return sqlite.transaction(() => {
        if (useEnrolment.run(d.createdAt, d.id, enrolmentId).changes === 0) return false;
        insertDevice.run(d.id, d.name, d.personId, d.role, JSON.stringify(d.units), d.secretHash, d.clientId, d.createdAt);
        return true;
      })();
    },
    device: (id: string): DeviceRow | undefined => {
      const r = device.get(id);
      return r && withUnits(r);
    },
    devices: (): DeviceRow[] => devices.all().map(withUnits),
    /** Revokes every device (and unused code) of a person or named unit server; returns how many devices. */
    revoke(nameOrId: string, at: string): number {
      return sqlite.transaction(() => {
        revokeEnrolments.run(at, nameOrId, nameOrId);
        return revokeByName.run(at, nameOrId, nameOrId, nameOrId).changes;
      })();
    },
    revokedIds: (): string[] => revoked.all(),
    activeUnitServerNamed: (name: string): string | undefined => activeUnitServer.get(name),
    markSeen: (id: string, at: string) => seen.run(at, id),
  };
}
export type ServerDeviceRepo = ReturnType<typeof serverDeviceRepo>;

export const identityOf = (d: DeviceRow): DeviceIdentity => ({ deviceId: d.id, personId: d.personId, name: d.name, role: d.role, units: d.units });

/** Small settings the server keeps in its (encrypted) database: its key, its upstream credential. */
export function serverMetaRepo(sqlite: Database.Database) {
  const get = sqlite.prepare<[string], string>('select value from server_meta where key = ?').pluck();
  const set = sqlite.prepare('insert into server_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value');
  return { get: (key: string): string | undefined => get.get(key), set: (key: string, value: string) => set.run(key, value) };
}
