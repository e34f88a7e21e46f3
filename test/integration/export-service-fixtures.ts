import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import type { ProcedureOutput } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';

/** A day after every demo group of the chosen window has ended, so statuses are settled. */
export const exportNow = '2025-06-30T10:00:00.000Z';

/** A small but complete demo database (groups, sessions, participants, marks, fidelity). */
export function demoApp(scale = 0.25): TestApp {
  const t = createTestApp({ now: exportNow });
  addDemoData(t.app.db, { scale, seed: 7, today: '2025-06-15' });
  return t;
}

export async function keyPair(t: TestApp, dir: string, name = 'key.txt'): Promise<ProcedureOutput<'export.keygen'>> {
  return t.ok('export.keygen', { outPath: path.join(dir, name) });
}

export const csvRows = (file: string): Record<string, string>[] => parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: false });

/** Every file below dir, for "nothing left behind" checks. */
export function listAll(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

type Count = { n: number };

/** What the database holds for the package's row-level files (all groups in scope). */
export function expectedCounts(t: TestApp): Record<string, number> {
  const db = t.app.db.sqlite;
  const n = (sql: string) => (db.prepare(sql).get() as Count).n;
  const fidelity = db.prepare('select components from fidelity_records').all() as { components: string }[];
  return {
    'groups.csv': n('select count(*) as n from groups'),
    'sessions.csv': n('select count(*) as n from sessions'),
    'participants.csv': n(`select count(*) as n from (select distinct person_id, group_id from participants where consent = 'yes')`),
    'attendance.csv': n(`select count(*) as n from attendance a join participants p on p.id = a.participant_id where p.consent = 'yes'`),
    'fidelity.csv': fidelity.reduce((sum, r) => sum + (JSON.parse(r.components) as unknown[]).length, 0),
    'leaders.csv': n('select count(*) as n from group_leaders') + n('select count(*) as n from groups where supervisor_id is not null'),
  };
}
