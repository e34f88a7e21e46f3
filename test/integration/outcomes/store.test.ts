import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel, trivsel } from './fixtures';

const apps: TestApp[] = [];
const open = () => {
  const t = createTestApp();
  apps.push(t);
  return t;
};
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

async function withParticipant(t: TestApp) {
  const { setup, group } = await groupWith(t, 4);
  const participant = await addParticipant(t, group.id);
  return { programme: setup.programme, group, participant };
}

const response = (participantId: string, over: Record<string, unknown> = {}) => ({
  participantId,
  instrument: 'TRIVSEL',
  timepoint: 'pre',
  date: '2025-03-01',
  enteredBy: 'Anna Lind',
  answers: { t1: 4, t2: 2, t3: null, t4: 3 },
  ...over,
});

describe('the instrument library', () => {
  it('holds the shipped definitions as rows from the first start, without item texts', async () => {
    const t = open();
    const list = await t.ok('instruments.list');
    expect(list.map((i) => [i.code, i.version, i.source, i.itemTextsIncluded])).toEqual([
      ['DASS-21', '1', 'shipped', false],
      ['ECBI', '1', 'shipped', false],
      ['SDQ-P', '1', 'shipped', false],
    ]);
    expect(list.find((i) => i.code === 'DASS-21')!.scales).toEqual(['depression', 'anxiety', 'stress']);
  });

  it('stores an imported version once; the same file again writes nothing', async () => {
    const t = open();
    expect((await importTrivsel(t)).created).toBe(true);
    const before = t.snapshot();
    const again = await importTrivsel(t);
    expect(again.created).toBe(false);
    expect(t.snapshot()).toBe(before);
    expect((await t.ok('instruments.list')).filter((i) => i.code === 'TRIVSEL').map((i) => [i.version, i.source, i.items])).toEqual([['1', 'own', 4]]);
  });

  it('refuses a changed definition under a version that exists, and keeps the old one', async () => {
    const t = open();
    await importTrivsel(t);
    const before = t.snapshot();
    const error = await t.fail('instruments.import', { text: JSON.stringify(trivsel({ name: { sv: 'Annat', en: 'Other' } })) });
    expect(error.code).toBe('conflict');
    expect(error.issues?.[0]?.path).toBe('version');
    expect(t.snapshot()).toBe(before);
  });

  it('keeps every version side by side', async () => {
    const t = open();
    await importTrivsel(t);
    await importTrivsel(t, { version: '2', name: { sv: 'Trivsel 2', en: 'Satisfaction 2' } });
    expect((await t.ok('instruments.list')).filter((i) => i.code === 'TRIVSEL').map((i) => i.version)).toEqual(['1', '2']);
  });

  it('refuses a stored version being rewritten, even below the services', async () => {
    const t = open();
    await importTrivsel(t);
    expect(() => t.app.db.sqlite.prepare("update instruments set definition = '{}' where code = 'TRIVSEL'").run()).toThrow(/never rewritten/);
  });

  it('refuses an invalid definition with the path of the fault, writing nothing', async () => {
    const t = open();
    const before = t.snapshot();
    const bad = trivsel();
    (bad.items as { min: number }[])[2]!.min = 9;
    const error = await t.fail('instruments.import', { text: JSON.stringify(bad) });
    expect(error.code).toBe('validation');
    expect(error.issues?.map((i) => i.path)).toContain('items.2.min');
    expect((await t.fail('instruments.import', { text: '{not json' })).code).toBe('validation');
    expect(t.snapshot()).toBe(before);
  });
});

