// The FoU export, checked from outside: the real `komet` CLI exports a demo database, the real
// `age` CLI decrypts the file and `unzip` unpacks it. Everything below is counted here from the
// CSV files and the manifest, never by calling the code that wrote them.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecryptWithIdentity, ageKeygen, ageMissingReason, requireTool } from '../helpers/age-cli';
import { runKomet } from '../helpers/cli';
import { attackAggregates, type Row } from './export-aggregate-attack';

const unzipMissing = spawnSync('sh', ['-c', 'command -v unzip'], { encoding: 'utf8' }).status === 0 ? null : 'unzip not found (apt-get install -y unzip)';
const haveTools = requireTool(ageMissingReason(), 'k-anonymity of the decrypted export') && requireTool(unzipMissing, 'k-anonymity of the decrypted export');

/** Columns of participants.csv an outsider could know; the manifest must declare exactly those present. */
const QUASI_IDENTIFIER_KINDS = ['unit', 'area', 'programme', 'start_period', 'relation', 'child_age', 'child_age_band', 'child_gender'];

interface Manifest {
  disclosure: {
    quasiIdentifiers: string[];
    belowKReason: string | null;
    kAnonymity: {
      k: number;
      reached: number | null;
      enforced: boolean;
      hidden: { relation: number; childAge: number; childGender: number };
      rowsWithheld: number;
    };
  };
}

type Package = { manifest: Manifest; participants: Row[]; groups: Row[]; sessions: Row[]; aggregates: Row[]; codebook: string; header: string[] };

let dir: string;
let files: Package;
/** The same data exported below k: units and months kept, every consenting row visible. */
let belowK: Package;

const readCsv = (file: string): Row[] => parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Row[];

function unpacked(name: string): Package {
  ageDecryptWithIdentity(path.join(dir, `${name}.age`), path.join(dir, 'key.txt'), path.join(dir, `${name}.zip`));
  execFileSync('unzip', ['-q', path.join(dir, `${name}.zip`), '-d', path.join(dir, name)]);
  const at = (file: string) => path.join(dir, name, file);
  return {
    manifest: JSON.parse(fs.readFileSync(at('manifest.json'), 'utf8')) as Manifest,
    participants: readCsv(at('participants.csv')),
    groups: readCsv(at('groups.csv')),
    sessions: readCsv(at('sessions.csv')),
    aggregates: readCsv(at('aggregates.csv')),
    codebook: fs.readFileSync(at('codebook.md'), 'utf8'),
    header: fs.readFileSync(at('participants.csv'), 'utf8').split('\r\n')[0]!.split(','),
  };
}

