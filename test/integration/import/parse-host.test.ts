// The import's parser runs in a process of its own: these cases follow what reaches that process
// and what the main process makes of each way it can end.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { childProcessHost, parserEnv, useParseHost, type ParseHost, type ParseInput } from '../../../src-main/core/import/parse-host';
import { importLimits } from '../../../src-main/core/import/limits';
import { readTableBytes, type ParseCost } from '../../../src-main/core/import/read-table';

afterEach(() => {
  useParseHost(childProcessHost);
  vi.restoreAllMocks();
});

const csv = new TextEncoder().encode('Namn;Enhet\nÅsa Öberg;Kista\nPer Lind;Skärholmen\n');

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).messages.en;
}

describe('the import parser process', () => {
  it('is a child with the heap cap of the limits, given the bytes, and tells its own cost', async () => {
    const seen: { heapMb: number; input: ParseInput }[] = [];
    const watching: ParseHost = (heapMb, input, events) => {
      seen.push({ heapMb, input });
      return childProcessHost(heapMb, input, events);
    };
    useParseHost(watching);
    let cost: ParseCost | undefined;
    const table = await readTableBytes('lista.csv', csv, { limits: { ...importLimits, parserHeapMb: 96 }, onCost: (c) => (cost = c) });
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Åsa Öberg', 'Kista'],
      ['Per Lind', 'Skärholmen'],
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.heapMb).toBe(96);
    expect(Buffer.from(seen[0]!.input.bytes).equals(Buffer.from(csv))).toBe(true);
    expect(seen[0]!.input).toMatchObject({ format: 'csv', sheet: null, maxRows: importLimits.maxRows });
    // The peak is the child's, from its own operating-system count: a Node process needs more than 10 MB.
    expect(cost!.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(cost!.cpuMs).toBeGreaterThan(0);
    expect(cost!.parseMs).toBeGreaterThanOrEqual(0);
  });

  it("tells the parser's own peak memory, not that of the larger process it was started from", async (ctx) => {
    if (process.platform !== 'linux') return ctx.skip('the peak of the process alone is read from Linux /proc');
    // Touched, so it is resident in this process when the parser is forked from it.
    const ballast = Buffer.alloc(400 * 1024 * 1024, 1);
    useParseHost(childProcessHost);
    let cost: ParseCost | undefined;
    await readTableBytes('lista.csv', csv, { limits: importLimits, onCost: (c) => (cost = c) });
    expect(process.memoryUsage().rss).toBeGreaterThan(ballast.length);
    expect(cost!.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(cost!.peakRssBytes).toBeLessThan(ballast.length / 2);
  });

  it('refuses the file as unreadable when the process ends without answering, and as too heavy when its heap ran out', async () => {
    const ends =
      (outOfMemory: boolean): ParseHost =>
      (_heapMb, _input, events) => {
        const timer = setTimeout(() => events.ended(outOfMemory, 'signal SIGABRT'), 5);
        return { kill: () => clearTimeout(timer) };
      };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    useParseHost(ends(false));
    expect(await refusal(readTableBytes('lista.csv', csv))).toBe('The file could not be read as a spreadsheet. Check that it is an .xlsx or .csv file.');
    // How it ended is logged, never what was in the file.
    expect(logged.mock.calls).toEqual([['komet: the import parser ended without answering (signal SIGABRT)']]);
    useParseHost(ends(true));
    expect(await refusal(readTableBytes('lista.csv', csv))).toBe(
      'Reading the file took too long or too much memory and was stopped. Split the list or save it as CSV.',
    );
  });

  it('refuses the file when the process cannot be started, and stops one that outlives the deadline', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    useParseHost(() => {
      throw new Error('spawn EAGAIN');
    });
    expect(await refusal(readTableBytes('lista.csv', csv))).toMatch(/could not be read/);
    expect(logged.mock.calls).toEqual([['komet: the import parser could not be started: spawn EAGAIN']]);
    let killed = 0;
    useParseHost(() => ({ kill: () => void killed++ }));
    expect(await refusal(readTableBytes('lista.csv', csv, { limits: { ...importLimits, parserTimeoutMs: 50 } }))).toMatch(/took too long/);
    expect(killed).toBe(1);
  });

  it('gets only what starting a process needs from the environment, never a passphrase or node options', () => {
    const saved = { pass: process.env.KOMET_PASSPHRASE, options: process.env.NODE_OPTIONS };
    process.env.KOMET_PASSPHRASE = 'hemlig lösenfras';
    process.env.NODE_OPTIONS = '--require ./något.js';
    try {
      const env = parserEnv();
      expect(env.PATH).toBe(process.env.PATH);
      expect(Object.keys(env).filter((k) => !['PATH', 'SystemRoot', 'SYSTEMROOT', 'windir', 'TEMP', 'TMP', 'TMPDIR', 'LANG'].includes(k))).toEqual([]);
    } finally {
      for (const [name, value] of [
        ['KOMET_PASSPHRASE', saved.pass],
        ['NODE_OPTIONS', saved.options],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
