import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../../src-main/core/reports/bar-chart-svg';

describe('bar chart SVG', () => {
  it('draws bars in proportion, a hidden figure as a dash without a bar, and escapes labels', () => {
    const svg = barChartSvg(
      [
        { label: 'Östermalm', value: 20 },
        { label: 'Kista & Rinkeby', value: 5 },
        { label: 'Skärholmen', value: null },
      ],
      { title: 'Föräldrar som fullföljde', width: 400 },
    );
    expect(svg).toMatchInlineSnapshot(`
      "<svg xmlns="http://www.w3.org/2000/svg" width="400" height="78" viewBox="0 0 400 78">
      <text x="0" y="13" font-size="11" font-weight="bold" fill="#1a1a1a">Föräldrar som fullföljde</text>
      <text x="144" y="30" font-size="9" text-anchor="end" fill="#1a1a1a">Östermalm</text>
      <rect x="150" y="20" width="200" height="12" fill="#2b5d8a"/>
      <text x="354" y="30" font-size="9" fill="#1a1a1a">20</text>
      <text x="144" y="48" font-size="9" text-anchor="end" fill="#1a1a1a">Kista &amp; Rinkeby</text>
      <rect x="150" y="38" width="50" height="12" fill="#2b5d8a"/>
      <text x="204" y="48" font-size="9" fill="#1a1a1a">5</text>
      <text x="144" y="66" font-size="9" text-anchor="end" fill="#1a1a1a">Skärholmen</text>
      <text x="154" y="66" font-size="9" fill="#1a1a1a">–</text>
      </svg>"
    `);
  });

  it('draws no bars when every figure is zero or hidden', () => {
    const svg = barChartSvg(
      [
        { label: 'A', value: 0 },
        { label: 'B', value: null },
      ],
      { title: 'T' },
    );
    expect(svg).not.toContain('<rect');
    expect(svg).toContain('>0</text>');
  });
});
