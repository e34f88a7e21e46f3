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
  /** The parser process's V8 heap (parse-host.ts); its buffers live outside it and are bounded by the zip check. */
  parserHeapMb: 512,
  /**
   * Rows past the cap are refused by the quick count before the parse, so the deadline only has to
   * outlast the slowest file the cap lets through: a 100,000-row sheet takes 20–30 s to parse on an
   * idle 2-core machine and more than twice that while other work shares the cores, which at 60 s
   * made the same file import or fail by the machine's load. What is left for the deadline is a
   * file built to be slow per row.
   */
  parserTimeoutMs: 180_000,
} as const;

export type ImportLimits = { -readonly [K in keyof typeof importLimits]: number };
