import { createRequire } from 'node:module';
import type { ImportLimits } from './limits';
import { parseHost } from './parse-host';
import { refuse } from './refusals';

/** One spreadsheet cell as the reader gives it; CSV cells are always text. */
export type Cell = string | number | boolean | Date | null;

export interface ParsedSheets {
  sheets: string[];
  sheet: string;
  rows: Cell[][];
  /** Merged cell ranges of an xlsx sheet: [firstRow, firstColumn, lastRow, lastColumn] from 0. */
  merges?: [number, number, number, number][];
  /** Data rows the quick count found before the parse: never more than the parse finds, so it only refuses what the parse would. */
  counted?: number;
}

/** The steps of a read, told as they finish with the data rows each saw: the quick count, then the full parse. */
export type ReadPhase = 'counted' | 'parsed';

/** What one parse cost, as the parsing process and the main process saw it (the bench reports these). */
export interface ParseCost {
  /** From asking for the process until it had the file, parsers not yet loaded. */
  startMs: number;
  /** Loading the parser and parsing, inside the process. */
  parseMs: number;
  /** The parsing process's CPU time (user + system). */
  cpuMs: number;
  /** The parsing process's peak resident memory, as its operating system counted it. */
  peakRssBytes: number;
}

type Timing = { startedAt: number; doneAt: number; cpuMicros: number; peakRssBytes: number };
type Answer = (
  | { ok: true; value: ParsedSheets }
  | { ok: false; reason: 'not_utf8' | 'sheet_missing' | 'unreadable'; sheets?: string[] }
  | { ok: false; reason: 'too_many_rows'; counted: number }
) & {
  timing?: Timing;
};

const resolveFrom = createRequire(import.meta.url);

/**
 * Parses in a process of its own with a capped heap and a deadline, so a file built to exhaust the
 * parser ends that process, not Komet: V8 may abort the whole process when a heap limit is
 * reached, which in a worker thread would take the app down with it. Formulas are never
 * evaluated: xlsx cells give the value Excel stored, CSV cells their text.
 */
export function parseInProcess(
  format: 'csv' | 'xlsx',
  bytes: Uint8Array,
  sheet: string | undefined,
  limits: Pick<ImportLimits, 'parserHeapMb' | 'parserTimeoutMs' | 'maxRows'>,
  onCost?: (cost: ParseCost) => void,
  onPhase?: (phase: ReadPhase, rows: number) => void,
): Promise<ParsedSheets> {
  const paths = {
    csv: resolveFrom.resolve('csv-parse/sync'),
    xlsx: resolveFrom.resolve('read-excel-file/node'),
    fflate: resolveFrom.resolve('fflate'),
  };
  return new Promise((resolve, reject) => {
    const askedAt = performance.timeOrigin + performance.now();
    let settled = false;
    let parser: { kill(): void } | null = null;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      parser?.kill();
    };
    const timer = setTimeout(() => finish(() => reject(refuse.tooSlow())), limits.parserTimeoutMs);
    const answered = (answer: Answer) => {
      if (onCost && answer.timing)
        onCost({
          startMs: answer.timing.startedAt - askedAt,
          parseMs: answer.timing.doneAt - answer.timing.startedAt,
          cpuMs: answer.timing.cpuMicros / 1000,
          peakRssBytes: answer.timing.peakRssBytes,
        });
      if (answer.ok) {
        if (answer.value.counted !== undefined) onPhase?.('counted', answer.value.counted);
        resolve(answer.value);
      } else if (answer.reason === 'too_many_rows') {
        onPhase?.('counted', answer.counted);
        reject(refuse.tooManyRows(limits.maxRows));
      } else if (answer.reason === 'not_utf8') reject(refuse.notUtf8());
      else if (answer.reason === 'sheet_missing') reject(refuse.sheetMissing(sheet ?? '', answer.sheets ?? []));
      else reject(refuse.unreadable());
    };
    try {
      parser = parseHost()(
        limits.parserHeapMb,
        { format, bytes, sheet: sheet ?? null, paths, maxRows: limits.maxRows },
        {
          message: (answer) => finish(() => answered(answer as Answer)),
          ended: (outOfMemory, how) =>
            finish(() => {
              // How it ended, never what it was reading: the file is a family's data.
              if (!outOfMemory) console.error(`komet: the import parser ended without answering (${how})`);
              reject(outOfMemory ? refuse.tooSlow() : refuse.unreadable());
            }),
        },
      );
    } catch (err) {
      finish(() => {
        console.error(`komet: the import parser could not be started: ${err instanceof Error ? err.message : String(err)}`);
        reject(refuse.unreadable());
      });
    }
    // A host that ended before it returned left its process to be stopped here.
    if (settled) parser?.kill();
  });
}
