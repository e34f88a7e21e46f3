import { afterEach, describe, expect, it } from 'vitest';
import { syncedTableByName } from '../../../src-main/core/sync/tables';
import { createTestApp, type TestApp } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';

const apps: TestApp[] = [];
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

const outbox = (t: TestApp) =>
  t.app.db.sqlite.prepare('select tbl, row_key as rowKey, op from sync_outbox order by id').all() as { tbl: string; rowKey: string; op: string }[];

describe('outcomes under sync', () => {
  it('carry definitions and schedules as reference data, and responses and statuses as the group’s data', () => {
    expect(syncedTableByName.get('instruments')!.parts.map((p) => p.kind)).toEqual(['ref']);
    expect(syncedTableByName.get('outcome_schedules')!.parts.map((p) => p.kind)).toEqual(['ref']);
    expect(syncedTableByName.get('outcome_responses')!.parts.map((p) => p.kind)).toEqual(['group']);
    expect(syncedTableByName.get('outcome_statuses')!.parts.map((p) => p.kind)).toEqual(['group']);
    expect(syncedTableByName.has('outcome_scores')).toBe(false);
  });

  it('capture every write to them once the installation syncs, and never the scores', async () => {
    const t = createTestApp();
    apps.push(t);
    const { setup, group } = await groupWith(t, 4);
    const participant = await addParticipant(t, group.id);
    t.app.db.sqlite.prepare('update sync_state set capturing = 1 where id = 1').run();

    await importTrivsel(t);
    const schedule = await t.ok('outcomeSchedules.add', {
      programmeId: setup.programme.id,
      instrumentCode: 'TRIVSEL',
      respondent: 'parent',
      timepoint: 'post',
    });
    const recorded = await t.ok('responses.record', {
      participantId: participant.id,
      instrument: 'TRIVSEL',
      timepoint: 'pre',
      date: '2025-03-01',
      enteredBy: 'Anna Lind',
      answers: { t1: 1, t2: 1, t3: 1, t4: 1 },
    });
    await t.ok('outcomes.setStatus', { participantId: participant.id, timepoint: 'post', status: 'declined' });
    expect(outbox(t)).toEqual([
      { tbl: 'instruments', rowKey: 'TRIVSEL|1', op: 'u' },
      { tbl: 'outcome_schedules', rowKey: schedule.id, op: 'u' },
      { tbl: 'outcome_responses', rowKey: recorded.id, op: 'u' },
      { tbl: 'outcome_statuses', rowKey: `${participant.id}|post`, op: 'u' },
    ]);
  });
});
