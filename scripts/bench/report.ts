import type { BenchSection } from './context';

/**
 * The activity report: the model for last calendar year over the whole city, and the same report
 * made into a PDF (the page's download and `komet report --pdf`). The service keeps the reports it
 * made until the database changes; a one-row write before a call (not timed) shows what making
 * one costs, and the screen's opening report asked again shows what a visit to the page costs.
 */
export const reportSection: BenchSection = async (ctx) => {
  const year = new Date().getFullYear() - 1;
  const input = { from: `${year}-01-01`, to: `${year}-12-31` };
  const touch = ctx.app.db.sqlite.prepare('update units set updated_at = updated_at where id = (select id from units limit 1)');
  const afterWrite = (name: string, args: unknown) => (): [string, unknown] => {
    touch.run();
    return [name, args];
  };
  ctx.record(
    'reports.activity, last year, whole city, first call after a write (p50 / p95)',
    '< 1 s at scale 100',
    await ctx.timeCalls(afterWrite('reports.activity', input)),
  );
  // What the reports page asks for as it opens: this year, the whole city.
  const thisYear = new Date().getFullYear();
  const opening = { from: `${thisYear}-01-01`, to: `${thisYear}-12-31`, unitIds: [], programmeIds: [] };
  ctx.record(
    "reports.activity, the page's opening report, kept (p50 / p95)",
    'p95 < 16 ms at scale 100',
    await ctx.timeCalls(() => ['reports.activity', opening]),
  );
  ctx.record(
    "reports.activity, the page's opening report, first call after a write (p50 / p95)",
    'p95 < 16 ms at scale 100',
    await ctx.timeCalls(afterWrite('reports.activity', opening)),
  );
  // The report is kept group by group: a write to a unit's row touches no group, a participant's
  // (what an attendance mark or a status change writes) makes its group be read again.
  const participantIds = ctx.participation.participants.map((p) => p.id);
  const touchParticipant = ctx.app.db.sqlite.prepare('update participants set updated_at = updated_at where id = ?');
  let pick = 0;
  const afterParticipantWrite = (name: string, args: unknown) => (): [string, unknown] => {
    touchParticipant.run(participantIds[(pick = (pick + 7919) % participantIds.length)]);
    return [name, args];
  };
  ctx.record(
    "reports.activity, the page's opening report, first call after a write to a participant (p50 / p95)",
    'p95 < 16 ms at scale 100',
    await ctx.timeCalls(afterParticipantWrite('reports.activity', opening)),
  );
  ctx.record(
    'reports.activity, last year, whole city, first call after a write to a participant (p50 / p95)',
    '< 1 s at scale 100',
    await ctx.timeCalls(afterParticipantWrite('reports.activity', input)),
  );
  ctx.record(
    'reports.activityPdf, last year, whole city (p50 / p95)',
    '< 3 s at scale 1',
    await ctx.timeCalls(() => ['reports.activityPdf', { ...input, lang: 'sv' }]),
  );
};
