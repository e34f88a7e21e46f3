import { z } from 'zod';
import { msg } from '../messages';
import { id, name, oneLine, timestamp, tooLong } from './common';
import { AUDIENCES, LANGUAGES, SHELLS, STAFF_ROLES, UNIT_KINDS } from '../enums';
import { textLimits } from '../limits';

export const audience = z.enum(AUDIENCES);
export const unitKind = z.enum(UNIT_KINDS);

const childAge = z
  .number({ error: msg('childAge') })
  .int({ error: msg('childAge') })
  .min(0, { error: msg('childAge') })
  .max(25, { error: msg('childAge') })
  .nullish()
  .transform((v) => v ?? null);

const programmeFields = z.object({
  name,
  code: z
    .string()
    .trim()
    .regex(new RegExp(`^[\\p{L}\\d-]{1,${textLimits.programmeCode}}$`, 'u'), { error: msg('codeFormat') }),
  audience,
  sessionCount: z
    .number({ error: msg('sessionCount') })
    .int({ error: msg('sessionCount') })
    .min(1, { error: msg('sessionCount') })
    .max(60, { error: msg('sessionCount') }),
  sessionLengthMinutes: z
    .number({ error: msg('sessionLength') })
    .int({ error: msg('sessionLength') })
    .min(15, { error: msg('sessionLength') })
    .max(600, { error: msg('sessionLength') }),
  childAgeMin: childAge,
  childAgeMax: childAge,
});
const ageBandOrdered = (p: { childAgeMin?: number | null; childAgeMax?: number | null }) =>
  p.childAgeMin == null || p.childAgeMax == null || p.childAgeMin <= p.childAgeMax;

export const programmeInput = programmeFields.strict().refine(ageBandOrdered, { error: msg('ageBandOrder'), path: ['childAgeMax'] });
export const programmeUpdate = programmeFields
  .extend({ id })
  .strict()
  .refine(ageBandOrdered, { error: msg('ageBandOrder'), path: ['childAgeMax'] });
export const programme = z.object({
  id,
  name: z.string(),
  code: z.string(),
  audience,
  sessionCount: z.number().int(),
  sessionLengthMinutes: z.number().int(),
  childAgeMin: z.number().int().nullable(),
  childAgeMax: z.number().int().nullable(),
  active: z.boolean(),
  /** Groups that use the programme: a programme in use can be archived but not deleted. */
  groupCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const unitInput = z.object({ name, kind: unitKind }).strict();
export const unitUpdate = unitInput.extend({ id }).strict();
export const unit = z.object({
  id,
  name: z.string(),
  kind: unitKind,
  active: z.boolean(),
  groupCount: z.number().int(),
  staffCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const optionalContact = (max: number, pattern: RegExp, key: 'email' | 'phone') =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine(oneLine, { error: msg('controlChars') })
    .refine((v) => v === '' || pattern.test(v), { error: msg(key) })
    .nullish()
    .transform((v) => (v ? v : null));

const staffFields = z.object({
  name,
  unitId: id.nullish().transform((v) => v ?? null),
  email: optionalContact(textLimits.email, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'email'),
  phone: optionalContact(textLimits.phone, /^[+\d][\d\s-]{4,}$/, 'phone'),
  isLeader: z.boolean(),
  isSupervisor: z.boolean(),
});
const hasRole = (s: { isLeader: boolean; isSupervisor: boolean }) => s.isLeader || s.isSupervisor;
export const staffInput = staffFields.strict().refine(hasRole, { error: msg('roleRequired'), path: ['isLeader'] });
export const staffUpdate = staffFields
  .extend({ id })
  .strict()
  .refine(hasRole, { error: msg('roleRequired'), path: ['isLeader'] });
export const staffMember = z.object({
  id,
  name: z.string(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isLeader: z.boolean(),
  isSupervisor: z.boolean(),
  active: z.boolean(),
  groupCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const staffList = z
  .object({
    includeArchived: z.boolean().optional().default(false),
    role: z.enum(STAFF_ROLES).optional(),
  })
  .strict()
  .optional()
  .default({ includeArchived: false });

/** Who holds a role, for a picker or a filter: ids and names only, sorted by name (A–Ö). */
export const staffNamesInput = staffList;
export const staffName = z.object({ id, name: z.string() });

/** One page of the staff register, sorted by name, for a city with thousands of staff. */
export const staffPageInput = z
  .object({
    includeArchived: z.boolean().optional().default(false),
    /** Part of a name, matched regardless of case. */
    search: z
      .string()
      .trim()
      .max(textLimits.search)
      .refine(oneLine, { error: msg('controlChars') })
      .optional()
      .default(''),
    limit: z.number().int().min(1).max(1000),
    offset: z.number().int().min(0).max(10_000_000).optional().default(0),
  })
  .strict();
export const staffPage = z.object({ rows: staffMember.array(), total: z.number().int().min(0) });

export const language = z.enum(LANGUAGES);
export const settingsValue = z.object({ language });
export const settingsUpdate = z.object({ language }).strict();

export const appInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  encrypted: z.boolean(),
  shell: z.enum(SHELLS),
});

export type Programme = z.output<typeof programme>;
export type Unit = z.output<typeof unit>;
export type StaffMember = z.output<typeof staffMember>;
export type StaffPage = z.output<typeof staffPage>;
export type StaffName = z.output<typeof staffName>;
export type Language = z.output<typeof language>;
