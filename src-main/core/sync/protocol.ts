import { z } from 'zod';
import { SYNC_ROLES, type SyncRole } from '../../contract/enums';
import { parseScope } from './scopes';

/**
 * The messages between a device (or a unit server) and the server it syncs with, one JSON
 * object per WebSocket message. Engine frames travel inside `f` opaque to this layer; everything
 * else is ours: which scopes a device may open, refusals, and a check that both sides hold the
 * same content. The device authenticates before any of this, at the WebSocket upgrade.
 */
export const protocolVersion = 1;

/** Devices a unit server may name in its directory: far above any unit's staff. */
export const maxDirectoryEntries = 10_000;

/** A device's role on its server. */
export const roles = SYNC_ROLES;
export type Role = SyncRole;

export interface DeviceIdentity {
  deviceId: string;
  /** The staff member the device belongs to; null for a unit server. */
  personId: string | null;
  name: string;
  role: Role;
  units: string[];
}

const scope = z
  .string()
  .max(100)
  .refine((s) => parseScope(s) !== null);
const frame = z.tuple([z.string().max(200).nullable(), z.number().int().min(0).max(7), z.unknown()]);
const bilingual = { sv: z.string().max(2000), en: z.string().max(2000) };

export const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('hello'), v: z.number().int(), clock: z.number(), scopes: z.array(scope).max(100_000) }).strict(),
  z.object({ t: z.literal('open'), s: scope }).strict(),
  z.object({ t: z.literal('f'), s: scope, f: frame }).strict(),
  z.object({ t: z.literal('hashes'), id: z.string().max(100) }).strict(),
  /** Everything the device holds in a scope it may write but not read (an administrator's names of other units). */
  z.object({ t: z.literal('upload'), id: z.string().max(100), s: scope, changes: z.unknown() }).strict(),
  /**
   * A unit server's own directory (stamp client id → name of the person's device), so the city's
   * audit trail names who made a change the unit server passes on, not only the unit server.
   */
  z
    .object({
      t: z.literal('directory'),
      d: z.record(z.string().max(20), z.string().max(200)).refine((d) => Object.keys(d).length <= maxDirectoryEntries),
    })
    .strict(),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export const serverMessage = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('welcome'),
    v: z.number().int(),
    clock: z.number(),
    scopes: z.array(scope),
    identity: z.object({ deviceId: z.string(), personId: z.string().nullable(), name: z.string(), role: z.enum(roles), units: z.array(z.string()) }),
    directory: z.record(z.string(), z.string()),
    server: z.string().max(200),
  }),
  z.object({ t: z.literal('opened'), s: scope }),
  /** The device may send this scope's content but receives none of it. */
  z.object({ t: z.literal('upload-only'), s: scope }),
  z.object({ t: z.literal('uploaded'), id: z.string().max(100), s: scope, ok: z.boolean() }),
  z.object({ t: z.literal('closed'), s: scope, ...bilingual }),
  z.object({ t: z.literal('f'), s: scope, f: frame }),
  z.object({ t: z.literal('scopes'), add: z.array(scope), remove: z.array(scope) }),
  z.object({ t: z.literal('refused'), id: z.string().max(100), s: scope, tables: z.array(z.string().max(100)).max(100), ...bilingual }),
  /** Content hashes of every open scope; `waiting`: scopes asked for that the device may not hold (yet). */
  z.object({ t: z.literal('hashes'), id: z.string().max(100), h: z.record(z.string(), z.tuple([z.number(), z.number()])), waiting: z.array(scope) }),
  z.object({ t: z.literal('error'), code: z.string().max(100), ...bilingual }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;

/** A JSON message channel: a WebSocket in production, an in-memory pair in tests. */
export interface Channel {
  send(message: object): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose(listener: (reason: string) => void): void;
  close(code?: number, reason?: string): void;
}

export function parseClientMessage(raw: unknown): ClientMessage | null {
  const parsed = clientMessage.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function parseServerMessage(raw: unknown): ServerMessage | null {
  const parsed = serverMessage.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
