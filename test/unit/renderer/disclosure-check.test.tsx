import { describe, expect, it } from 'vitest';
import type { ProcedureOutput } from '@contract';
import { DisclosureCheck } from '../../../src-renderer/features/export/DisclosureCheck';
import { render } from './render';

type Result = ProcedureOutput<'export.preview'>['disclosure'];
const detail = { period: 'month', childAge: 'exact', unit: 'unit' } as const;
const result = (over: Partial<Result>): Result => ({
  k: 5,
  rows: 12,
  enforced: true,
  quasiIdentifiers: ['unit', 'programme', 'start_period', 'relation', 'child_age', 'child_gender'],
  requested: detail,
  generalisation: detail,
  before: { smallestClass: 1, classesBelowK: 2, rowsBelowK: 3, reachesK: false },
  after: { smallestClass: 5, classesBelowK: 0, rowsBelowK: 0, reachesK: true },
  reached: 5,
  hidden: { relation: 0, childAge: 2, childGender: 1 },
  rowsWithHiddenValues: 2,
  rowsWithheld: 0,
  suppression: { min: 1, max: 4, primarySuppressed: 0, secondarySuppressed: 0, publishedAsInRows: 0 },
  ...over,
});
const text = (r: Result) => render(<DisclosureCheck result={r} />).replace(/<[^>]+>/g, ' ');

describe('the disclosure check in words', () => {
  it('does not say nothing was needed right after saying rows fell short: it says what did the work instead', () => {
    const html = text(result({}));
    expect(html).toContain('skulle 3 av 12 deltagarrader dela sina kännetecken med färre än k − 1 andra');
    expect(html).not.toMatch(/behövdes/);
    expect(html).toMatch(/Detaljnivån är kvar som du valde \(.*\); skyddet nås i stället genom att dölja värden\./);
    expect(text(result({ rowsWithheld: 2 }))).toMatch(/genom att dölja värden och lämna rader utanför\./);
  });

  it('says no generalisation was needed when every row already reached k', () => {
    const html = text(
      result({ before: { smallestClass: 6, classesBelowK: 0, rowsBelowK: 0, reachesK: true }, hidden: { relation: 0, childAge: 0, childGender: 0 } }),
    );
    expect(html).toContain('Ingen generalisering utöver dina val behövdes');
  });

  it('when no row can reach k, advises the safer choices first and export below k only with the conditions it has', () => {
    const html = text(result({ rowsWithheld: 12, reached: null }));
    expect(html).toMatch(/Välj ett större urval eller en grövre detaljnivå/);
    expect(html).toMatch(/Exportera under k bara om mottagaren verkligen behöver de exakta uppgifterna och har rätt att få dem/);
  });
});
