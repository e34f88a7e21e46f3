import { afterEach, describe, expect, it } from 'vitest';
import type { ProcedureInput, ProcedureName, ProcedureOutput, Result } from '../../../src-main/contract';
import { createTestApp, type TestApp } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';

const apps: TestApp[] = [];
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

/** A participant whose programme asks for TRIVSEL before the group, typed twice when `twice`. */
async function setUp(twice = true) {
  const t = createTestApp();
  apps.push(t);
  await importTrivsel(t);
  const { setup, group } = await groupWith(t, 4);
  const participant = await addParticipant(t, group.id);
  await t.ok('outcomeSchedules.add', {
    programmeId: setup.programme.id,
    instrumentCode: 'TRIVSEL',
    respondent: 'parent',
    timepoint: 'pre',
    doubleEntry: twice,
  });
  return { t, participantId: participant.id };
}

/** Calls as a signed-in user: double entry tells people apart by who is signed in. */
async function as<P extends ProcedureName>(t: TestApp, actor: string, name: P, input: ProcedureInput<P>): Promise<Result<ProcedureOutput<P>>> {
  return (await t.app.call(name, input, { actor })) as Result<ProcedureOutput<P>>;
}

const typing = (participantId: string, answers: Record<string, number | null>, over: Record<string, unknown> = {}) => ({
  participantId,
  instrument: 'TRIVSEL',
  timepoint: 'pre',
  date: '2025-03-01',
  enteredBy: 'Anna Lind',
  answers,
  ...over,
});
const key = (participantId: string) => ({ participantId, instrument: 'TRIVSEL', timepoint: 'pre' });

