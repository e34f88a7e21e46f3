import type { BenchSection } from './context';

/**
 * The activity report: the model for last calendar year over the whole city, and the same report
 * made into a PDF (the page's download and `komet report --pdf`).
 */
export const reportSection: BenchSection = async (ctx) => {
  const year = new Date().getFullYear() - 1;
  const input = { from: `${year}-01-01`, to: `${year}-12-31` };
  ctx.record('reports.activity, last year, whole city (p50 / p95)', '< 1 s at scale 100', await ctx.timeCalls(() => ['reports.activity', input]));
  ctx.record(
    'reports.activityPdf, last year, whole city (p50 / p95)',
    '< 3 s at scale 1',
    await ctx.timeCalls(() => ['reports.activityPdf', { ...input, lang: 'sv' }]),
  );
};
