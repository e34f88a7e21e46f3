import { afterEach, describe, expect, it } from 'vitest';
import type { ProcedureInput, ProcedureName } from '../../../src-main/contract';
import { createTestApp, type TestApp } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';

// The test app's clock stands at 2025-03-12T10:00Z; the group's first session is 2025-03-03.
const apps: TestApp[] = [];
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

/** Two participants of one group; TRIVSEL is asked before the group (typed twice) and after it (typed once). */
async function setUp() {
  const t = createTestApp();
  apps.push(t);
  await importTrivsel(t);
  const { setup, group } = await groupWith(t, 4);
  const a = await addParticipant(t, group.id);
  const b = await addParticipant(t, group.id);
  const schedule = { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent' as const };
  await t.ok('outcomeSchedules.add', { ...schedule, timepoint: 'pre', doubleEntry: true });
  await t.ok('outcomeSchedules.add', { ...schedule, timepoint: 'post', doubleEntry: false });
  return { t, groupId: group.id, a: a.id, b: b.id };
}

async function as<P extends ProcedureName>(t: TestApp, actor: string, name: P, input: ProcedureInput<P>) {
  const result = await t.app.call(name, input, { actor });
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
}

const typing = (participantId: string, answers: Record<string, number | null>, timepoint = 'pre') => ({
  participantId,
  instrument: 'TRIVSEL',
  timepoint,
  date: '2025-03-01',
  enteredBy: 'Anna Lind',
  answers,
});

const pendingOnWorklist = async (t: TestApp) => (await t.ok('outcomes.worklist', { on: '2025-03-01' })).map((r) => [r.participantId, r.timepoint, r.pending]);
const groupCells = async (t: TestApp, groupId: string, participantId: string) => {
  const grid = await t.ok('outcomes.group', { groupId });
  const row = grid.rows.find((r) => r.participantId === participantId)!;
  return grid.points.map((p, i) => [p.timepoint, row.states[i], row.imported[i]]);
};

describe('forms typed twice that are no response yet', () => {
  it('are marked on the worklist and the group page until their typings agree', async () => {
    const { t, groupId, a, b } = await setUp();
    expect(await pendingOnWorklist(t)).toEqual(
      expect.arrayContaining([
        [a, 'pre', null],
        [b, 'pre', null],
      ]),
    );

    await as(t, 'anna', 'responses.enter', typing(a, { t1: 4, t2: 2, t3: null, t4: 3 }));
    expect(await pendingOnWorklist(t)).toEqual(
      expect.arrayContaining([
        [a, 'pre', 'awaiting_second'],
        [b, 'pre', null],
      ]),
    );
    expect(await groupCells(t, groupId, a)).toEqual([
      ['pre', 'awaiting_second', null],
      ['post', 'upcoming', null],
    ]);
    expect((await t.ok('outcomes.group', { groupId })).rows.find((r) => r.participantId === b)!.states[0]).toBe('overdue');
    const summary = await t.ok('outcomes.worklistSummary', { on: '2025-03-01', limit: 5 });
    expect(summary.first.map((r) => [r.participantId, r.pending])).toEqual(
      expect.arrayContaining([
        [a, 'awaiting_second'],
        [b, null],
      ]),
    );

    // A second typing that differs in one item waits for reconciliation.
    await as(t, 'bo', 'responses.enter', typing(a, { t1: 4, t2: 3, t3: null, t4: 3 }));
    expect(await pendingOnWorklist(t)).toEqual(expect.arrayContaining([[a, 'pre', 'awaiting_reconciliation']]));
    expect((await groupCells(t, groupId, a))[0]).toEqual(['pre', 'awaiting_reconciliation', null]);

    await as(t, 'bo', 'responses.reconcile', { participantId: a, instrument: 'TRIVSEL', timepoint: 'pre', answers: { t2: 2 } });
    expect((await pendingOnWorklist(t)).filter(([p]) => p === a)).toEqual([]);
    expect((await groupCells(t, groupId, a))[0]).toEqual(['pre', 'entered', null]);
  });
});

describe('how a response came in', () => {
  const sources = (t: TestApp) =>
    t.app.db.sqlite.prepare('select participant_id as p, timepoint, source from outcome_responses order by participant_id, timepoint').all() as {
      p: string;
      timepoint: string;
      source: string | null;
    }[];

  it('is "form" for a typed form, reconciled or not, and "import" for a file row; the group page dates the import', async () => {
    const { t, groupId, a, b } = await setUp();
    await t.ok('responses.record', typing(a, { t1: 1, t2: 2, t3: 3, t4: 4 }, 'post'));
    await as(t, 'anna', 'responses.enter', typing(a, { t1: 4, t2: 2, t3: null, t4: 3 }));
    await as(t, 'bo', 'responses.enter', typing(a, { t1: 4, t2: 2, t3: null, t4: 3 }));
    const result = await t.ok('responses.import', {
      text: `participant_id,instrument,timepoint,date,t1,t2,t3,t4\n${b},TRIVSEL,post,2025-05-01,1,2,3,4\n`,
      dryRun: false,
      enteredBy: 'test',
    });
    expect(result.imported).toBe(1);

    const expected = [
      { p: a, timepoint: 'post', source: 'form' },
      { p: a, timepoint: 'pre', source: 'form' },
      { p: b, timepoint: 'post', source: 'import' },
    ].sort((x, y) => x.p.localeCompare(y.p) || x.timepoint.localeCompare(y.timepoint));
    expect(sources(t)).toEqual(expected);

    expect(await groupCells(t, groupId, a)).toEqual([
      ['pre', 'entered', null],
      ['post', 'entered', null],
    ]);
    // Stored on the test clock's day, 2025-03-12 (UTC).
    expect(await groupCells(t, groupId, b)).toEqual([
      ['pre', 'overdue', null],
      ['post', 'entered', '2025-03-12'],
    ]);
  });
});
