import { z } from 'zod';

/**
 * manifest.json: what the package claims to contain. Written last (it holds every other file's
 * checksum), read first when a package is opened, and checked against what was actually found.
 */

export const PACKAGE_FORMAT = 'komet-fou-export';
export const PACKAGE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestFileSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*\.(csv|json|md)$/),
  bytes: z.number().int().nonnegative(),
  sha256: sha256Hex,
  rows: z.number().int().nonnegative().optional(),
});

const coarseningSchema = z.object({
  period: z.enum(['month', 'week', 'quarter']),
  ageBands: z.boolean(),
  dropUnit: z.boolean(),
});

const trialSchema = z.object({
  coarsening: coarseningSchema,
  changes: z.array(z.enum(['ageBands', 'quarter', 'dropUnit'])),
  smallestClass: z.number().int().nullable(),
  classesBelowK: z.number().int(),
  rowsBelowK: z.number().int(),
  reachesK: z.boolean(),
});

export const manifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
  exportId: z.string().min(1),
  created: z.string().min(1),
  appVersion: z.string(),
  schemaVersion: z.union([z.string(), z.number()]),
  scope: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    programmeCodes: z.array(z.string()),
    unitNames: z.array(z.string()),
  }),
  pseudonymisation: z.object({
    algorithm: z.literal('HMAC-SHA256'),
    input: z.string(),
    output: z.string(),
    prefixes: z.record(z.string(), z.string()),
    keyId: z.string(),
    coarsening: coarseningSchema,
  }),
  files: z.array(manifestFileSchema).min(1),
  disclosure: z.object({
    suppression: z.object({
      min: z.number().int(),
      max: z.number().int(),
      primarySuppressed: z.number().int(),
      secondarySuppressed: z.number().int(),
    }),
    kAnonymity: z.object({
      k: z.number().int(),
      rows: z.number().int(),
      current: trialSchema,
      alternatives: z.array(trialSchema),
      suggestion: coarseningSchema.nullable(),
    }),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
