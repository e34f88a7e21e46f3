import { describe, expect, it } from 'vitest';
import { cellDate, cellText, closest } from '../../../src-main/core/import/cell-values';

describe('dates as people write them', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    ['05.03.2024', '2024-03-05'],
    ['5 mars 2024', '2024-03-05'],
    ['5 Mar 2024', '2024-03-05'],
    ['29/2/2024', '2024-02-29'],
  ])('%s is %s', (written, iso) => expect(cellDate(written)).toBe(iso));

  it.each(['31/13/2024', '29/2/2023', '2024-02-30', '5 mars', 'mars 2024', 'igår', '', '45356'])('%s is no date', (written) =>
    expect(cellDate(written)).toBeNull(),
  );

  it('reads Excel serial numbers and date cells', () => {
    expect(cellDate(45356)).toBe('2024-03-05');
    expect(cellDate(1)).toBe('1899-12-31');
    expect(cellDate(45356.5)).toBeNull();
    expect(cellDate(new Date('2024-03-05T00:00:00Z'))).toBe('2024-03-05');
  });
});

describe('text cells', () => {
  it('trims and collapses spaces', () => expect(cellText('  Per \t  Lind ')).toBe('Per Lind'));
  it('offers a close name and none for a far one', () => {
    expect(closest('Skarholmen', ['Skärholmen', 'Bromma'])).toBe('Skärholmen');
    expect(closest('Atlantis', ['Skärholmen', 'Bromma'])).toBeNull();
  });
});
