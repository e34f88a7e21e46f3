/**
 * Horizontal bar charts as SVG text, for the activity report's PDF. Small and pure on purpose: the
 * output is a string the PDF embeds and a snapshot test pins. A hidden figure (suppressed) is
 * drawn as no bar with an en dash, never as a zero.
 */

export interface Bar {
  label: string;
  /** null: hidden, drawn without a bar. */
  value: number | null;
}

export interface BarChartOptions {
  title: string;
  width?: number;
  /** Formats the value printed after each bar. */
  format?: (value: number) => string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ROW = 18;
const BAR = 12;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 50;
const TITLE = 20;

export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? 480;
  const format = options.format ?? ((v: number) => String(v));
  const plot = width - LABEL_WIDTH - VALUE_WIDTH;
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const height = TITLE + Math.max(1, bars.length) * ROW + 4;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<text x="0" y="13" font-size="11" font-weight="bold" fill="#1a1a1a">${escape(options.title)}</text>`,
  ];
  bars.forEach((b, i) => {
    const y = TITLE + i * ROW;
    const length = b.value === null || max === 0 ? 0 : Math.max(b.value > 0 ? 1 : 0, Math.round((b.value / max) * plot));
    parts.push(`<text x="${LABEL_WIDTH - 6}" y="${y + 10}" font-size="9" text-anchor="end" fill="#1a1a1a">${escape(b.label)}</text>`);
    if (length > 0) parts.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${length}" height="${BAR}" fill="#2b5d8a"/>`);
    parts.push(`<text x="${LABEL_WIDTH + length + 4}" y="${y + 10}" font-size="9" fill="#1a1a1a">${b.value === null ? '–' : escape(format(b.value))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
