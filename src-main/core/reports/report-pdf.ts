import { createRequire } from 'node:module';
import type { ActivityReport, ReportCell, ReportSection } from '../../contract';
import { barChartSvg, type Bar } from './bar-chart-svg';
import { reportText, type ReportLang, type ReportWords } from './report-text';

/**
 * The activity report as a PDF through pdfmake, which runs the same document definition in Node
 * and in a browser. Roboto, pdfmake's own font, covers å, ä and ö. Every chart is followed by
 * its table, so nothing is said by the picture alone.
 */

type Content = Record<string, unknown> | string | Content[];

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const requireHere = createRequire(import.meta.url);
let loaded: PdfMake | null = null;
function pdfmake(): PdfMake {
  if (!loaded) {
    loaded = requireHere('pdfmake') as PdfMake;
    const font = (file: string) => requireHere.resolve(`pdfmake/fonts/Roboto/${file}`);
    const fonts = {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    };
    loaded.setFonts({ Roboto: fonts });
    // The report reads nothing but its font: no URL and no other file while the PDF is made.
    const allowed = new Set(Object.values(fonts));
    loaded.setUrlAccessPolicy(() => false);
    loaded.setLocalAccessPolicy((file) => allowed.has(file));
  }
  return loaded;
}

const cellText = (c: ReportCell, format: (n: number) => string = String) => (c.value === null ? '–' : format(c.value));
const percent = (lang: ReportLang) => (n: number) => `${(n * 100).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 })} %`;

