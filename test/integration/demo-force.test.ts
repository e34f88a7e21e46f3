// `komet demo --force` adds demo data beside what is there. Ids are drawn from the seed, so the
// same seed again cannot be added: that is a clear refusal with nothing written, not a crash.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKomet } from '../helpers/cli';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-demo-force-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const groups = (db: string) => {
  const r = runKomet(['stats', '--db', db, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { groups: number }).groups;
};

describe('komet demo --force', { timeout: 180_000 }, () => {
  it('refuses the same seed again in one clear line and adds nothing; another seed is added', () => {
    const db = path.join(dir, 'komet.db');
    const demo = (seed: string, force: boolean) =>
      runKomet(['demo', '--db', db, '--unencrypted', '--scale', '0.1', '--seed', seed, '--today', '2026-03-15', ...(force ? ['--force'] : [])]);
    expect(demo('3', false).code).toBe(0);
    const first = groups(db);

    const again = demo('3', true);
    expect(again.code).toBe(1);
    const lines = again.stderr.trim().split('\n');
    expect(lines, again.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^komet: Databasen har redan demodata från samma frö.* \/ The database already holds demo data from the same seed/);
    expect(groups(db)).toBe(first);

    expect(demo('4', true).code).toBe(0);
    expect(groups(db)).toBe(first * 2);
  });
});
