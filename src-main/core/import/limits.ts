/**
 * What an import file may cost before Komet refuses it. A real district list is a few hundred
 * kilobytes; the caps leave room for 100,000 rows and stop a hostile file before it is unpacked.
 */
export const importLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  /** An xlsx written by Excel or LibreOffice holds 10–30 parts. */
  maxZipEntries: 1000,
  /** Declared unpacked size of one part and of all parts together (the sheet XML dominates). */
  maxEntryBytes: 120 * 1024 * 1024,
  maxTotalBytes: 250 * 1024 * 1024,
  /** Rows after the header row. */
  maxRows: 100_000,
  maxColumns: 500,
  /** The parsing worker's V8 heap; its own buffers live outside it and are bounded by the zip check. */
  workerHeapMb: 512,
  workerTimeoutMs: 60_000,
} as const;

export type ImportLimits = { -readonly [K in keyof typeof importLimits]: number };