function table(head: string[], rows: string[][], widths?: (string | number)[]): Content {
  return {
    table: { headerRows: 1, widths: widths ?? head.map((_, i) => (i === 0 ? '*' : 'auto')), body: [head.map((text) => ({ text, bold: true })), ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 9,
    margin: [0, 4, 0, 12],
  };
}

const heading = (text: string): Content => ({ text, style: 'h1', tocItem: true, headlineLevel: 1 });
const subheading = (text: string): Content => ({ text, style: 'h2', headlineLevel: 2 });

interface LaidOutNode {
  id?: string;
  headlineLevel?: number;
  style?: unknown;
  table?: unknown;
  columns?: unknown;
  stack?: boolean;
}

/** The running header and footer: pdfmake lists them among a page's nodes, but they are no content. */
const furniture = 'furniture';

/**
 * Whether a heading ends its page: no text or chart follows it there, only other headings and the
 * page's header and footer. A table that begins on the page while its rows move on still counts as
 * on the page, so only what is drawn counts: text and charts, not their containers.
 */
export function headingAlone(node: LaidOutNode, nodes: { getFollowingNodesOnPage(): LaidOutNode[] }): boolean {
  if (!node.headlineLevel) return false;
  const drawn = (n: LaidOutNode) => n.headlineLevel === undefined && n.style !== furniture && n.table === undefined && n.columns === undefined && !n.stack;
  return !nodes.getFollowingNodesOnPage().some(drawn);
}

/** Room for a chart on a page below its heading: A4 less the margins and a heading, in points. */
const chartRoom = 600;
/** Table rows that surely fit on a page below a heading at the table's 9-point type. */
const shortTable = 30;
const isChart = (c: Content): c is Record<string, unknown> => typeof c === 'object' && !Array.isArray(c) && typeof c.svg === 'string';
const tableRows = (c: Content): number => {
  if (typeof c !== 'object' || Array.isArray(c) || typeof c.table !== 'object' || c.table === null) return Infinity;
  return ((c.table as { body?: unknown[] }).body ?? []).length;
};

/**
 * A heading and what comes under it, a chart or a table short enough to fit a page, as one
 * unbreakable block, so the heading cannot end a page without them. A longer table may break
 * across pages; reportPdf sees to a heading that ends a page above one.
 */
function keepWithNext(head: Content, next: Content): Content {
  return isChart(next) || tableRows(next) <= shortTable ? { stack: [head, next], unbreakable: true } : [head, next];
}

/** Numbers the headings in document order and starts the chosen ones on a new page. */
function markHeadings(content: Content, breakBefore: ReadonlySet<string>): void {
  let n = 0;
  const walk = (c: Content): void => {
    if (typeof c === 'string') return;
    if (Array.isArray(c)) return c.forEach(walk);
    if (typeof c.headlineLevel === 'number' && !('toc' in c)) {
      const id = `heading-${n++}`;
      c.id = id;
      if (breakBefore.has(id)) c.pageBreak = 'before';
    }
    if (Array.isArray(c.stack)) walk(c.stack as Content[]);
  };
  walk(content);
}

// A chart with many bars is scaled down to fit a page under its heading, never split or pushed off.
const chart = (title: string, bars: Bar[], format?: (n: number) => string): Content => ({
  svg: barChartSvg(bars, { title, format }),
  fit: [480, chartRoom],
  margin: [0, 6, 0, 2],
});

function scopeLine(r: ActivityReport, w: ReportWords): string {
  const parts = [];
  if (r.scope.units.length) parts.push(`${w.units}: ${r.scope.units.map((u) => u.name).join(', ')}`);
  if (r.scope.programmes.length) parts.push(`${w.programmes}: ${r.scope.programmes.map((p) => p.name).join(', ')}`);
  return parts.length ? parts.join('; ') : w.all;
}

export function reportDocument(r: ActivityReport, lang: ReportLang, breakBefore: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const w = reportText[lang];
  const pct = percent(lang);
  const c = r.current;
  const created = r.createdAt.slice(0, 10);
  const period = `${c.period.from} – ${c.period.to}`;
  const pageLine = `${r.saved?.title ?? w.title} · ${period} · ${scopeLine(r, w)} · ${w.created} ${created}`;

  const content: Content[] = [
    { text: r.saved?.title ?? w.title, style: 'title', margin: [0, 160, 0, 8] },
    { text: w.subtitle, fontSize: 14, margin: [0, 0, 0, 24] },
    { text: `${w.period}: ${period}`, fontSize: 12 },
    { text: `${w.comparedWith}: ${r.previous.period.from} – ${r.previous.period.to}`, fontSize: 12 },
    { text: `${w.scope}: ${scopeLine(r, w)}`, fontSize: 12 },
    { text: `${w.created}: ${created}`, fontSize: 12, margin: [0, 0, 0, 24] },
    { text: w.hiddenNote(r.smallCellMax), italics: true, fontSize: 10, pageBreak: 'after' },
    { toc: { title: { text: w.contents, style: 'h1', headlineLevel: 1 } }, pageBreak: 'after' },
  ];
  const sections: Record<ReportSection, Content[]> = {
    summary: [
      heading(w.summary),
      table(
        [w.figure, w.current, w.previous, w.change],
        r.headlines.map((h) => [
          w.headlines[h.key],
          cellText(h.current),
          cellText(h.previous),
          h.change === null ? '–' : h.change > 0 ? `+${h.change}` : String(h.change),
        ]),
      ),
    ],
    groups: [
      heading(`${w.groups} ${w.byUnit}`),
      chart(
        `${w.groups}: ${w.started.toLowerCase()}`,
        c.groups.byUnit.map((g) => ({ label: g.label, value: g.started })),
      ),
      table(
        [w.unit, w.started, w.completed, w.running, w.cancelled],
        [...c.groups.byUnit, { label: w.total, ...c.groups.total }].map((g) => [
          g.label,
          String(g.started),
          String(g.completed),
          String(g.running),
          String(g.cancelled),
        ]),
      ),
      keepWithNext(
        subheading(`${w.groups} ${w.byProgramme}`),
        table(
          [w.programme, w.started, w.completed, w.running, w.cancelled],
          [...c.groups.byProgramme, { label: w.total, ...c.groups.total }].map((g) => [
            g.label,
            String(g.started),
            String(g.completed),
            String(g.running),
            String(g.cancelled),
          ]),
        ),
      ),
    ],
    parents: [
      heading(`${w.parents} ${w.byUnit}`),
      chart(
        `${w.parents}: ${w.parentsCompleted.toLowerCase()}`,
        c.parents.byUnit.map((p) => ({ label: p.label, value: p.completed.value })),
      ),
      parentTable(w.unit, [...c.parents.byUnit, { label: w.total, ...c.parents.total }], w, pct),
      keepWithNext(
        subheading(`${w.parents} ${w.byProgramme}`),
        chart(
          `${w.parents}: ${w.parentsCompleted.toLowerCase()}`,
          c.parents.byProgramme.map((p) => ({ label: p.label, value: p.completed.value })),
        ),
      ),
      parentTable(w.programme, [...c.parents.byProgramme, { label: w.total, ...c.parents.total }], w, pct),

      keepWithNext(
        heading(w.dropouts),
        chart(
          w.dropouts,
          c.parents.dropoutBySession.map((d) => ({ label: String(d.session), value: d.count.value })),
        ),
      ),
      table(
        [w.lastSession, w.count],
        c.parents.dropoutBySession.map((d) => [String(d.session), cellText(d.count)]),
      ),
    ],
    leaders: [
      heading(w.leaders),
      table(
        [w.figure, w.current, w.previous],
        (
          [
            [w.inCourse, 'inCourse'],
            [w.supervisedFirstGroup, 'supervisedFirstGroup'],
            [w.certified, 'certified'],
            [w.active, 'active'],
            [w.supervisionSessions, 'supervisionSessions'],
            [w.supervisionAttendances, 'supervisionAttendances'],
            [w.heldSessions, 'heldSessions'],
            [w.fidelityRecorded, 'sessionsWithFidelity'],
          ] as const
        ).map(([label, key]) => [label, String(c.leaders[key]), String(r.previous.leaders[key])]),
      ),
      {
        text: `${w.supervisionHours}: ${w.notRecorded}. ${w.fidelityMean}: ${c.leaders.fidelityMean === null ? '–' : pct(c.leaders.fidelityMean)}.`,
        fontSize: 9,
      },
    ],
    outcomes: [heading(w.outcomes), ...outcomeContent(r, w, pct)],
    costs: r.costs ? costContent(r.costs, r.saved?.budget ?? [], w) : [],
  };
  const chosen: ReportSection[] = r.saved?.sections ?? ['summary', 'groups', 'parents', 'leaders', 'outcomes'];
  for (const key of chosen) {
    const [head, ...body] = sections[key];
    if (!head) continue;
    const note = r.saved?.notes[key];
    if (note) content.push(head, { text: note, margin: [0, 0, 0, 8] }, ...body);
    else if (body[0]) content.push(keepWithNext(head, body[0]), ...body.slice(1));
    else content.push(head, ...body);
  }

  markHeadings(content, breakBefore);
  return {
    info: { title: `${w.title} ${period}`, subject: scopeLine(r, w), creator: 'Komet' },
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    header: (page: number) => (page === 1 ? null : { text: pageLine, style: furniture, fontSize: 7, color: '#555555', margin: [40, 20, 40, 0] }),
    footer: (page: number, pages: number) => ({
      columns: [
        { text: page === 1 ? pageLine : '', style: furniture, fontSize: 7, color: '#555555' },
        { text: w.page(page, pages), style: furniture, alignment: 'right', fontSize: 8 },
      ],
      style: furniture,
      margin: [40, 16, 40, 0],
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      title: { fontSize: 28, bold: true },
      h1: { fontSize: 16, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      [furniture]: {},
    },
    language: lang === 'sv' ? 'sv-SE' : 'en-GB',
  };
}

function parentTable(
  first: string,
  rows: (ActivityReport['current']['parents']['total'] & { label: string })[],
  w: ReportWords,
  pct: (n: number) => string,
): Content {
  return table(
    [first, w.enrolled, w.parentsStarted, w.parentsCompleted, w.notCompleted, w.droppedOut, w.ongoing, w.families, w.attendance],
    rows.map((p) => [
      p.label,
      cellText(p.enrolled),
      cellText(p.started),
      cellText(p.completed),
      cellText(p.notCompleted),
      cellText(p.droppedOut),
      cellText(p.ongoing),
      cellText(p.families),
      cellText(p.attendanceRate, pct),
    ]),
  );
}

function outcomeContent(r: ActivityReport, w: ReportWords, pct: (n: number) => string): Content[] {
  const o = r.current.outcomes;
  if (!o.present) return [{ text: w.noOutcomeData }];
  return [
    chart(
      w.returnRate,
      o.returns.map((x) => ({ label: x.timepoint, value: x.rate.value })),
      pct,
    ),
    table(
      [w.timepoint, w.base, w.returned, w.returnRate],
      o.returns.map((x) => [x.timepoint, cellText(x.base), cellText(x.returned), cellText(x.rate, pct)]),
    ),
    table(
      [w.instrument, w.scale, w.pairs, w.meanPre, w.meanPost, w.meanChange],
      o.change.map((x) => [
        x.instrument,
        x.scale,
        cellText(x.pairs),
        x.meanPre === null ? '–' : String(x.meanPre),
        x.meanPost === null ? '–' : String(x.meanPost),
        x.meanChange === null ? '–' : String(x.meanChange),
      ]),
    ),
  ];
}

/**
 * Lays the report out and, while a heading ends a page with its content on the next, starts that
 * heading on a new page and lays it out again: no heading stays alone at the foot of a page.
 * pdfmake's own pageBreakBefore judges each heading once and its tables lay out differently when
 * asked to lay out again, so it only reports here, on a fresh document each round. The first
 * heading found moves first, since moving it shifts everything after it.
 */
export async function reportPdf(r: ActivityReport, lang: ReportLang): Promise<Buffer> {
  const breakBefore = new Set<string>();
  for (let round = 0; ; round++) {
    const alone: string[] = [];
    const doc = reportDocument(r, lang, breakBefore);
    doc.pageBreakBefore = (node: LaidOutNode, nodes: { getFollowingNodesOnPage(): LaidOutNode[] }) => {
      if (node.id && headingAlone(node, nodes)) alone.push(node.id);
      return false;
    };
    const pdf = await pdfmake().createPdf(doc).getBuffer();
    const first = alone.find((id) => !breakBefore.has(id));
    if (first === undefined || round === maxRounds) return pdf;
    breakBefore.add(first);
  }
}

/** Each round can only move headings down; a report has a dozen headings at most. */
const maxRounds = 12;

function costContent(costs: NonNullable<ActivityReport['costs']>, budget: NonNullable<ActivityReport['saved']>['budget'], w: ReportWords): Content[] {
  const kr = (n: number) => `${n.toLocaleString('sv-SE')} kr`;
  return [
    heading(w.costs),
    ...(budget.length
      ? [
          table(
            [w.budgetLine, w.kind, w.amount],
            budget.map((b) => [b.label, w.kinds[b.kind], kr(b.amount)]),
          ),
        ]
      : []),
    table(
      [w.figure, w.amount],
      [
        [w.totalCost, kr(costs.totalCost)],
        [w.totalIncome, kr(costs.totalIncome)],
        [w.netCost, kr(costs.net)],
        [w.perStartedGroup, costs.perStartedGroup === null ? '–' : kr(costs.perStartedGroup)],
        [w.perCompletingParent, costs.perCompletingParent.value === null ? '–' : kr(costs.perCompletingParent.value)],
      ],
    ),
  ];
}