describe('programme schedules', () => {
  it('hold pre, post and follow-ups with their window', async () => {
    const t = open();
    const { programme } = await withParticipant(t);
    await t.ok('outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'ECBI', respondent: 'parent', timepoint: 'pre' });
    await t.ok('outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'ECBI', respondent: 'parent', timepoint: 'fu6', windowDays: 30 });
    const list = await t.ok('outcomeSchedules.list', { programmeId: programme.id });
    expect(list.map((s) => [s.instrumentCode, s.timepoint, s.months, s.windowDays])).toEqual([
      ['ECBI', 'fu6', 6, 30],
      ['ECBI', 'pre', null, null],
    ]);
  });

  it('keep a closed window overdue for 90 days unless told otherwise', async () => {
    const t = open();
    const { programme } = await withParticipant(t);
    await t.ok('outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'ECBI', respondent: 'parent', timepoint: 'pre' });
    await t.ok('outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'ECBI', respondent: 'parent', timepoint: 'post', missedAfterDays: 14 });
    const list = await t.ok('outcomeSchedules.list', { programmeId: programme.id });
    expect(list.map((s) => [s.timepoint, s.missedAfterDays])).toEqual([
      ['post', 14],
      ['pre', 90],
    ]);
  });

  it('refuse unknown instruments, time points and windows, and the same point twice, writing nothing', async () => {
    const t = open();
    const { programme } = await withParticipant(t);
    await t.ok('outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'ECBI', respondent: 'parent', timepoint: 'post' });
    const before = t.snapshot();
    const add = (over: Record<string, unknown>) =>
      t.fail('outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'ECBI', respondent: 'parent', timepoint: 'pre', ...over });
    expect((await add({ instrumentCode: 'NOPE' })).issues?.[0]?.path).toBe('instrumentCode');
    expect((await add({ timepoint: 'mid' })).issues?.[0]?.path).toBe('timepoint');
    expect((await add({ timepoint: 'fu0', windowDays: 30 })).issues?.[0]?.path).toBe('timepoint');
    expect((await add({ timepoint: 'fu121', windowDays: 30 })).issues?.[0]?.path).toBe('timepoint');
    expect((await add({ timepoint: 'fu6' })).issues?.[0]?.path).toBe('windowDays');
    expect((await add({ windowDays: 30 })).issues?.[0]?.path).toBe('windowDays');
    for (const missedAfterDays of [0, 731, 1.5]) expect((await add({ missedAfterDays })).issues?.[0]?.path).toBe('missedAfterDays');
    expect((await add({ timepoint: 'post' })).code).toBe('conflict');
    expect((await add({ programmeId: '00000000-0000-4000-8000-000000000000' })).code).toBe('not_found');
    expect(t.snapshot()).toBe(before);
  });
});

describe('responses', () => {
  it('are stored with their scale scores at full precision and missing items as null', async () => {
    const t = open();
    await importTrivsel(t);
    const { participant } = await withParticipant(t);
    const recorded = await t.ok('responses.record', response(participant.id));
    // t2 = 2 reversed is 4; answered 4, 4, 3: mean 11/3, sum 11 prorated to four items 44/3.
    expect(recorded.scores.map((s) => [s.scale, s.score, s.band?.en ?? null])).toEqual([
      ['mean', 3.6666666666666665, 'High'],
      ['sum', 14.666666666666666, null],
    ]);
    const stored = t.app.db.sqlite.prepare('select answers, instrument_version as version from outcome_responses').get() as {
      answers: string;
      version: string;
    };
    expect(JSON.parse(stored.answers)).toEqual({ t1: 4, t2: 2, t3: null, t4: 3 });
    expect(stored.version).toBe('1');
    expect(t.app.db.sqlite.prepare('select scale, score, band, answered from outcome_scores order by scale').all()).toEqual([
      { scale: 'mean', score: 3.6666666666666665, band: 1, answered: 3 },
      { scale: 'sum', score: 14.666666666666666, band: null, answered: 3 },
    ]);
    expect(await t.ok('scores.list', {})).toEqual([
      {
        participantId: participant.id,
        instrument: 'TRIVSEL',
        version: '1',
        timepoint: 'pre',
        scale: 'mean',
        score: 3.6666666666666665,
        band: { sv: 'Hög', en: 'High' },
      },
      { participantId: participant.id, instrument: 'TRIVSEL', version: '1', timepoint: 'pre', scale: 'sum', score: 14.666666666666666, band: null },
    ]);
  });

  it('keep the version they were entered under; a new one is used for what comes after', async () => {
    const t = open();
    await importTrivsel(t);
    const { participant } = await withParticipant(t);
    await t.ok('responses.record', response(participant.id));
    await importTrivsel(t, { version: '2', name: { sv: 'Trivsel 2', en: 'Satisfaction 2' } });
    await t.ok('responses.record', response(participant.id, { timepoint: 'post' }));
    expect((await t.ok('scores.list', {})).filter((s) => s.scale === 'mean').map((s) => [s.timepoint, s.version])).toEqual([
      ['post', '2'],
      ['pre', '1'],
    ]);
  });

  it('score DASS-21 doubled, null below its minimum', async () => {
    const t = open();
    const { participant } = await withParticipant(t);
    const answers: Record<string, number | null> = {};
    for (let i = 1; i <= 21; i++) answers[`dass_${String(i).padStart(2, '0')}`] = 1;
    answers.dass_03 = 3; // depression: 3 + 6 × 1 = 9, doubled 18
    answers.dass_02 = null; // anxiety needs all seven: null
    const recorded = await t.ok('responses.record', response(participant.id, { instrument: 'DASS-21', answers }));
    expect(recorded.scores.map((s) => [s.scale, s.score])).toEqual([
      ['depression', 18],
      ['anxiety', null],
      ['stress', 14],
    ]);
  });

  it('refuse unknown participants, instruments, versions, time points, items and values off the form, writing nothing', async () => {
    const t = open();
    await importTrivsel(t);
    const { participant } = await withParticipant(t);
    await t.ok('responses.record', response(participant.id));
    const before = t.snapshot();
    const refused = async (over: Record<string, unknown>) => {
      const error = await t.fail('responses.record', response(participant.id, { timepoint: 'post', ...over }));
      expect(error.code).toBe('validation');
      return error.issues!.map((i) => [i.path, i.message.en]);
    };
    expect(await refused({ participantId: '00000000-0000-4000-8000-000000000000' })).toContainEqual([
      'participantId',
      'There is no participant with the id 00000000-0000-4000-8000-000000000000.',
    ]);
    expect(await refused({ instrument: 'NOPE' })).toEqual([['instrument', 'There is no instrument NOPE.']]);
    expect(await refused({ version: '9' })).toEqual([['version', 'TRIVSEL has no version 9.']]);
    expect(await refused({ timepoint: 'fu6' })).toEqual([['timepoint', "The participant's programme has no follow-up fu6."]]);
    expect(await refused({ answers: { t1: 6 } })).toEqual([['answers.t1', 'The answer "6" must be a whole number from 1 to 5.']]);
    expect(await refused({ answers: { t1: 0 } })).toEqual([['answers.t1', 'The answer "0" must be a whole number from 1 to 5.']]);
    expect(await refused({ answers: { t9: 1 } })).toEqual([['answers.t9', 'TRIVSEL has no item t9.']]);
    expect(await refused({ timepoint: 'pre' })).toEqual([['', 'The participant already has answers to TRIVSEL at pre.']]);
    expect((await t.fail('responses.record', response(participant.id, { timepoint: 'during' }))).issues?.[0]?.path).toBe('timepoint');
    const controlChar = await t.fail('responses.record', response(participant.id, { timepoint: 'post', enteredBy: 'Anna\nLind' }));
    expect(controlChar.issues?.map((i) => [i.path, i.message.en])).toEqual([['enteredBy', expect.stringMatching(/control characters/)]]);
    expect(t.snapshot()).toBe(before);
  });
});

describe('declined and unreachable', () => {
  it('are set per participant and time point, and cleared with null', async () => {
    const t = open();
    const { participant } = await withParticipant(t);
    await t.ok('outcomes.setStatus', { participantId: participant.id, timepoint: 'post', status: 'declined' });
    await t.ok('outcomes.setStatus', { participantId: participant.id, timepoint: 'post', status: 'unreachable' });
    const rows = () => t.app.db.sqlite.prepare('select timepoint, status from outcome_statuses').all();
    expect(rows()).toEqual([{ timepoint: 'post', status: 'unreachable' }]);
    await t.ok('outcomes.setStatus', { participantId: participant.id, timepoint: 'post', status: null });
    expect(rows()).toEqual([]);
    const before = t.snapshot();
    expect((await t.fail('outcomes.setStatus', { participantId: '00000000-0000-4000-8000-000000000000', timepoint: 'post', status: 'declined' })).code).toBe(
      'not_found',
    );
    expect((await t.fail('outcomes.setStatus', { participantId: participant.id, timepoint: 'later', status: 'declined' })).code).toBe('validation');
    expect(t.snapshot()).toBe(before);
  });
});
