import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';
import { id as idSchema } from '../../../src-main/contract/schemas/common';

const apps: TestApp[] = [];
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

async function setup() {
  const t = createTestApp();
  apps.push(t);
  await importTrivsel(t);
  const { setup: s, group } = await groupWith(t, 4);
  await t.ok('outcomeSchedules.add', { programmeId: s.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint: 'fu6', windowDays: 30 });
  const a = await addParticipant(t, group.id);
  const b = await addParticipant(t, group.id);
  return { t, a: a.id, b: b.id };
}

const importCsv = (t: TestApp, text: string, dryRun = false) => t.ok('responses.import', { text, dryRun, enteredBy: 'test' });
const stored = (t: TestApp) =>
  t.app.db.sqlite
    .prepare('select participant_id as p, timepoint, instrument_version as v, answers from outcome_responses order by timepoint, participant_id')
    .all();

describe('importing responses from CSV', () => {
  it('writes every row with its scores, blanks as missing, the latest version unless the file names one', async () => {
    const { t, a, b } = await setup();
    await importTrivsel(t, { version: '2', name: { sv: 'Trivsel 2', en: 'Satisfaction 2' } });
    const csv = [
      'participant_id,instrument,timepoint,date,version,t1,t2,t3,t4',
      `${a},TRIVSEL,pre,2025-03-01,,4,2,,3`,
      `${b},TRIVSEL,pre,2025-03-01,1,5,5,5,5`,
      `${a},TRIVSEL,fu6,2025-11-20,,1,1,1,1`,
    ].join('\n');
    expect(await importCsv(t, csv)).toEqual({ dryRun: false, rows: 3, imported: 3, errors: [] });
    expect(stored(t)).toEqual(
      [
        { p: a, timepoint: 'fu6', v: '2', answers: '{"t1":1,"t2":1,"t3":1,"t4":1}' },
        { p: a, timepoint: 'pre', v: '2', answers: '{"t1":4,"t2":2,"t3":null,"t4":3}' },
        { p: b, timepoint: 'pre', v: '1', answers: '{"t1":5,"t2":5,"t3":5,"t4":5}' },
      ].sort((x, y) => (x.timepoint + x.p < y.timepoint + y.p ? -1 : 1)),
    );
    // b: 5, 5 reversed to 1, 5, 5: mean 16/4 = 4, sum 16.
    const scores = (await t.ok('scores.list', { participantId: b })).map((s) => [s.scale, s.score]);
    expect(scores).toEqual([
      ['mean', 4],
      ['sum', 16],
    ]);
  });

  it('checks everything on a dry run and writes nothing', async () => {
    const { t, a } = await setup();
    const before = t.snapshot();
    const result = await importCsv(t, `participant_id,instrument,timepoint,date,t1\n${a},TRIVSEL,pre,2025-03-01,4\n`, true);
    expect(result).toEqual({ dryRun: true, rows: 1, imported: 0, errors: [] });
    expect(t.snapshot()).toBe(before);
  });

  it('reports every faulty row with its row and column, and writes none of the file', async () => {
    const { t, a, b } = await setup();
    await t.ok('responses.record', { participantId: b, instrument: 'TRIVSEL', timepoint: 'post', date: '2025-04-01', enteredBy: 'x', answers: { t1: 1 } });
    const before = t.snapshot();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const csv = [
      'participant_id,instrument,timepoint,date,version,t1,t2,t3,t4,x9',
      `${a},TRIVSEL,pre,2025-03-01,,4,2,,3,`, // row 2: fine
      `${unknown},TRIVSEL,pre,2025-03-01,,1,1,1,1,`, // row 3
      `${a},NOPE,pre,2025-03-01,,1,1,1,1,`, // row 4
      `${a},TRIVSEL,post,2025-03-01,7,1,1,1,1,`, // row 5
      `${a},TRIVSEL,fu12,2025-03-01,,1,1,1,1,`, // row 6
      `${a},TRIVSEL,mid,2025-03-01,,1,1,1,1,`, // row 7
      `${a},TRIVSEL,post,2025-02-30,,6,0,x,=1+1,`, // row 8
      `${a},TRIVSEL,fu6,2025-03-01,,1,1,1,1,2`, // row 9
      `${b},TRIVSEL,post,2025-03-01,,1,1,1,1,`, // row 10
      `${a},TRIVSEL,pre,2025-03-02,,1,1,1,1,`, // row 11: same as row 2
    ].join('\n');
    const result = await importCsv(t, csv);
    expect(result.imported).toBe(0);
    expect(result.rows).toBe(10);
    expect(result.errors.map((e) => [e.row, e.column, e.message.en])).toEqual([
      [3, 'participant_id', `There is no participant with the id ${unknown}.`],
      [4, 'instrument', 'There is no instrument NOPE.'],
      [5, 'version', 'TRIVSEL has no version 7.'],
      [6, 'timepoint', "The participant's programme has no follow-up fu12."],
      [7, 'timepoint', 'Unknown time point "mid": give pre, post or fu followed by months.'],
      [8, 'date', 'The date "2025-02-30" is not a date YYYY-MM-DD.'],
      [8, 't1', 'The answer "6" must be a whole number from 1 to 5.'],
      [8, 't2', 'The answer "0" must be a whole number from 1 to 5.'],
      [8, 't3', 'The answer "x" must be a whole number from 1 to 5.'],
      [8, 't4', 'The answer "=1+1" must be a whole number from 1 to 5.'],
      [9, 'x9', 'TRIVSEL has no item x9.'],
      [10, null, 'The participant already has answers to TRIVSEL at post.'],
      [11, null, 'The same participant, instrument and time point are already on row 2.'],
    ]);
    expect(t.snapshot()).toBe(before);
  });

  it('gives imported responses distinct ids the app’s id schema accepts, with their scores stored under them', async () => {
    const { t, a, b } = await setup();
    const csv = [
      'participant_id,instrument,timepoint,date,t1',
      `${a},TRIVSEL,pre,2025-03-01,4`,
      `${b},TRIVSEL,pre,2025-03-01,5`,
      `${a},TRIVSEL,fu6,2025-11-20,1`,
    ].join('\n');
    await importCsv(t, csv);
    const ids = t.app.db.sqlite.prepare('select id from outcome_responses').pluck().all() as string[];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(idSchema.safeParse(id).success).toBe(true);
    const scores = t.app.db.sqlite.prepare('select count(*) from outcome_scores where response_id = ?').pluck();
    expect(scores.get(ids[0])).toBe(2);
  });

  it('refuses what is not a response file, writing nothing', async () => {
    const { t, a } = await setup();
    const before = t.snapshot();
    const refused = async (text: string) => {
      const error = await t.fail('responses.import', { text, dryRun: false, enteredBy: 'test' });
      expect(error.code).toBe('validation');
      return error.message.en;
    };
    expect(await refused('')).toBe('The file is empty.');
    expect(await refused('participant_id,instrument,date,t1\n')).toBe('Columns are missing: timepoint.');
    expect(await refused('participant_id,instrument,timepoint,date,t1,t1\n')).toBe('The column t1 appears twice.');
    expect(await refused(`participant_id,instrument,timepoint,date,t1\n${a},TRIVSEL,pre,2025-03-01\n`)).toMatch(/could not be read as CSV/);
    expect(await refused(`participant_id,instrument,timepoint,date,t1\n"${a},TRIVSEL,pre,2025-03-01,1\n`)).toMatch(/could not be read as CSV/);
    expect(t.snapshot()).toBe(before);
  });

  it('reads a spreadsheet’s UTF-8 file with a byte order mark and CRLF line ends', async () => {
    const { t, a } = await setup();
    const result = await importCsv(t, `\uFEFFparticipant_id,instrument,timepoint,date,t1\r\n${a},TRIVSEL,pre,2025-03-01,3\r\n`);
    expect(result).toEqual({ dryRun: false, rows: 1, imported: 1, errors: [] });
  });
});

