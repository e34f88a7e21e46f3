import fs from 'node:fs';
import path from 'node:path';
import { startKomet } from '../../src-main/app/komet-app';
import { noAudit } from '../../src-main/core/audit';
import { systemClock } from '../../src-main/core/clock';
import { adjustMapping, guessMapping } from '../../src-main/core/import/mapping';
import { readTable } from '../../src-main/core/import/read-table';
import { createServices } from '../../src-main/core/services';
import { xlsxBytes } from '../../test/helpers/xlsx-file';
import type { BenchSection } from './context';

const participants = 10_000;
const groups = 50;

/**
 * Spreadsheet import: 10,000 participant rows in 50 existing groups, from an .xlsx workbook,
 * into a fresh database of its own: reading (the worker), the dry run (which tries every row and
 * rolls back), the commit and its undo. Memory is the whole process's peak, the worker's included.
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
    const rows: string[][] = [['Program', 'Enhet', 'Gruppstart', 'Namn', 'Relation', 'Familj', 'Samtycke', 'Samtyckesdatum']];
    for (let i = 0; i < participants; i++) {
      const start = starts[i % groups]!;
      rows.push([programme.code, unit.name, start, `Förälder ${i}`, i % 2 ? 'mamma' : 'pappa', `F${Math.floor(i / 2)}`, 'ja', start]);
    }
    const file = path.join(dir, 'deltagare.xlsx');
    fs.writeFileSync(file, xlsxBytes([{ name: 'Blad1', rows }]));

    const t0 = performance.now();
    const table = await readTable(file);
    const mapping = adjustMapping('participants', table.headers, guessMapping('participants', table.headers), {});
    const t1 = performance.now();
    const preview = services.imports.preview('participants', table, mapping);
    const t2 = performance.now();
    const { plan } = services.imports.commit('participants', table, mapping);
    const t3 = performance.now();
    const undone = services.imports.undo();
    const t4 = performance.now();
    if (preview.counts.new !== participants || plan.counts.new !== participants || undone.removed !== participants)
      throw new Error('import bench: not every row was imported');
    const n = participants.toLocaleString('en');
    ctx.record(`import: read ${n} participant rows from xlsx (${Math.round(fs.statSync(file).size / 1024)} kB) in the worker`, '', `${ctx.ms(t1 - t0)} ms`);
    ctx.record(`import: dry run of ${n} participant rows (read + preview)`, '< 2 s', `${ctx.ms(t2 - t0)} ms`);
    ctx.record(`import: commit ${n} participant rows`, '< 3 s', `${ctx.ms(t3 - t2)} ms`);
    ctx.record(`import: undo of the ${n} participants`, '', `${ctx.ms(t4 - t3)} ms`);
    ctx.record('import: peak RSS of the process, worker included', '< 300 MB (worker)', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    app.close();
  }
};
