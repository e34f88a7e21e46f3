import { z } from 'zod';
import { msg } from '../messages';
import { id, isoDate, name, timestamp } from './common';
import { EXPORT_PERIODS, EXPORT_RUN_STATUSES } from '../enums';
import { textLimits } from '../limits';

/**
 * FoU export: preview, run, open, keys, saved recipients and the export log.
 *
 * Paths: in the Electron shell outPath/outDir/file are absolute paths the user picked in a native
 * dialog. In the browser shell the server reads and writes only directly inside
 * `<dataDir>/exports/` (a bare file or folder name means one there; anything outside, symlinks
 * resolved, is refused with one message whether it exists or not), so a page can neither make
 * Komet write elsewhere on disk nor read or probe files outside that folder. Omitted, outPath defaults to `<dataDir>/exports/komet-export-YYYYMMDD-HHMMSS.age`.
 * Existing files are never overwritten.
 */

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

/**
 * Which groups go into the package: a group is in scope when its START DATE lies in [from, to]
 * (both inclusive, either open), its programme is one of programmeIds and its unit one of unitIds
 * (empty list: all). A group in scope comes with all its sessions, participants and marks, so
 * completion and dropout are never cut off half-way through a group.
 */
export const exportScope = z
  .object({
    from: nullable(isoDate),
    to: nullable(isoDate),
    programmeIds: z.array(id).max(200).optional().default([]),
    unitIds: z.array(id).max(500).optional().default([]),
  })
  .strict()
  .refine((s) => s.from === null || s.to === null || s.from <= s.to, { error: msg('dateOrder'), path: ['to'] });

/**
 * The least generalisation asked for; default: month, exact age in years, unit kept. The export
 * generalises further and hides single values until k is reached, unless it is made below k.
 */
export const coarsening = z
  .object({
    period: z.enum(EXPORT_PERIODS).optional().default('month'),
    ageBands: z.boolean().optional().default(false),
    dropUnit: z.boolean().optional().default(false),
  })
  .strict();
const coarseningOut = z.object({ period: z.enum(EXPORT_PERIODS), ageBands: z.boolean(), dropUnit: z.boolean() });

/** The k threshold of the disclosure check; 5 unless given. */
const kThreshold = z.number().int().min(2).max(50).optional().default(5);

export const exportPreviewInput = z
  .object({
    scope: exportScope,
    coarsening: coarsening.optional().default({ period: 'month', ageBands: false, dropUnit: false }),
    k: kThreshold,
    /** Preview an export below k: the chosen detail, nothing generalised further or hidden. */
    belowK: z.boolean().optional().default(false),
  })
  .strict();

const generalisation = z.object({
  period: z.enum(EXPORT_PERIODS),
  childAge: z.enum(['exact', 'band', 'dropped']),
  unit: z.enum(['unit', 'area', 'dropped']),
});

const classStats = z.object({
  /** The smallest group of rows sharing every quasi-identifier; null without rows. */
  smallestClass: z.number().int().nullable(),
  classesBelowK: z.number().int(),
  rowsBelowK: z.number().int(),
  reachesK: z.boolean(),
});

export const disclosureResult = z.object({
  k: z.number().int(),
  /** Row-level participant rows in scope (consenting enrolments). */
  rows: z.number().int(),
  /** False for an export below k: nothing generalised further or hidden. */
  enforced: z.boolean(),
  /** participants.csv columns k-anonymity holds over. */
  quasiIdentifiers: z.array(z.string()),
  requested: generalisation,
  /** The detail the files are written at. */
  generalisation,
  /** The requested detail with nothing hidden. */
  before: classStats,
  /** participants.csv as written. */
  after: classStats,
  /** The k participants.csv reaches (its smallest class). */
  reached: z.number().int().nullable(),
  /** Values replaced by "*". */
  hidden: z.object({ relation: z.number().int(), childAge: z.number().int(), childGender: z.number().int() }),
  rowsWithHiddenValues: z.number().int(),
  /** Rows left out: their group cell (unit, programme, period) has fewer than k rows. */
  rowsWithheld: z.number().int(),
  suppression: z.object({
    min: z.number().int(),
    max: z.number().int(),
    primarySuppressed: z.number().int(),
    secondarySuppressed: z.number().int(),
    publishedAsInRows: z.number().int(),
  }),
});

export const exportTableCount = z.object({ file: z.string(), rows: z.number().int() });

export const exportPreview = z.object({
  /** The CSV files in package order with their row counts. */
  tables: z.array(exportTableCount),
  groups: z.number().int(),
  /** Enrolments in scope; those without consent appear in aggregates only. */
  participants: z.object({ total: z.number().int(), rowLevel: z.number().int(), aggregatesOnly: z.number().int() }),
  disclosure: disclosureResult,
});

/**
 * Encrypt to saved recipients (recipientIds), to keys given once (recipientKeys, e.g. from the
 * CLI), or with a passphrase (at least 12 characters) — recipients or a passphrase, not both.
 */
export const exportRunInput = z
  .object({
    scope: exportScope,
    coarsening: coarsening.optional().default({ period: 'month', ageBands: false, dropUnit: false }),
    k: kThreshold,
    recipientIds: z.array(id).max(20).optional().default([]),
    recipientKeys: z.array(z.string().max(200)).max(20).optional().default([]),
    passphrase: z.string().max(1000).optional(),
    outPath: z.string().trim().min(1).max(4096).optional(),
    /**
     * Export below k: the written reason, which goes into the export log and the manifest. Given,
     * the files keep the chosen detail with nothing generalised further or hidden.
     */
    belowKReason: z
      .string()
      .trim()
      .refine((text) => [...text].length >= 10 && [...text].length <= 1000, { error: msg('belowKReason') })
      .optional(),
    /** Beside each CSV, a `;`-separated copy with a byte order mark that Swedish Excel opens as it is. */
    excelCopies: z.boolean().optional().default(false),
  })
  .strict();

