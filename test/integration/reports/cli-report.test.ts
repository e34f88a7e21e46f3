import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../../src-main/contract';
import { requireTool } from '../../helpers/age-cli';
import { startKomet } from '../../../src-main/app/komet-app';
import { runKomet } from '../../helpers/cli';
import { popplerMissingReason } from '../../helpers/poppler';

const komet = (args: string[]) => runKomet(args, { KOMET_PASSPHRASE: '' }, { timeoutMs: 120_000 });
// Skipped with a printed reason where poppler-utils is missing; under CI=true that is a failure.
const pdfTools = requireTool(popplerMissingReason(), 'PDF tests');

let dir: string;
let db: string;
let report: ActivityReport;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-cli-report-'));
  db = path.join(dir, 'komet.db');
  for (const args of [
    ['init', '--db', db, '--unencrypted'],
    // The report's periods are fixed in 2025, so the demo is laid out around a fixed day too: the
    // demo's groups start within about 1000 days before its day, none of them in 2025 once the
    // real today is past September 2028.
    ['demo', '--db', db, '--seed', '1', '--today', '2026-03-15'],
  ]) {
    const r = komet(args);
    expect(r.code, r.stderr).toBe(0);
  }
  const r = komet(['report', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31', '--json']);
  expect(r.code, r.stderr).toBe(0);
  report = JSON.parse(r.stdout) as ActivityReport;
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('komet report', { timeout: 180_000 }, () => {
  it('prints the report model whose group counts agree with the database counted directly', () => {
    const sqlite = new Database(db, { readonly: true });
    const started = sqlite
      .prepare(`select count(*) as n from groups where start_date between '2025-01-01' and '2025-12-31' and status <> 'cancelled'`)
      .get() as {
      n: number;
    };
    const enrolled = sqlite
      .prepare(
        `select count(*) as n from participants p join groups g on g.id = p.group_id where g.start_date between '2025-01-01' and '2025-12-31' and p.status <> 'moved'`,
      )
      .get() as { n: number };
    sqlite.close();
    expect(started.n).toBeGreaterThan(0);
    expect(report.current.groups.total.started).toBe(started.n);
    expect(report.current.parents.total.enrolled.value).toBe(enrolled.n);
    // Hidden figures are null with a reason, never a small number.
    const cells = report.current.parents.byUnit.flatMap((row) => [row.enrolled, row.started, row.completed, row.droppedOut, row.notStarted, row.families]);
    for (const c of cells) {
      expect(c.value === null ? c.hidden : 'shown').not.toBeNull();
      if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
    }
  });

  it.skipIf(!pdfTools)('writes a PDF with a title page, contents, page numbers and the headline figures in Swedish', () => {
    const file = path.join(dir, 'rapport.pdf');
    const r = komet(['report', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31', '--pdf', file]);
    expect(r.code, r.stderr).toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Verksamhetsrapport');
    expect(text).toContain('Innehåll');
    expect(text).toContain('Föräldrar som fullföljde');
    expect(text).toContain(`Sida ${pages} av ${pages}`);
    // The period and the creation date on every page but the title page's own header.
    expect(text.split('\f').filter((p) => p.trim() !== '' && p.includes('2025-01-01 – 2025-12-31')).length).toBe(pages);
    const enrolled = report.headlines.find((h) => h.key === 'parentsEnrolled')!.current.value;
    expect(text).toMatch(new RegExp(`Inskrivna föräldrar\\s+${enrolled}\\b`));
    for (const unit of report.current.groups.byUnit) expect(text).toContain(unit.label);
  });

  it.skipIf(!pdfTools)('writes the report in English on request', () => {
    const file = path.join(dir, 'report.pdf');
    expect(komet(['report', '--db', db, '--from', '2025-01-01', '--to', '2025-06-30', '--lang', 'en', '--pdf', file]).code).toBe(0);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Activity report');
    expect(text).toContain('Compared with: 2024-07-01 – 2024-12-31');
  });

  it('writes the tables as CSV files whose figures are the JSON model’s', () => {
    const folder = path.join(dir, 'tabeller');
    expect(komet(['report', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31', '--csv', folder]).code).toBe(0);
    const summary = fs.readFileSync(path.join(folder, 'summary.csv'), 'utf8').split('\r\n');
    expect(summary[0]).toBe('figure,current,current_hidden,previous,previous_hidden,change');
    const enrolled = report.headlines.find((h) => h.key === 'parentsEnrolled')!;
    expect(summary).toContain(
      `parentsEnrolled,${enrolled.current.value},,${enrolled.previous.value ?? ''},${enrolled.previous.hidden ?? ''},${enrolled.change ?? ''}`,
    );
    expect(fs.readdirSync(folder).sort()).toContain('parents_by_unit.csv');
  });

  it('writes the tables as an XLSX workbook whose figures are the JSON model’s, as numbers', async () => {
    const file = path.join(dir, 'tabeller.xlsx');
    const r = komet(['report', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31', '--xlsx', file]);
    expect(r.code, r.stderr).toBe(0);
    const summary = await readSheet(fs.readFileSync(file), 'summary');
    expect(summary[0]).toEqual(['figure', 'current', 'current_hidden', 'previous', 'previous_hidden', 'change']);
    const enrolled = report.headlines.find((h) => h.key === 'parentsEnrolled')!;
    expect(summary.find((row) => row[0] === 'parentsEnrolled')).toEqual([
      'parentsEnrolled',
      enrolled.current.value,
      enrolled.current.hidden,
      enrolled.previous.value,
      enrolled.previous.hidden,
      enrolled.change,
    ]);
    expect(typeof summary.find((row) => row[0] === 'groupsStarted')![1]).toBe('number');
  });

  it('reports a saved report by its id: its own period, title and language', async () => {
    // Saved in the app; the command line reads it.
    const app = startKomet({ databasePath: db, shell: 'test' });
    let id: string;
    try {
      const saved = await app.call('savedReports.save', {
        title: 'Hösten till nämnden',
        from: '2025-07-01',
        to: '2025-12-31',
        lang: 'en',
        sections: ['summary', 'groups'],
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      id = (saved.value as { id: string }).id;
    } finally {
      app.close();
    }
    const r = komet(['report', '--db', db, '--saved', id, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const fromSaved = JSON.parse(r.stdout) as ActivityReport;
    expect(fromSaved.saved).toMatchObject({ id, title: 'Hösten till nämnden', lang: 'en' });
    expect(fromSaved.current.period).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(komet(['report', '--db', db, '--saved', 'finns-inte', '--json']).code).not.toBe(0);
  });

  it('takes units by name and programmes by code as well as by id, and refuses one that does not exist', () => {
    const sqlite = new Database(db, { readonly: true });
    const unit = sqlite.prepare("select id, name from units where name like 'S%' order by name limit 1").get() as { id: string; name: string };
    const programme = sqlite.prepare('select id, code from programmes order by code limit 1').get() as { id: string; code: string };
    sqlite.close();
    const period = ['report', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31', '--json'];
    const figures = (args: string[]) => {
      const r = komet([...period, ...args]);
      expect(r.code, r.stderr).toBe(0);
      const { createdAt: _c, ...rest } = JSON.parse(r.stdout) as ActivityReport;
      return rest;
    };
    expect(figures(['--unit', unit.name.toUpperCase(), '--programme', programme.code])).toEqual(figures(['--unit', unit.id, '--programme', programme.id]));
    const unknown = komet([...period, '--unit', 'Enheten som inte finns']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('Det finns ingen enhet som heter "Enheten som inte finns". / There is no unit called');
    expect(komet([...period.slice(0, -1), '--programme', 'NOPE', '--json']).stderr).toContain('There is no programme with the code "NOPE".');
    // --out is the PDF's other name.
    const out = path.join(dir, 'enhet.pdf');
    expect(komet([...period.slice(0, -1), '--unit', unit.name, '--out', out]).code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses a period backwards or missing, and an output choice that is not one, in both languages', () => {
    const backwards = komet(['report', '--db', db, '--from', '2025-12-31', '--to', '2025-01-01', '--json']);
    expect(backwards.code).not.toBe(0);
    expect(backwards.stderr).toContain('Slutdatum kan inte vara före startdatum');
    const both = komet(['report', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31']);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('Give one of --pdf FILE, --json, --csv FOLDER or --xlsx FILE.');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a folder as --pdf or --xlsx, a file as --csv, and a folder that does not exist, in one line and leaving nothing behind', () => {
    const period = ['--db', db, '--from', '2025-01-01', '--to', '2025-12-31'];
    const folder = path.join(dir, 'out-folder');
    fs.mkdirSync(folder);
    const aFile = path.join(dir, 'a-file.txt');
    fs.writeFileSync(aFile, 'kept');
    const cases: [string[], RegExp][] = [
      [['--pdf', folder], /är en mapp.*is a folder/],
      [['--xlsx', folder], /är en mapp.*is a folder/],
      [['--csv', aFile], /är en fil, inte en mapp.*is a file, not a folder/],
      [['--pdf', path.join(dir, 'no-such-folder', 'r.pdf')], /gick inte att skriva.*could not be written/],
    ];
    for (const [output, message] of cases) {
      const r = komet(['report', ...period, ...output]);
      expect(r.code, output.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(fs.readFileSync(aFile, 'utf8')).toBe('kept');
    expect(fs.existsSync(path.join(dir, 'no-such-folder'))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to write over an existing file, or any of the CSV files already in the folder, unless --replace is given', async () => {
    const period = ['--db', db, '--from', '2025-01-01', '--to', '2025-12-31'];
    const old = path.join(dir, 'last-month.xlsx');
    fs.writeFileSync(old, 'last month');
    const refused = komet(['report', ...period, '--xlsx', old]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/finns redan.*--replace.*already exists.*--replace/);
    expect(fs.readFileSync(old, 'utf8')).toBe('last month');

    // One CSV file of the report's already in the folder: nothing is written, not even the others.
    const folder = path.join(dir, 'csv-kept');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'leaders.csv'), 'kept');
    const csvRefused = komet(['report', ...period, '--csv', folder]);
    expect(csvRefused.code).toBe(1);
    expect(csvRefused.stderr).toMatch(/leaders\.csv finns redan/);
    expect(fs.readdirSync(folder)).toEqual(['leaders.csv']);
    expect(fs.readFileSync(path.join(folder, 'leaders.csv'), 'utf8')).toBe('kept');

    const replaced = komet(['report', ...period, '--xlsx', old, '--replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect((await readSheet(fs.readFileSync(old), 'summary'))[0]![0]).toBe('figure');
    const csvReplaced = komet(['report', ...period, '--csv', folder, '--replace']);
    expect(csvReplaced.code, csvReplaced.stderr).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'leaders.csv'), 'utf8')).not.toBe('kept');
    expect(fs.readdirSync(folder)).toContain('summary.csv');
  });
});