describe('double entry', () => {
  it('records a form entered once exactly as before when the schedule does not ask for two typings', async () => {
    const { t, participantId } = await setUp(false);
    const result = await as(t, 'anna', 'responses.enter', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }));
    expect(result.ok && result.value.state).toBe('recorded');
    expect(t.rowCount('outcome_responses')).toBe(1);
    expect(t.rowCount('outcome_entries')).toBe(0);
    expect((await t.ok('responses.entryState', key(participantId))).doubleEntry).toBe(false);
  });

  it('keeps a first typing out of scores and the worklist, and refuses a single save around it', async () => {
    const { t, participantId } = await setUp();
    const refused = await t.fail('responses.record', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }));
    expect(refused.code).toBe('conflict');
    expect(t.rowCount('outcome_responses')).toBe(0);

    const first = await as(t, 'anna', 'responses.enter', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }));
    expect(first.ok && first.value).toEqual({ state: 'waiting' });
    expect(t.rowCount('outcome_entries')).toBe(1);
    expect(t.rowCount('outcome_responses')).toBe(0);
    expect(await t.ok('scores.list', { participantId })).toEqual([]);
    // The group starts on the first session; pre stays due until then.
    const due = await t.ok('outcomes.due', { on: '2025-03-01' });
    expect(due.filter((d) => d.participantId === participantId).map((d) => [d.instrument, d.timepoint])).toEqual([['TRIVSEL', 'pre']]);

    const state = await as(t, 'bo', 'responses.entryState', key(participantId));
    expect(state.ok && state.value).toEqual({
      doubleEntry: true,
      recorded: false,
      entries: [{ enteredBy: 'Anna Lind', userName: 'anna', date: '2025-03-01', mine: false }],
      differences: null,
    });
  });

  it('refuses a second typing by the user who made the first, and writes nothing', async () => {
    const { t, participantId } = await setUp();
    await as(t, 'anna', 'responses.enter', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }));
    const before = t.snapshot();
    const again = await as(t, 'anna', 'responses.enter', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }));
    expect(!again.ok && again.error.code).toBe('conflict');
    expect(t.snapshot()).toBe(before);
  });

  it('records two agreeing typings at once, naming both typists', async () => {
    const { t, participantId } = await setUp();
    await as(t, 'anna', 'responses.enter', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }));
    const second = await as(t, 'bo', 'responses.enter', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }, { enteredBy: 'Bo Berg' }));
    expect(second.ok && second.value.state).toBe('recorded');
    expect(t.rowCount('outcome_entries')).toBe(0);
    const scores = await t.ok('scores.list', { participantId });
    // t2 = 2 is reversed to 4: mean (4 + 4 + 3) / 3, sum 11 prorated by 4/3.
    expect(scores.map((s) => [s.scale, s.score])).toEqual([
      ['mean', 11 / 3],
      ['sum', 44 / 3],
    ]);
    const stored = t.app.db.sqlite.prepare('select entered_by from outcome_responses').pluck().get();
    expect(stored).toBe('Anna Lind / Bo Berg');
  });

  it('shows differing typings item by item and records only what the reconciliation decides', async () => {
    const { t, participantId } = await setUp();
    await as(t, 'anna', 'responses.enter', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }));
    const second = await as(t, 'bo', 'responses.enter', typing(participantId, { t1: 4, t2: 3, t3: 5, t4: 3 }, { enteredBy: 'Bo Berg', date: '2025-03-02' }));
    const differences = {
      date: { first: '2025-03-01', second: '2025-03-02' },
      items: [
        { code: 't2', first: 2, second: 3 },
        { code: 't3', first: null, second: 5 },
      ],
    };
    expect(second.ok && second.value).toEqual({ state: 'differences', differences });
    expect(t.rowCount('outcome_responses')).toBe(0);
    expect((await t.ok('responses.entryState', key(participantId))).differences).toEqual(differences);

    const before = t.snapshot();
    const undecided = await t.fail('responses.reconcile', { ...key(participantId), answers: { t2: 2 } });
    expect(undecided.code).toBe('validation');
    expect(undecided.issues?.map((i) => i.path)).toEqual(['date', 'answers.t3']);
    const outOfRange = await t.fail('responses.reconcile', { ...key(participantId), date: '2025-03-01', answers: { t2: 9, t3: null } });
    expect(outOfRange.issues?.map((i) => i.path)).toEqual(['answers.t2']);
    expect(t.snapshot()).toBe(before);

    // A decision about t1, which both typed alike, cannot change it.
    const recorded = await t.ok('responses.reconcile', { ...key(participantId), date: '2025-03-01', answers: { t1: 1, t2: 2, t3: null } });
    expect(recorded.scores.map((s) => [s.scale, s.score])).toEqual([
      ['mean', 11 / 3],
      ['sum', 44 / 3],
    ]);
    expect(t.rowCount('outcome_entries')).toBe(0);
    const row = t.app.db.sqlite.prepare('select date, answers from outcome_responses').get();
    expect(row).toEqual({ date: '2025-03-01', answers: JSON.stringify({ t1: 4, t2: 2, t3: null, t4: 3 }) });
    expect(t.audit.filter((a) => a.entity === 'responseEntry').map((a) => a.action)).toEqual(['create', 'create', 'reconcile']);
    const due = await t.ok('outcomes.due', { on: '2025-03-01' });
    expect(due.filter((d) => d.participantId === participantId)).toEqual([]);
  });

  describe('and the response import', () => {
    const file = (participantId: string) => `participant_id,instrument,timepoint,date,t1,t2,t3,t4\n${participantId},TRIVSEL,pre,2025-03-01,4,2,,3\n`;

    it('counts an imported response at once: it was captured electronically, not typed here from paper', async () => {
      const { t, participantId } = await setUp();
      const result = await t.ok('responses.import', { text: file(participantId), dryRun: false, enteredBy: 'Anna Lind' });
      expect(result).toMatchObject({ imported: 1, errors: [] });
      expect(t.rowCount('outcome_responses')).toBe(1);
      expect(t.rowCount('outcome_entries')).toBe(0);
      expect((await t.ok('scores.list', { participantId })).length).toBeGreaterThan(0);
    });

    it('refuses the row of a form whose first typing waits for its second, and writes nothing', async () => {
      const { t, participantId } = await setUp();
      const first = await as(t, 'anna', 'responses.enter', typing(participantId, { t1: 4, t2: 2, t3: null, t4: 3 }));
      expect(first.ok && first.value.state).toBe('waiting');
      const result = await t.ok('responses.import', { text: file(participantId), dryRun: false, enteredBy: 'Bo Ek' });
      expect(result.imported).toBe(0);
      expect(result.errors).toEqual([
        { row: 2, column: null, message: { sv: expect.stringContaining('andra inmatning'), en: expect.stringContaining('second typing') } },
      ]);
      expect(t.rowCount('outcome_responses')).toBe(0);
      expect(t.rowCount('outcome_entries')).toBe(1);
    });
  });
});
