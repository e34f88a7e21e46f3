import { z } from 'zod';
import { AGE_DETAILS, PERIOD_GRANULARITIES, UNIT_DETAILS } from './model';

/**
 * manifest.json: what the package claims to contain. Written last (it holds every other file's
 * checksum), read first when a package is opened, and checked against what was actually found.
 */

export const PACKAGE_FORMAT = 'komet-fou-export';
/** 2: k-anonymity is enforced (generalisation ladder, "*" for hidden values, rows left out). */
export const PACKAGE_FORMAT_VERSION = 2;
export const MANIFEST_FILE = 'manifest.json';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestFileSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*\.(csv|json|md)$/),
  bytes: z.number().int().nonnegative(),
  sha256: sha256Hex,
  rows: z.number().int().nonnegative().optional(),
});

const coarseningSchema = z.object({
  period: z.enum(PERIOD_GRANULARITIES),
  ageBands: z.boolean(),
  dropUnit: z.boolean(),
});

const scopeSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  programmeCodes: z.array(z.string()),
  unitNames: z.array(z.string()),
});

const pseudonymisationSchema = z.object({
  algorithm: z.literal('HMAC-SHA256'),
  input: z.string(),
  output: z.string(),
  prefixes: z.record(z.string(), z.string()),
  keyId: z.string(),
  /** The least generalisation asked for; disclosure.kAnonymity.generalisation is what the files hold. */
  coarsening: coarseningSchema,
});

const common = {
  format: z.literal(PACKAGE_FORMAT),
  exportId: z.string().min(1),
  created: z.string().min(1),
  appVersion: z.string(),
  schemaVersion: z.union([z.string(), z.number()]),
  scope: scopeSchema,
  pseudonymisation: pseudonymisationSchema,
  files: z.array(manifestFileSchema).min(1),
};

export const generalisationSchema = z.object({
  period: z.enum(PERIOD_GRANULARITIES),
  childAge: z.enum(AGE_DETAILS),
  unit: z.enum(UNIT_DETAILS),
});

export const classStatsSchema = z.object({
  smallestClass: z.number().int().nullable(),
  classesBelowK: z.number().int(),
  rowsBelowK: z.number().int(),
  reachesK: z.boolean(),
});

export const kAnonymitySchema = z.object({
  k: z.number().int(),
  /** The smallest class in participants.csv: the k the file reaches (null without rows). */
  reached: z.number().int().nullable(),
  rows: z.number().int(),
  enforced: z.boolean(),
  requested: generalisationSchema,
  generalisation: generalisationSchema,
  before: classStatsSchema,
  after: classStatsSchema,
  hidden: z.object({ relation: z.number().int(), childAge: z.number().int(), childGender: z.number().int() }),
  rowsWithHiddenValues: z.number().int(),
  rowsWithheld: z.number().int(),
});

export const currentManifestSchema = z.object({
  ...common,
  formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
  disclosure: z.object({
    /** The participants.csv columns k-anonymity holds over. */
    quasiIdentifiers: z.array(z.string()),
    kAnonymity: kAnonymitySchema,
    /** The written reason given for exporting below k; null when k was enforced. */
    belowKReason: z.string().nullable(),
    suppression: z.object({
      min: z.number().int(),
      max: z.number().int(),
      primarySuppressed: z.number().int(),
      secondarySuppressed: z.number().int(),
      /** Cells of min–max published because the row-level files show them exactly. */
      publishedAsInRows: z.number().int(),
    }),
  }),
});

const trialV1Schema = z.object({
  coarsening: coarseningSchema,
  changes: z.array(z.enum(['ageBands', 'quarter', 'dropUnit'])),
  smallestClass: z.number().int().nullable(),
  classesBelowK: z.number().int(),
  rowsBelowK: z.number().int(),
  reachesK: z.boolean(),
});

/** Packages written before k-anonymity was enforced: they still open, and say what they checked. */
export const manifestV1Schema = z.object({
  ...common,
  formatVersion: z.literal(1),
  disclosure: z.object({
    suppression: z.object({ min: z.number().int(), max: z.number().int(), primarySuppressed: z.number().int(), secondarySuppressed: z.number().int() }),
    kAnonymity: z.object({
      k: z.number().int(),
      rows: z.number().int(),
      current: trialV1Schema,
      alternatives: z.array(trialV1Schema),
      suggestion: coarseningSchema.nullable(),
    }),
  }),
});

/** What an opened package may hold: the current format or an earlier one. */
export const manifestSchema = z.union([currentManifestSchema, manifestV1Schema]);

export type Manifest = z.infer<typeof manifestSchema>;
/** The manifest this version writes. */
export type CurrentManifest = z.infer<typeof currentManifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
