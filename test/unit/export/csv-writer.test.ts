import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords, excelCsvRecords, neutraliseCell } from '../../../src-main/core/export/csv';
import type { Cell } from '../../../src-main/core/export/table-def';

/**
 * The export writes its records with its own field loop, not csv-stringify's per-field machinery;
 * these tests hold it to csv-stringify itself, called here with the options the codebook
 * documents (CRLF, quote on , ; " CR LF, neutralise text cells), on cells of every kind the
 * tables write and on random text built from the characters that matter.
 */

const reference = (rows: Cell[][], delimiter: ',' | ';') =>
  stringify(rows, { record_delimiter: 'windows', quoted_match: /[,;"\r\n]/, cast: { string: neutraliseCell }, delimiter });

/** Deterministic random numbers (mulberry32), so a failure repeats. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every character the quoting or the neutralising looks at, and some that they must leave alone.
const ALPHABET = [...'aZ09_.-=+@ ,;"\t\r\n*\'', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', 'å', 'Ö', '€', '😀'];

describe('the CSV writer', () => {
  it('writes the same text as csv-stringify for the cells the tables hold', () => {
    const rows: Cell[][] = [
      ['P-ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'G-234567ABCDEFGHIJKLMNOPQR', 3, 'present'],
      ['2024-W05', '2024-05', '2024-Q2', '2024-H1', '2024', null, 0, -3, 1.25, 1e21, Number.NaN],
      ['', ' ', '*', 'Farsta', 'Kista - Rinkeby', 'Hägersten-Liljeholmen', '-2', '=1+1', '+46 70', '@A1'],
      ["Farsta;=cmd|' /C calc'!A0;", 'Hägersten\nLiljeholmen', 'Kista, +SUM(1+1)', 'Spånga\t@A1', 'Skärholmen\r\n-2+3+cmd'],
      ['Bromma; "=HYPERLINK(""http://x"")"', '"quoted"', ' "=x"', '\t', '\r', 'a\tb', 'a\t-b', '＝1', 'x－1'],
      [],
      [null],
      [''],
    ];
    for (const delimiter of [',', ';'] as const) {
      const written = delimiter === ',' ? csvRecords(rows) : excelCsvRecords(rows);
      expect(written).toBe(reference(rows, delimiter));
    }
  });

  it('writes the same text as csv-stringify for random text made of the characters that matter', () => {
    const next = random(17);
    const rows: Cell[][] = [];
    for (let r = 0; r < 4000; r++) {
      const row: Cell[] = [];
      const cells = 1 + Math.floor(next() * 6);
      for (let c = 0; c < cells; c++) {
        const kind = next();
        if (kind < 0.1) row.push(null);
        else if (kind < 0.2) row.push(Math.round((next() - 0.5) * 1000) / (next() < 0.5 ? 1 : 8));
        else {
          let text = '';
          const length = Math.floor(next() * 8);
          for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
          row.push(text);
        }
      }
      rows.push(row);
    }
    expect(csvRecords(rows)).toBe(reference(rows, ','));
    expect(excelCsvRecords(rows)).toBe(reference(rows, ';'));
  });
});
