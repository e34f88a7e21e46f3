import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKomet } from '../../helpers/cli';
import { createTestApp, makeTempDir } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';
import { trivsel } from './fixtures';

const komet = (args: string[]) => runKomet(args, { KOMET_PASSPHRASE: '' }, { timeoutMs: 120_000 });

let dir: string;
let db: string;
let a: string;
let b: string;
let groupId: string;
const dass = Array.from({ length: 21 }, (_, i) => `dass_${String(i + 1).padStart(2, '0')}`);
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

// A group of four weekly sessions, 2025-03-03 to 2025-03-24; DASS-21 scheduled before and after.
beforeAll(async () => {
  dir = makeTempDir('komet-cli-outcomes-');
  const t = createTestApp({ dir });
  db = t.app.databasePath;
  const { setup, group } = await groupWith(t, 4);
  groupId = group.id;
  a = (await addParticipant(t, group.id)).id;
  b = (await addParticipant(t, group.id)).id;
  for (const timepoint of ['pre', 'post'] as const)
    await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'DASS-21', respondent: 'parent', timepoint });
  await t.ok('outcomes.setStatus', { participantId: b, timepoint: 'post', status: 'declined' });
  // The test app's close() removes its folder; the CLI needs the file, so only the database closes.
  t.app.close();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('komet instruments, outcomes, responses and scores', { timeout: 600_000 }, () => {
  it('imports a definition once, refuses a broken one with its path, and lists the library', () => {
    const ok = file('trivsel.json', JSON.stringify(trivsel()));
    const first = komet(['instruments', 'import', ok, '--db', db, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).created).toBe(true);
    const again = komet(['instruments', 'import', ok, '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Already there, unchanged: TRIVSEL version 1');

    const broken = trivsel();
    (broken.items as { min: number }[])[2]!.min = 9;
    const bad = komet(['instruments', 'import', file('broken.json', JSON.stringify(broken)), '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('items.2.min');

    const list = komet(['instruments', 'list', '--db', db, '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { code: string; version: string; source: string }[]).map((i) => [i.code, i.version, i.source])).toEqual([
      ['DASS-21', '1', 'shipped'],
      ['ECBI', '1', 'shipped'],
      ['SDQ-P', '1', 'shipped'],
      ['TRIVSEL', '1', 'imported'],
    ]);
  });

  it('lists what is due, imports responses after a dry run, clears them from the list and shows their scores', () => {
    const due = (on: string) => {
      const r = komet(['outcomes', 'due', '--db', db, '--on', on, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as unknown[];
    };
    const sort = (rows: unknown[]) =>
      (rows as { participantId: string; timepoint: string }[]).sort((x, y) => (x.participantId + x.timepoint < y.participantId + y.timepoint ? -1 : 1));
    expect(due('2025-02-02')).toEqual([]);
    // b declined post; pre closed on the first session and is overdue, post opened on the last.
    expect(sort(due('2025-03-24'))).toEqual(
      sort([
        { participantId: a, groupId, instrument: 'DASS-21', timepoint: 'pre', dueFrom: '2025-02-03', dueTo: '2025-03-03', status: 'overdue' },
        { participantId: a, groupId, instrument: 'DASS-21', timepoint: 'post', dueFrom: '2025-03-24', dueTo: '2025-05-19', status: 'due' },
        { participantId: b, groupId, instrument: 'DASS-21', timepoint: 'pre', dueFrom: '2025-02-03', dueTo: '2025-03-03', status: 'overdue' },
      ]),
    );

    // Every item 1 except dass_01 (stress) 3: depression and anxiety 7 × 1 × 2 = 14, stress (3 + 6) × 2 = 18.
    const answers = dass.map((c) => (c === 'dass_01' ? '3' : '1'));
    const csv = file(
      'responses.csv',
      [`participant_id,instrument,timepoint,date,${dass.join(',')}`, `${a},DASS-21,pre,2025-03-01,${answers.join(',')}`].join('\n'),
    );
    const dry = komet(['responses', 'import', csv, '--db', db, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ dryRun: true, rows: 1, imported: 0, errors: [] });
    expect(due('2025-03-24')).toHaveLength(3);

    const faulty = file('faulty.csv', [`participant_id,instrument,timepoint,date,dass_01`, `${b},DASS-21,pre,2025-03-01,4`].join('\n'));
    const refused = komet(['responses', 'import', faulty, '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).errors).toEqual([
      { row: 2, column: 'dass_01', message: { sv: 'Svaret "4" ska vara ett heltal från 0 till 3.', en: 'The answer "4" must be a whole number from 0 to 3.' } },
    ]);

    const real = komet(['responses', 'import', csv, '--db', db, '--json']);
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout)).toEqual({ dryRun: false, rows: 1, imported: 1, errors: [] });
    expect(sort(due('2025-03-24'))).toEqual(
      sort([
        { participantId: a, groupId, instrument: 'DASS-21', timepoint: 'post', dueFrom: '2025-03-24', dueTo: '2025-05-19', status: 'due' },
        { participantId: b, groupId, instrument: 'DASS-21', timepoint: 'pre', dueFrom: '2025-02-03', dueTo: '2025-03-03', status: 'overdue' },
      ]),
    );

    const scores = komet(['scores', '--db', db, '--json']);
    expect(scores.code, scores.stderr).toBe(0);
    expect(JSON.parse(scores.stdout)).toEqual([
      { participantId: a, instrument: 'DASS-21', version: '1', timepoint: 'pre', scale: 'depression', score: 14, band: null },
      { participantId: a, instrument: 'DASS-21', version: '1', timepoint: 'pre', scale: 'anxiety', score: 14, band: null },
      { participantId: a, instrument: 'DASS-21', version: '1', timepoint: 'pre', scale: 'stress', score: 18, band: null },
    ]);
  });

  it('refuses unknown subcommands, missing files and a missing database', () => {
    const sub = komet(['outcomes', 'later', '--db', db]);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('Unknown subcommand "later"');
    const missing = komet(['responses', 'import', path.join(dir, 'nope.csv'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The file does not exist');
    const noDb = komet(['scores', '--db', path.join(dir, 'none.db')]);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('The database does not exist');
    const badDate = komet(['outcomes', 'due', '--db', db, '--on', '2025-13-01']);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('on:');
  });
});