beforeAll(() => {
  if (!haveTools) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-k-anon-'));
  const db = path.join(dir, 'demo.db');
  const demo = runKomet(
    ['demo', '--db', db, '--unencrypted', '--scale', '1', '--today', '2026-11-01'],
    { KOMET_DATA_DIR: path.join(dir, 'data') },
    { timeoutMs: 240_000 },
  );
  expect(demo.code, demo.stderr).toBe(0);
  const recipient = ageKeygen(path.join(dir, 'key.txt'));
  const env = { KOMET_DATA_DIR: path.join(dir, 'data') };
  const run = runKomet(['export', '--db', db, '--recipient', recipient, '--out', path.join(dir, 'fou.age')], env, { timeoutMs: 240_000 });
  expect(run.code, run.stderr).toBe(0);
  files = unpacked('fou');
  const below = runKomet(
    ['export', '--db', db, '--recipient', recipient, '--out', path.join(dir, 'below.age'), '--allow-below-k', '--reason', 'Prov av sammanställningens skydd'],
    env,
    { timeoutMs: 240_000 },
  );
  expect(below.code, below.stderr).toBe(0);
  belowK = unpacked('below');
}, 600_000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveTools)('the default export of the scale-1 demo', { timeout: 120_000 }, () => {
  it('declares as quasi-identifiers exactly the identifying columns participants.csv holds', () => {
    const declared = files.manifest.disclosure.quasiIdentifiers;
    expect([...declared].sort()).toEqual(files.header.filter((c) => QUASI_IDENTIFIER_KINDS.includes(c)).sort());
    for (const column of ['programme', 'start_period', 'relation', 'child_gender']) expect(declared).toContain(column);
  });

  it('every participant row shares its quasi-identifiers with at least k − 1 other rows', () => {
    const { quasiIdentifiers, kAnonymity } = files.manifest.disclosure;
    expect(kAnonymity.k).toBe(5);
    expect(kAnonymity.enforced).toBe(true);
    expect(files.manifest.disclosure.belowKReason).toBeNull();
    // Hundreds of rows: the check is about the demo's real spread, not an empty file.
    expect(files.participants.length).toBeGreaterThan(500);
    const sizes = new Map<string, number>();
    for (const row of files.participants) {
      const key = JSON.stringify(quasiIdentifiers.map((c) => row[c]));
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    const smallest = Math.min(...sizes.values());
    expect(smallest).toBeGreaterThanOrEqual(kAnonymity.k);
    expect(kAnonymity.reached).toBe(smallest);
  });

  it('joining groups.csv through group_id tells nothing the row does not already say', () => {
    const groups = new Map(files.groups.map((g) => [g.group_id!, g]));
    const shared = ['unit', 'area', 'programme', 'start_period'].filter((c) => files.header.includes(c));
    expect(shared).toContain('programme');
    for (const row of files.participants) {
      const group = groups.get(row.group_id!)!;
      for (const column of shared) expect(group[column], column).toBe(row[column]);
    }
  });

  it('a hidden value cannot be read off another row of the same family or person', () => {
    const hiddenIn = (key: 'family_id' | 'participant_id', column: string) => {
      const seen = new Map<string, Set<boolean>>();
      for (const row of files.participants) {
        if (!(column in row)) continue;
        seen.set(row[key]!, (seen.get(row[key]!) ?? new Set()).add(row[column] === '*'));
      }
      return [...seen.values()].filter((s) => s.size > 1).length;
    };
    const ageColumn = files.header.find((c) => c === 'child_age' || c === 'child_age_band');
    if (ageColumn) expect(hiddenIn('family_id', ageColumn)).toBe(0);
    expect(hiddenIn('family_id', 'child_gender')).toBe(0);
    expect(hiddenIn('participant_id', 'relation')).toBe(0);
    // Families with more than one row exist, so the check above is not vacuous.
    const perFamily = new Map<string, number>();
    for (const row of files.participants) perFamily.set(row.family_id!, (perFamily.get(row.family_id!) ?? 0) + 1);
    expect([...perFamily.values()].some((n) => n > 1)).toBe(true);
  });

  it('the manifest counts the values it hid, and the codebook explains "*"', () => {
    const stars = (column: string) => files.participants.filter((r) => r[column] === '*').length;
    const { hidden } = files.manifest.disclosure.kAnonymity;
    const ageColumn = files.header.find((c) => c === 'child_age' || c === 'child_age_band');
    expect(stars('relation')).toBe(hidden.relation);
    expect(stars('child_gender')).toBe(hidden.childGender);
    expect(ageColumn ? stars(ageColumn) : 0).toBe(hidden.childAge);
    expect(files.codebook).toMatch(/betyder `\*` ett dolt värde/);
    expect(files.codebook).toMatch(/`\*` is a hidden value/);
  });

  it('no suppressed aggregate can be recomputed from the row files and the published totals', () => {
    const attack = attackAggregates(files);
    // The attack has something to work with: suppressed cells, and row files that bound them.
    expect(attack.suppressed).toBeGreaterThan(20);
    expect(attack.boundedByRows).toBeGreaterThan(0);
    expect(attack.recovered, JSON.stringify(attack.recovered.slice(0, 5))).toEqual([]);
  });

  it('nor when the export is made below k, with units, months and every consenting row in the files', () => {
    expect(belowK.manifest.disclosure.kAnonymity.enforced).toBe(false);
    expect(belowK.header).toContain('unit');
    const attack = attackAggregates(belowK);
    expect(attack.suppressed).toBeGreaterThan(20);
    expect(attack.boundedByRows).toBeGreaterThan(0);
    expect(attack.recovered, JSON.stringify(attack.recovered.slice(0, 5))).toEqual([]);
  });
});
