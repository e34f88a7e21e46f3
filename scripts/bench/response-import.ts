import fs from 'node:fs';
import path from 'node:path';
import { startKomet, type KometApp } from '../../src-main/app/komet-app';
import { shippedInstrument } from '../../src-main/core/outcomes/shipped';
import type { BenchContext, BenchSection } from './context';

const wanted = 10_000;

/**
 * A CSV of SDQ-P responses imported through the router as the import screen sends it: first a dry
 * run (every row checked, nothing written), then the import itself (checked again, written with
 * scores and every table kept from them). The rows are real gaps in the demo: enrolments of a
 * programme asking SDQ-P with no answer at a scheduled time point. It runs on a copy of the demo
 * database (SQLite's online backup), so the sections after this one see the demo as it was.
 */
export const responseImportSection: BenchSection = async (ctx) => {
  const copy = path.join(ctx.dir, 'response-import.db');
  await ctx.app.db.sqlite.backup(copy);
  const app = startKomet({ databasePath: copy, shell: 'cli' });
  try {
    await importRows(ctx, app);
  } finally {
    app.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copy}${suffix}`, { force: true });
  }
};

async function importRows(ctx: BenchContext, app: KometApp): Promise<void> {
  const db = app.db.sqlite;
  const definition = shippedInstrument('SDQ-P');
  const gaps = db
    .prepare(
      `select p.id, s.timepoint from participants p join groups g on g.id = p.group_id
         join outcome_schedules s on s.programme_id = g.programme_id and s.instrument_code = 'SDQ-P'
       where p.status <> 'moved'
         and not exists (select 1 from outcome_responses r where r.participant_id = p.id and r.instrument_code = 'SDQ-P' and r.timepoint = s.timepoint)
         and not exists (select 1 from outcome_entries e where e.participant_id = p.id and e.instrument_code = 'SDQ-P' and e.timepoint = s.timepoint)
       order by p.id, s.timepoint limit ?`,
    )
    .raw()
    .all(wanted) as [string, string][];
  let k = 0;
  const text = [
    ['participant_id', 'instrument', 'timepoint', 'date', ...definition.items.map((i) => i.code)].join(','),
    ...gaps.map(([id, timepoint]) =>
      [id, 'SDQ-P', timepoint, '2025-06-01', ...definition.items.map((i) => String(i.min + ((k++ * 7) % (i.max - i.min + 1))))].join(','),
    ),
  ].join('\n');
  const rows = `${gaps.length.toLocaleString('en')} response rows`;
  const timed = async (dryRun: boolean) => {
    const started = performance.now();
    const result = await app.call('responses.import', { text, dryRun, enteredBy: 'bench' });
    const ms = performance.now() - started;
    if (!result.ok) return `failed: ${result.error.message.en}`;
    const { imported, errors } = result.value as { imported: number; errors: unknown[] };
    return errors.length > 0 ? `refused (${errors.length} faults)` : `${ctx.ms(ms)} ms${dryRun ? '' : ` (${imported.toLocaleString('en')} stored)`}`;
  };
  ctx.record(`outcomes: dry run of an import of ${rows} (SDQ-P, every row checked)`, '', await timed(true));
  ctx.record(`outcomes: import of ${rows} (SDQ-P): checked, stored, scored and counted`, '< 3 s', await timed(false));
}
