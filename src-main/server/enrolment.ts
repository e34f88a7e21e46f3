import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Bilingual } from '../core/errors';
import { identityOf, type ServerDeviceRepo } from '../core/repos/sync-server/devices';
import type { HubStorage } from '../core/sync/hub/hub';
import { encodeEnrolmentCode } from '../core/sync/enrolment-code';
import { clientIdOfNode } from '../core/sync/engine/hlc';
import type { DeviceIdentity, Role } from '../core/sync/protocol';
import { refScope } from '../core/sync/scopes';
import { ServerFailure } from './failure';

/** One-time codes and the device credentials they are exchanged for. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const codeLifetimeDays = 7;

interface RefRow {
  id: string;
  name: string;
  unitId?: string | null;
}

/** Staff and units as the server's reference data holds them now (live rows only). */
function reference(storage: HubStorage): { staff: RefRow[]; units: RefRow[] } {
  const ref = storage.load(refScope);
  const live = (table: string, cells: string[]) =>
    Object.entries(ref[table] ?? {})
      .filter(([, row]) => row.name?.value !== undefined)
      .map(([id, row]) => ({ id, ...Object.fromEntries(cells.map((c) => [c === 'unit_id' ? 'unitId' : c, row[c]?.value ?? null])) }) as RefRow);
  return { staff: live('staff', ['name', 'unit_id']), units: live('units', ['name']) };
}

function pick(rows: RefRow[], nameOrId: string, what: Bilingual): RefRow {
  const byId = rows.find((r) => r.id === nameOrId);
  if (byId) return byId;
  const matches = rows.filter((r) => r.name.toLowerCase() === nameOrId.trim().toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new ServerFailure(
      {
        sv: `${matches.length} ${what.sv} heter "${nameOrId}". Ange id i stället.`,
        en: `${matches.length} ${what.en} are called "${nameOrId}". Give the id instead.`,
      },
      2,
    );
  }
  throw new ServerFailure(
    { sv: `Ingen ${what.sv} heter "${nameOrId}" i stadens referensdata.`, en: `No ${what.en} called "${nameOrId}" in the city's reference data.` },
    2,
  );
}

export function createEnrolment(
  storage: HubStorage,
  devices: ServerDeviceRepo,
  options: { url: string; fingerprint: string; name: string; role: Role; units: string[]; now?: Date },
): string {
  const now = options.now ?? new Date();
  const ref = reference(storage);
  let personId: string | null = null;
  let name = options.name.trim();
  let units = options.units.map((u) => pick(ref.units, u, { sv: 'enhet', en: 'unit' }).id);
  if (options.role === 'unit-server') {
    if (!units.length) throw new ServerFailure({ sv: 'En enhetsserver behöver minst en --unit.', en: 'A unit server needs at least one --unit.' }, 2);
    if (devices.activeUnitServerNamed(name)) {
      throw new ServerFailure({
        sv: `Det finns redan en enhetsserver som heter "${name}". Återkalla den först (komet server revoke) eller välj ett annat namn.`,
        en: `There is already a unit server called "${name}". Revoke it first (komet server revoke) or choose another name.`,
      });
    }
  } else {
    const person =
      options.role === 'admin'
        ? ref.staff.find((s) => s.id === name || s.name.toLowerCase() === name.toLowerCase())
        : pick(ref.staff, name, { sv: 'medarbetare', en: 'staff members' });
    if (person) {
      personId = person.id;
      name = person.name;
      if (!units.length && person.unitId && options.role !== 'admin') units = [person.unitId];
    }
  }
  const secret = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + codeLifetimeDays * 86_400_000);
  devices.addEnrolment({
    id: randomUUID(),
    codeHash: sha256(secret),
    name,
    personId,
    role: options.role,
    units,
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
  });
  return encodeEnrolmentCode({ url: options.url, fingerprint: options.fingerprint, secret });
}

export interface Redeemed {
  deviceId: string;
  secret: string;
  identity: DeviceIdentity;
}

export class EnrolRefused extends Error {
  constructor(
    readonly status: number,
    readonly messages: Bilingual,
  ) {
    super(messages.en);
  }
}

/** Exchanges a code for a device credential, once. */
export function redeemEnrolment(devices: ServerDeviceRepo, code: unknown, now = new Date()): Redeemed {
  if (typeof code !== 'string' || code.length > 200)
    throw new EnrolRefused(400, { sv: 'Koden saknas eller är felaktig.', en: 'The code is missing or malformed.' });
  const enrolment = devices.enrolment(sha256(code));
  if (!enrolment) throw new EnrolRefused(403, { sv: 'Servern känner inte igen koden.', en: 'The server does not recognise the code.' });
  // Revoking a person spends her unused codes without a device: that is a revoked code, not a used one.
  if (enrolment.usedAt && !enrolment.deviceId)
    throw new EnrolRefused(410, { sv: 'Koden har återkallats. Be om en ny.', en: 'The code has been revoked. Ask for a new one.' });
  if (enrolment.usedAt) throw new EnrolRefused(410, { sv: 'Koden har redan använts. Be om en ny.', en: 'The code has already been used. Ask for a new one.' });
  if (enrolment.expiresAt < now.toISOString())
    throw new EnrolRefused(410, { sv: 'Koden har gått ut. Be om en ny.', en: 'The code has expired. Ask for a new one.' });
  if (enrolment.role === 'unit-server' && devices.activeUnitServerNamed(enrolment.name)) {
    throw new EnrolRefused(409, {
      sv: `En enhetsserver med samma namn ("${enrolment.name}") är redan ansluten. Återkalla den först.`,
      en: `A unit server with the same name ("${enrolment.name}") is already enrolled. Revoke it first.`,
    });
  }
  const deviceId = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  const row = {
    id: deviceId,
    name: enrolment.name,
    personId: enrolment.personId,
    role: enrolment.role,
    units: enrolment.units,
    secretHash: sha256(secret),
    clientId: clientIdOfNode(deviceId),
    createdAt: now.toISOString(),
  };
  if (!devices.redeem(enrolment.id, row))
    throw new EnrolRefused(410, { sv: 'Koden har redan använts. Be om en ny.', en: 'The code has already been used. Ask for a new one.' });
  return { deviceId, secret, identity: identityOf({ ...row, revokedAt: null }) };
}

/** The device a bearer credential belongs to, if it is valid and not revoked. */
export function authenticate(devices: ServerDeviceRepo, header: string | undefined): DeviceIdentity | 'revoked' | null {
  const match = (header ?? '').match(/^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/);
  if (!match) return null;
  const device = devices.device(match[1]!);
  if (!device) return null;
  const expected = Buffer.from(device.secretHash, 'hex');
  const actual = Buffer.from(sha256(match[2]!), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  if (device.revokedAt) return 'revoked';
  return identityOf(device);
}
