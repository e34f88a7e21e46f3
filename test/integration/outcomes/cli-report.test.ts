import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKomet } from '../../helpers/cli';
import { createTestApp, makeTempDir } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';

const komet = (args: string[]) => runKomet(args, { KOMET_PASSPHRASE: '' }, { timeoutMs: 120_000 });

let dir: string;
let db: string;

/** t1, t3 and t4 answered x, t2 answered 3 (reversed 3): the sum scale is 3x + 3. */
const answers = (x: number) => ({ t1: x, t2: 3, t3: x, t4: x });

// Spring: a group from 2025-03-03, six parents, pre x = 1, 2, 3, 4, 1, 2 and post x + 1 for the first five
// (one dropout without post). Autumn: a group from 2025-09-01, two parents with pre only.
beforeAll(async () => {
  dir = makeTempDir('komet-cli-outcomes-report-');
  const t = createTestApp({ dir, now: '2025-10-01T10:00:00.000Z' });
  db = t.app.databasePath;
  await importTrivsel(t);
  const spring = await groupWith(t, 4);
  const autumn = await groupWith(t, 4, { startDate: '2025-09-01' });
  for (const { setup } of [spring, autumn])
    for (const timepoint of ['pre', 'post'])
      await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
  const record = (participantId: string, timepoint: string, x: number) =>
    t.ok('responses.record', { participantId, instrument: 'TRIVSEL', timepoint, date: '2025-03-01', enteredBy: 'Anna Lind', answers: answers(x) });
  for (const [i, x] of [1, 2, 3, 4, 1, 2].entries()) {
    const p = await addParticipant(t, spring.group.id);
    await record(p.id, 'pre', x);
    if (i < 5) await record(p.id, 'post', x + 1);
  }
  for (const x of [2, 4]) {
    const p = await addParticipant(t, autumn.group.id, { enrolmentDate: '2025-08-20', consentDate: '2025-08-20' });
    await record(p.id, 'pre', x);
  }
  // The test app's close() removes its folder; the CLI needs the file, so only the database closes.
  t.app.close();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Report {
  from: string | null;
  to: string | null;
  instruments: {
    instrument: string;
    responseRates: { timepoint: string; due: number; returned: number; rate: number | null; suppressed: boolean }[];
    levels: { scale: string; timepoint: string; n: number; mean: number | null; sd: number | null; ciLow: number | null; ciHigh: number | null }[];
    changes: {
      scale: string;
      timepoint: string;
      n: number;
      meanChange: number | null;
      sd: number | null;
      ciLow: number | null;
      ciHigh: number | null;
      dz: number | null;
    }[];
  }[];
}

const report = (...args: string[]): Report => {
  const r = komet(['outcomes', 'report', '--db', db, '--json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
};

describe('komet outcomes report', { timeout: 600_000 }, () => {
  it('gives every instrument with results for the groups that started in the period', () => {
    const spring = report('--from', '2025-01-01', '--to', '2025-06-30');
    expect(spring.from).toBe('2025-01-01');
    expect(spring.to).toBe('2025-06-30');
    expect(spring.instruments.map((i) => i.instrument)).toEqual(['TRIVSEL']);
    const trivsel = spring.instruments[0]!;
    // Six enrolled, all due at both points (the dropout too): six returned pre, five post.
    expect(trivsel.responseRates).toEqual([
      { timepoint: 'pre', due: 6, returned: 6, rate: 1, suppressed: false },
      { timepoint: 'post', due: 6, returned: 5, rate: 5 / 6, suppressed: false },
    ]);
    // Pre sums 6, 9, 12, 15, 6, 9: mean 9.5, squared deviations 12.25 + 0.25 + 6.25 + 30.25 + 12.25 + 0.25 = 61.5, variance 61.5 / 5.
    // t(0.975, 5) = 2.5706 from a t table.
    const pre = trivsel.levels.find((l) => l.scale === 'sum' && l.timepoint === 'pre')!;
    const half = (2.5706 * Math.sqrt(61.5 / 5)) / Math.sqrt(6);
    expect(pre.n).toBe(6);
    expect(pre.mean).toBeCloseTo(9.5, 10);
    expect(pre.sd).toBeCloseTo(Math.sqrt(61.5 / 5), 10);
    expect(pre.ciLow).toBeCloseTo(9.5 - half, 3);
    expect(pre.ciHigh).toBeCloseTo(9.5 + half, 3);
    // Every paired change is +3 on the sum: mean 3, SD 0, an interval of width 0 and no standardised size.
    const change = trivsel.changes.find((c) => c.scale === 'sum')!;
    expect(change).toMatchObject({ timepoint: 'post', n: 5, meanChange: 3, sd: 0, ciLow: 3, ciHigh: 3, dz: null });
  });

  it('narrows to the later cohort, withholding what fewer than five gave', () => {
    const autumn = report('--from', '2025-07-01');
    const trivsel = autumn.instruments[0]!;
    expect(autumn.to).toBeNull();
    expect(trivsel.levels.find((l) => l.scale === 'sum' && l.timepoint === 'pre')).toMatchObject({ n: 2, mean: null, sd: null, ciLow: null, ciHigh: null });
    expect(trivsel.responseRates.find((r) => r.timepoint === 'pre')).toEqual({ timepoint: 'pre', due: 2, returned: 2, rate: null, suppressed: true });
    expect(report('--from', '2026-01-01').instruments).toEqual([]);
  });

  it('prints a readable table without --json, and documents itself', () => {
    const text = komet(['outcomes', 'report', '--db', db, '--to', '2025-06-30']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('TRIVSEL');
    expect(text.stdout).toMatch(/svar\/returned post\s+5\/6/);
    const help = komet(['outcomes', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('komet outcomes report');
  });

  it('refuses a period that ends before it starts, a malformed date, and flags of the other subcommand', () => {
    const backwards = komet(['outcomes', 'report', '--db', db, '--from', '2025-06-30', '--to', '2025-01-01']);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('to: Slutdatum kan inte vara före startdatum.');
    const malformed = komet(['outcomes', 'report', '--db', db, '--from', '2025-02-30']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('from:');
    const wrongFlag = komet(['outcomes', 'report', '--db', db, '--on', '2025-01-01']);
    expect(wrongFlag.code).toBe(2);
    expect(wrongFlag.stderr).toContain('--on does not belong to "outcomes report"');
  });
});
