// Unit names that could make a spreadsheet run a formula or split a record, exported and opened
// with the real `komet export` and `komet open-export`, read back the way a spreadsheet set to a
// comma or to a semicolon (Swedish Excel) would read them. The names are written straight into
// the database: the contract now refuses control characters, but data stored before it did, or
// by another tool, must still export safely.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKomet } from '../helpers/cli';

const hostile = ["Farsta;=cmd|' /C calc'!A0;", 'Hägersten\nLiljeholmen', 'Kista, +SUM(1+1)', 'Spånga\t@A1', 'Bromma\r\n-2+3+cmd'];

let dir: string;
let db: string;

function komet(args: string[]) {
  return runKomet(args, { KOMET_DATA_DIR: path.join(dir, 'data') }, { cwd: dir, timeoutMs: 120_000 });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-csv-cells-'));
  db = path.join(dir, 'komet.db');
  const demo = komet(['demo', '--db', db, '--unencrypted', '--scale', '0.2', '--seed', '5', '--today', '2026-03-15']);
  expect(demo.code, demo.stderr).toBe(0);
  const sqlite = new Database(db);
  // The units with the most groups, so their names reach groups.csv and the aggregates.
  const busiest = sqlite
    .prepare<[number], { id: string }>('select unit_id as id from groups group by unit_id order by count(*) desc, unit_id limit ?')
    .all(hostile.length);
  const rename = sqlite.prepare('update units set name = ? where id = ?');
  busiest.forEach((u, i) => rename.run(hostile[i], u.id));
  sqlite.close();
}, 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const runsAsFormula = (cell: string) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell.replace(/^[ "]+/, '')) && !/^-?\d+(\.\d+)?$/.test(cell);
const parsedAs = (text: string, delimiter: string, quote: '"' | false): string[] =>
  (parse(text, { delimiter, quote, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][]).flat();
/**
 * Every cell a spreadsheet could see. Read with the other separator, a quoted field is cut inside
 * and may leave a quote open to the end of the file, which a spreadsheet then reads literally: so
 * the text is read both honouring quotes (when that reading closes) and as plain segments.
 */
function cellsAs(text: string, delimiter: string): string[] {
  const plain = parsedAs(text, delimiter, false);
  try {
    return [...parsedAs(text, delimiter, '"'), ...plain];
  } catch (err) {
    if (!/Quote Not Closed/.test(String(err))) throw err;
    return plain;
  }
}

describe('exported CSV cells', { timeout: 240_000 }, () => {
  it('open-export accepts the package, and no cell runs as a formula with either separator', () => {
    const key = komet(['keygen', '--out', 'key.txt']);
    expect(key.code, key.stderr).toBe(0);
    // Below k with a reason, so the unit names stay in the files rather than becoming areas.
    const exported = komet([
      'export',
      '--db',
      db,
      '--recipient',
      key.stdout.trim(),
      '--out',
      'fou.age',
      '--allow-below-k',
      '--reason',
      'Kontroll av cellskydd i CSV',
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    const opened = komet(['open-export', 'fou.age', '--identity', 'key.txt', '--out', 'opened']);
    expect(opened.code, opened.stderr).toBe(0);

    const out = path.join(dir, 'opened');
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: { name: string; rows?: number }[] };
    const seen = new Set<string>();
    for (const f of manifest.files.filter((x) => x.name.endsWith('.csv'))) {
      const text = fs.readFileSync(path.join(out, f.name), 'utf8');
      const records = parse(text, { columns: true }) as Record<string, string>[];
      expect(records, f.name).toHaveLength(f.rows!);
      for (const r of records) if (r.unit !== undefined) seen.add(r.unit);
      for (const delimiter of [',', ';']) expect(cellsAs(text, delimiter).filter(runsAsFormula), `${f.name} with "${delimiter}"`).toEqual([]);
    }
    expect(seen).toContain("Farsta;'=cmd|' /C calc'!A0;");
    expect(seen).toContain('Hägersten\nLiljeholmen');
  });
});