describe('the cells an import adds', () => {
  it('find the new responses’ scores and pairs through the covering indexes, never by reading a table whole', async () => {
    const { t, a, b } = await setup();
    const sqlite = t.app.db.sqlite;
    const sources: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    // The statements the repository prepares during the import, as it prepares them.
    sqlite.prepare = ((source: string) => {
      sources.push(source);
      return prepare(source);
    }) as typeof sqlite.prepare;
    const csv = ['participant_id,instrument,timepoint,date,t1,t2,t3,t4', `${a},TRIVSEL,pre,2025-03-01,4,2,1,3`, `${b},TRIVSEL,fu6,2025-11-20,1,1,1,1`].join(
      '\n',
    );
    try {
      expect(await importCsv(t, csv)).toMatchObject({ imported: 2, errors: [] });
    } finally {
      delete (sqlite as { prepare?: unknown }).prepare;
    }
    const reads = sources.filter((s) => /insert into temp\.imported_(scores|pairs)/.test(s));
    expect(reads).toHaveLength(2);
    const details = reads.flatMap((s) => (sqlite.prepare(`explain query plan ${s}`).all() as { detail: string }[]).map((r) => r.detail));
    expect(details.filter((d) => /^SCAN (?!c$)/.test(d))).toEqual([]);
    expect([...new Set(details.filter((d) => /^SEARCH (x|xa|xb|a|b) /.test(d)))].sort()).toEqual([
      'SEARCH a USING INDEX outcome_responses_point_unique (participant_id=? AND instrument_code=?)',
      'SEARCH b USING COVERING INDEX outcome_responses_timepoint_idx (participant_id=? AND timepoint=? AND instrument_code=?)',
      'SEARCH x USING COVERING INDEX outcome_scores_response_score_idx (response_id=?)',
      'SEARCH xa USING COVERING INDEX outcome_scores_response_score_idx (response_id=?)',
      'SEARCH xb USING COVERING INDEX outcome_scores_response_score_idx (response_id=? AND scale=? AND score>?)',
    ]);
  });
});