export const exportRunResult = z.object({
  /** Absolute path of the written .age file. */
  file: z.string(),
  bytes: z.number().int(),
  exportId: z.string(),
  rowCounts: z.array(exportTableCount),
  /** Fingerprints of the recipients; empty when a passphrase was used. */
  fingerprints: z.array(z.string()),
  passphrase: z.boolean(),
  keyId: z.string(),
  disclosure: disclosureResult,
  belowKReason: z.string().nullable(),
});

/** One of identityFile (path to an age-keygen key file), identity (AGE-SECRET-KEY-1… pasted) or passphrase. */
export const exportOpenInput = z
  .object({
    file: z.string().trim().min(1).max(4096),
    identityFile: z.string().trim().min(1).max(4096).optional(),
    identity: z.string().trim().min(1).max(10_000).optional(),
    passphrase: z.string().min(1).max(1000).optional(),
    /** Must not exist or be empty; in the browser shell defaults to `<dataDir>/exports/<file name>-opened`. */
    outDir: z.string().trim().min(1).max(4096).optional(),
  })
  .strict();

export const exportOpenResult = z.object({
  outDir: z.string(),
  exportId: z.string(),
  created: z.string(),
  appVersion: z.string(),
  scope: z.object({ from: z.string().nullable(), to: z.string().nullable(), programmeCodes: z.array(z.string()), unitNames: z.array(z.string()) }),
  keyId: z.string(),
  coarsening: coarseningOut,
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), rows: z.number().int().nullable() })),
  disclosure: z.object({
    k: z.number().int(),
    reachesK: z.boolean(),
    smallestClass: z.number().int().nullable(),
    primarySuppressed: z.number().int(),
    secondarySuppressed: z.number().int(),
    /** Null for packages written before k was enforced. */
    quasiIdentifiers: z.array(z.string()).nullable(),
    generalisation: generalisation.nullable(),
    hiddenValues: z.number().int().nullable(),
    rowsWithheld: z.number().int().nullable(),
    belowKReason: z.string().nullable(),
  }),
  /** codebook.md as Markdown (Swedish and English). */
  codebook: z.string(),
});

/** Skapa nyckel: writes an age-keygen compatible secret key file (mode 0600); never overwrites. */
export const exportKeygenInput = z.object({ outPath: z.string().trim().min(1).max(4096).optional() }).strict();
export const exportKeygenResult = z.object({ file: z.string(), publicKey: z.string() });

export const exportKeyInfo = z.object({
  /** Public id of the current pseudonym key (in every manifest); null before the first export. */
  keyId: z.string().nullable(),
  createdAt: timestamp.nullable(),
  retiredKeys: z.number().int(),
});

export const recipient = z.object({
  id,
  name: z.string(),
  publicKey: z.string(),
  /** SHA-256 of the key, 16 hex digits in groups of four; shown beside the name. */
  fingerprint: z.string(),
  createdAt: timestamp,
});
export const recipientInput = z
  .object({
    name,
    publicKey: z
      .string()
      .trim()
      .min(1, { error: msg('required') })
      .max(textLimits.publicKey),
  })
  .strict();

export const exportLogInput = z
  .object({ limit: z.number().int().min(1).max(1000).optional().default(100) })
  .strict()
  .optional()
  .default({ limit: 100 });

export const exportLogEntry = z.object({
  id,
  exportId: z.string(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
  /** started: the key was read and the package is being written; failed: nothing was left behind. */
  status: z.enum(EXPORT_RUN_STATUSES),
  actor: z.string(),
  shell: z.string(),
  scope: z.object({ from: z.string().nullable(), to: z.string().nullable(), programmeCodes: z.array(z.string()), unitNames: z.array(z.string()) }),
  coarsening: coarseningOut,
  /** Recipient fingerprints; empty when encrypted with a passphrase. */
  fingerprints: z.array(z.string()),
  passphrase: z.boolean(),
  keyId: z.string(),
  fileName: z.string(),
  bytes: z.number().int().nullable(),
  rowCounts: z.array(exportTableCount),
  /** What the disclosure control did; null for exports logged before it was enforced. */
  disclosure: z
    .object({
      k: z.number().int(),
      enforced: z.boolean(),
      reached: z.number().int().nullable(),
      generalisation,
      hiddenValues: z.number().int(),
      rowsWithheld: z.number().int(),
    })
    .nullable(),
  /** The written reason for an export below k; null otherwise. */
  belowKReason: z.string().nullable(),
});

export type ExportScopeInput = z.input<typeof exportScope>;
export type ExportCoarsening = z.output<typeof coarseningOut>;
export type ExportPreview = z.output<typeof exportPreview>;
export type ExportRunResult = z.output<typeof exportRunResult>;
export type ExportOpenResult = z.output<typeof exportOpenResult>;
export type ExportKeyInfo = z.output<typeof exportKeyInfo>;
export type Recipient = z.output<typeof recipient>;
export type ExportLogEntry = z.output<typeof exportLogEntry>;
export type DisclosureResult = z.output<typeof disclosureResult>;
