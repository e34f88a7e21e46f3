import type { InstrumentDefinition } from '../../src-main/contract/schemas/instruments';
import { createRandom } from '../../src-main/core/demo/random';
import { createScorer, type Answers } from '../../src-main/core/outcomes/scoring';
import { shippedInstrument } from '../../src-main/core/outcomes/shipped';
import type { BenchSection } from './context';
import { median } from './stats';

/**
 * The city's worklist of due and overdue questionnaires over the demo's schedules and responses,
 * through the router as the dashboard calls it, the same list with names whole (`outcomes.worklist`:
 * no screen or CLI command reads it, the Enkäter page reads it a page at a time through
 * `outcomes.worklistPage`; the tests check the pages and the kept lists against it), the dashboard's summary of it (counts and the first rows), and one instrument's results over the whole city and
 * over one programme-year. Outcome scoring: 100,000 paper responses (half SDQ, half ECBI, about one answer in twenty
 * missing) scored in one pass, as a report over a programme-year or an export would. Beside it,
 * the same run merely sums the same answers in a plain loop: the floor that any scoring, with its
 * checks, reverse keys and rules, is measured against.
 */
const responses = 100_000;
const runs = 5;

export const outcomesSection: BenchSection = async (ctx) => {
  const rnd = createRandom('bench-outcomes');
  const definitions = [shippedInstrument('SDQ-P'), shippedInstrument('ECBI')];
  const batch: { definition: InstrumentDefinition; answers: Answers }[] = [];
  for (let r = 0; r < responses; r++) {
    const definition = definitions[r % 2]!;
    const answers: Record<string, number | null> = {};
    for (const item of definition.items) answers[item.code] = rnd.chance(0.05) ? null : rnd.int(item.min, item.max);
    batch.push({ definition, answers });
  }

  const scoreAll = () => {
    const scorers = new Map(definitions.map((d) => [d, createScorer(d)]));
    let scored = 0;
    for (const { definition, answers } of batch) {
      for (const s of scorers.get(definition)!(answers)) if (s.score !== null) scored++;
    }
    return scored;
  };
  const sumAll = () => {
    let total = 0;
    for (const { definition, answers } of batch) {
      for (const item of definition.items) {
        const value = answers[item.code];
        if (value !== null && value !== undefined) total += value;
      }
    }
    return total;
  };

  const time = (work: () => number) => {
    work(); // warm the JIT
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      work();
      times.push(performance.now() - started);
    }
    return `${ctx.ms(median(times))} ms (median of ${runs})`;
  };
  const due = await ctx.app.call('outcomes.due', {});
  const dueCount = due.ok ? (due.value as unknown[]).length : 0;
  ctx.record(
    `outcomes.due, the whole city's worklist (${dueCount.toLocaleString('en')} rows) (p50 / p95)`,
    'p95 < 50 ms',
    await ctx.timeCalls(() => ['outcomes.due', {}]),
  );
  ctx.record(
    "outcomes.worklistSummary, the dashboard's counts and first 5 rows (p50 / p95)",
    'p95 < 50 ms',
    await ctx.timeCalls(() => ['outcomes.worklistSummary', {}]),
  );
  const worklist = await ctx.app.call('outcomes.worklist', {});
  const worklistCount = worklist.ok ? (worklist.value as unknown[]).length : 0;
  ctx.record(
    `outcomes.worklist, the whole list with names (${worklistCount.toLocaleString('en')} rows), which the tests check the Enkäter page's pages against; no screen or CLI command reads it (p50 / p95)`,
    'p95 < 16 ms',
    await ctx.timeCalls(() => ['outcomes.worklist', {}]),
  );
  // The worklist reads keep their lists until the database changes; a one-row write before each
  // call (not timed) shows what the first look after any change costs.
  const participantIds = ctx.participation.participants.map((p) => p.id);
  const touch = ctx.app.db.sqlite.prepare('update participants set updated_at = updated_at where id = ?');
  let turn = 0;
  const afterWrite = (name: string) => () => {
    touch.run(participantIds[turn++ % participantIds.length]);
    return [name, {}] as [string, unknown];
  };
  ctx.record('outcomes.due, first call after a write (p50 / p95)', 'p95 < 50 ms', await ctx.timeCalls(afterWrite('outcomes.due')));
  ctx.record('outcomes.worklistSummary, first call after a write (p50 / p95)', 'p95 < 50 ms', await ctx.timeCalls(afterWrite('outcomes.worklistSummary')));
  ctx.record('outcomes.worklist, first call after a write (p50 / p95)', 'p95 < 16 ms', await ctx.timeCalls(afterWrite('outcomes.worklist')));
  // A write the lists must show: a due questionnaire marked declined through the router, or the
  // mark cleared again (not timed), each time in another group. The lists keep each group's rows,
  // and read again only the group a write touched.
  const marks = (due.ok ? (due.value as { participantId: string; timepoint: string }[]) : []).filter((_, i) => i % 97 === 0);
  let marked = 0;
  // The handler, not the router: the write has to be done before the timed call, and a handler's
  // write is synchronous.
  const setStatus = ctx.app.handlers['outcomes.setStatus'];
  const afterMark =
    (name: string, input: unknown = {}) =>
    () => {
      const m = marks[Math.floor(marked / 2) % marks.length]!;
      const status = marked++ % 2 === 0 ? 'declined' : null;
      setStatus({ participantId: m.participantId, timepoint: m.timepoint, status }, { actor: 'bench', shell: 'cli' });
      return [name, input] as [string, unknown];
    };
  if (marks.length > 0) {
    ctx.record('outcomes.due, first call after a mark (p50 / p95)', 'p95 < 50 ms', await ctx.timeCalls(afterMark('outcomes.due')));
    ctx.record('outcomes.worklistSummary, first call after a mark (p50 / p95)', 'p95 < 16 ms', await ctx.timeCalls(afterMark('outcomes.worklistSummary')));
    ctx.record('outcomes.worklist, first call after a mark (p50 / p95)', 'p95 < 16 ms', await ctx.timeCalls(afterMark('outcomes.worklist')));
    ctx.record(
      'outcomes.worklistPage, first page of 50 after a mark (p50 / p95)',
      'p95 < 16 ms',
      await ctx.timeCalls(afterMark('outcomes.worklistPage', { limit: 50 })),
    );
  }
  ctx.record(
    'outcomes.results, SDQ-P over every programme: rates, levels, changes (p50 / p95)',
    'p95 < 50 ms',
    await ctx.timeCalls(() => ['outcomes.results', { instrument: 'SDQ-P' }]),
  );
  // One programme-year: the programme with the most groups of those asking SDQ-P, its groups that started last year.
  const year = String(Number(new Date().toISOString().slice(0, 4)) - 1);
  const groupsPer = new Map<string, number>();
  for (const g of ctx.demo.groups) groupsPer.set(g.programmeId, (groupsPer.get(g.programmeId) ?? 0) + 1);
  let programmeId: string | undefined;
  for (const [id] of [...groupsPer].sort((a, b) => b[1] - a[1])) {
    const schedule = await ctx.app.call('outcomeSchedules.list', { programmeId: id });
    if (schedule.ok && (schedule.value as { instrumentCode: string }[]).some((p) => p.instrumentCode === 'SDQ-P')) {
      programmeId = id;
      break;
    }
  }
  if (programmeId)
    ctx.record(
      `outcomes.results, SDQ-P over one programme-year (the largest programme asking it, groups started in ${year}) (p50 / p95)`,
      'p95 < 50 ms',
      await ctx.timeCalls(() => ['outcomes.results', { instrument: 'SDQ-P', programmeId, from: `${year}-01-01`, to: `${year}-12-31` }]),
    );
  ctx.record(`outcomes: score ${responses.toLocaleString('en')} responses, SDQ-P + ECBI, every scale`, '< 2 s', time(scoreAll));
  ctx.record(`outcomes: reference, plain loop summing the same ${responses.toLocaleString('en')} responses' answers`, '', time(sumAll));
};
