import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../../src-main/core/export/package';
import type { Coarsening } from '../../../src-main/core/export/model';
import { META, TEST_KEY, makeSource, streamToBytes, unzipText } from './fixtures';

interface Field {
  name: string;
  type: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number; maximum?: number };
}
interface Resource {
  name: string;
  path: string;
  hash: string;
  bytes: number;
  schema: {
    fields: Field[];
    primaryKey: string[];
    missingValues: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

/** An independent reading of the Table Schema rules the package claims (Frictionless v1). */
function checkPackage(files: Record<string, string>): string[] {
  const problems: string[] = [];
  const descriptor = JSON.parse(files['datapackage.json']!) as { profile: string; resources: Resource[] };
  if (descriptor.profile !== 'tabular-data-package') problems.push('profile');
  const tables = new Map<string, Record<string, string>[]>();
  for (const r of descriptor.resources) {
    const text = files[r.path];
    if (text === undefined) {
      problems.push(`${r.path}: missing`);
      continue;
    }
    if (!text.endsWith('\r\n')) problems.push(`${r.path}: last record not terminated with CRLF`);
    const records = parse(text, { columns: false, bom: false }) as string[][];
    const header = records[0] ?? [];
    if (header.join(',') !== r.schema.fields.map((f) => f.name).join(',')) problems.push(`${r.path}: header ${header.join(',')}`);
    const rows = records.slice(1).map((rec) => Object.fromEntries(header.map((h, i) => [h, rec[i] ?? ''])));
    tables.set(r.name, rows);
    rows.forEach((row, n) => {
      for (const f of r.schema.fields) {
        const v = row[f.name]!;
        const c = f.constraints ?? {};
        const where = `${r.path} row ${n + 1} ${f.name}=${JSON.stringify(v)}`;
        if (r.schema.missingValues.includes(v)) {
          if (c.required) problems.push(`${where}: required`);
          continue;
        }
        if (f.type === 'integer' && !/^-?\d+$/.test(v)) problems.push(`${where}: not integer`);
        if (f.type === 'boolean' && ![...(f.trueValues ?? []), ...(f.falseValues ?? [])].includes(v)) problems.push(`${where}: not boolean`);
        if (f.type === 'yearmonth' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) problems.push(`${where}: not yearmonth`);
        if (c.enum && !c.enum.includes(v)) problems.push(`${where}: not in enum`);
        if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(v)) problems.push(`${where}: pattern`);
        if (c.minimum !== undefined && Number(v) < c.minimum) problems.push(`${where}: < minimum`);
        if (c.maximum !== undefined && Number(v) > c.maximum) problems.push(`${where}: > maximum`);
      }
    });
    const keys = rows.map((row) => r.schema.primaryKey.map((k) => row[k]).join('\u0000'));
    if (new Set(keys).size !== keys.length) problems.push(`${r.path}: primary key not unique`);
  }
  for (const r of descriptor.resources) {
    for (const fk of r.schema.foreignKeys ?? []) {
      const target = new Set((tables.get(fk.reference.resource) ?? []).map((row) => fk.reference.fields.map((k) => row[k]).join('\u0000')));
      for (const row of tables.get(r.name) ?? []) {
        const key = fk.fields.map((k) => row[k]).join('\u0000');
        if (!target.has(key)) problems.push(`${r.path}: foreign key ${fk.fields.join('+')} → ${fk.reference.resource} missing ${key}`);
      }
    }
  }
  return problems;
}

const variants: Coarsening[] = [
  { period: 'month', ageBands: false, dropUnit: false },
  { period: 'week', ageBands: true, dropUnit: false },
  { period: 'quarter', ageBands: true, dropUnit: true },
];

describe('datapackage.json describes every CSV exactly', () => {
  for (const coarsening of variants) {
    it(`holds for period=${coarsening.period} ageBands=${coarsening.ageBands} dropUnit=${coarsening.dropUnit}`, async () => {
      const built = buildPackage(makeSource({ groups: 9 }), { key: TEST_KEY, coarsening }, META);
      const files = unzipText(await streamToBytes(built.stream));
      expect(checkPackage(files)).toEqual([]);
      const resources = (JSON.parse(files['datapackage.json']!) as { resources: Resource[] }).resources;
      expect(resources.map((r) => r.path).sort()).toEqual(
        Object.keys(files)
          .filter((f) => f.endsWith('.csv'))
          .sort(),
      );
      for (const r of resources) expect(r.schema.fields.length).toBeGreaterThan(1);
    });
  }

  it('would notice a CSV that breaks its schema (the checker can fail)', async () => {
    const built = buildPackage(makeSource(), { key: TEST_KEY, coarsening: variants[0]! }, META);
    const files = unzipText(await streamToBytes(built.stream));
    const broken = { ...files, 'attendance.csv': `${files['attendance.csv']!}P-NOTAPARTICIPANT,G-X,99,sleeping\r\n` };
    const problems = checkPackage(broken);
    expect(problems.some((p) => p.includes('not in enum'))).toBe(true);
    expect(problems.some((p) => p.includes('foreign key'))).toBe(true);
    expect(problems.some((p) => p.includes('pattern'))).toBe(true);
    const duplicated = { ...files, 'groups.csv': files['groups.csv']! + files['groups.csv']!.split('\r\n')[1] + '\r\n' };
    expect(checkPackage(duplicated).some((p) => p.includes('primary key'))).toBe(true);
  });
});
