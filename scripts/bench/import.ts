import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKomet } from '../../src-main/app/komet-app';
import { noAudit } from '../../src-main/core/audit';
import { systemClock } from '../../src-main/core/clock';
import { adjustMapping, guessMapping } from '../../src-main/core/import/mapping';
import { importLimits } from '../../src-main/core/import/limits';
import { readTable, type ImportTable, type ParseCost } from '../../src-main/core/import/read-table';
import { AppError } from '../../src-main/core/errors';
import { createServices } from '../../src-main/core/services';
import { xlsxBytes } from '../../test/helpers/xlsx-file';
import type { BenchSection } from './context';

const participants = 10_000;
const groups = 50;

/**
 * Spreadsheet import: 10,000 participant rows in 50 existing groups, from an .xlsx workbook,
 * into a fresh database of its own: reading (in the parser's own process), the dry run (which
 * tries every row and rolls back), the commit and its undo, with the parser process's start-up,
 * parse, CPU time and peak RSS; then the same at the row cap and one row over it. The load average is printed with the
 * rows because on a shared machine it decides the wall-clock figures more than the code does.
 */
export const importSection: BenchSection = async (ctx) => {
  const dir = fs.mkdtempSync(path.join(ctx.dir, 'import-'));
  const app = startKomet({ dataDir: dir, shell: 'test' });
  try {
    const services = createServices(app.db, { clock: systemClock, audit: noAudit });
    const unit = services.units.list({ includeArchived: false })[0]!;
    const programme = services.programmes.list({ includeArchived: false }).find((p) => p.audience === 'parents')!;
    const leader = services.staff.create({ name: 'Bench Ledare', unitId: unit.id, email: null, phone: null, isLeader: true, isSupervisor: false });
    const starts: string[] = [];
    for (let g = 0; g < groups; g++) {
      const startDate = new Date(Date.UTC(2024, 0, 2 + g * 3)).toISOString().slice(0, 10);
      starts.push(startDate);
      services.groups.create({
        programmeId: programme.id,
        unitId: unit.id,
        startDate,
        startTime: '17:30',
        leaderIds: [leader.id],
        venue: '',
        note: '',
        supervisorId: null,
        skipHolidays: false,
      });
    }
    const header = ['Program', 'Enhet', 'Gruppstart', 'Namn', 'Relation', 'Familj', 'Samtycke', 'Samtyckesdatum'];
    const participantRows = (count: number) => {
      const rows: string[][] = [header];
      for (let i = 0; i < count; i++) {
        const start = starts[i % groups]!;
        rows.push([programme.code, unit.name, start, `Förälder ${i}`, i % 2 ? 'mamma' : 'pappa', `F${Math.floor(i / 2)}`, 'ja', start]);
      }
      return rows;
    };
    const load = () => os.loadavg()[0]!.toFixed(1);
    const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

    /**
     * Reads, previews, commits and undoes one file, recording each step; a refusal is recorded as
     * the result. The time targets are the import's for a sheet of 10,000 rows: a larger sheet's
     * rows are printed beside none, so that they are not read against a target set for another size.
     */
    const run = async (label: string, file: string, count: number) => {
      const timeTarget = (target: string) => (count === participants ? target : '');
      const n = count.toLocaleString('en');
      const size = Math.round(fs.statSync(file).size / 1024);
      const loadBefore = load();
      let cost: ParseCost | undefined;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      let table: ImportTable;
      try {
        table = await readTable(file, { onCost: (c) => (cost = c) });
      } catch (err) {
        const why = err instanceof AppError ? err.messages.en : String(err);
        ctx.record(`import: ${n} ${label} refused`, 'clear message, nothing written', `${ctx.ms(performance.now() - t0)} ms: ${why}`);
        return;
      }
      const mapping = adjustMapping('participants', table.headers, guessMapping('participants', table.headers), {});
      const t1 = performance.now();
      const preview = services.imports.preview('participants', table, mapping);
      const t2 = performance.now();
      const mainCpu = process.cpuUsage(cpu0);
      const { plan } = services.imports.commit('participants', table, mapping);
      const t3 = performance.now();
      const undone = services.imports.undo();
      const t4 = performance.now();
      if (preview.counts.new !== count || plan.counts.new !== count || undone.removed !== count) throw new Error('import bench: not every row was imported');
      const parser = cost!;
      ctx.record(
        `import: read ${n} ${label} (${size} kB), load ${loadBefore}: parser process start + parse, its CPU`,
        '',
        `${ctx.ms(t1 - t0)} ms (${ctx.ms(parser.startMs)} + ${ctx.ms(parser.parseMs)}), CPU ${ctx.ms(parser.cpuMs)} ms`,
      );
      ctx.record(
        `import: dry run of ${n} ${label} (read + preview), main-thread CPU`,
        timeTarget('< 2 s'),
        `${ctx.ms(t2 - t0)} ms, CPU ${ctx.ms((mainCpu.user + mainCpu.system) / 1000)} ms`,
      );
      ctx.record(`import: peak RSS of the parser process reading ${n} ${label}`, '< 300 MB', mb(parser.peakRssBytes));
      ctx.record(`import: commit ${n} ${label}, load ${load()}`, timeTarget('< 3 s'), `${ctx.ms(t3 - t2)} ms`);
      ctx.record(`import: undo of the ${n} ${label}`, '', `${ctx.ms(t4 - t3)} ms`);
    };

    // Excel and LibreOffice keep each distinct text once in a shared-strings part; that is the file people bring.
    const file = path.join(dir, 'deltagare.xlsx');
    fs.writeFileSync(file, xlsxBytes([{ name: 'Blad1', rows: participantRows(participants) }], { sharedStrings: true }));
    await run('participant rows from xlsx', file, participants);
    // Some generators write every text inline in the sheet: a larger sheet part to parse.
    const inline = path.join(dir, 'deltagare-inline.xlsx');
    fs.writeFileSync(inline, xlsxBytes([{ name: 'Blad1', rows: participantRows(participants) }]));
    await run('participant rows from xlsx, inline text', inline, participants);
    // The largest sheet the import takes (its row cap), made here rather than kept as a file.
    const largest = path.join(dir, 'deltagare-max.xlsx');
    fs.writeFileSync(largest, xlsxBytes([{ name: 'Blad1', rows: participantRows(importLimits.maxRows) }], { sharedStrings: true }));
    await run('participant rows from xlsx (the row cap)', largest, importLimits.maxRows);
    const over = path.join(dir, 'deltagare-over.xlsx');
    fs.writeFileSync(over, xlsxBytes([{ name: 'Blad1', rows: participantRows(importLimits.maxRows + 1) }], { sharedStrings: true }));
    await run('participant rows from xlsx (one over the cap)', over, importLimits.maxRows + 1);
    ctx.record('import: peak RSS of the bench process (the parser processes not included)', '', mb(process.resourceUsage().maxRSS * 1024));
  } finally {
    app.close();
  }
};
