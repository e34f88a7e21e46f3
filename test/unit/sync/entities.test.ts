import { describe, expect, it } from 'vitest';
import { entitiesOfTables, entityOfTable } from '../../../src-main/core/sync/entities';
import { syncedTables } from '../../../src-main/core/sync/tables';

describe('the entity a synced table’s rows are announced as', () => {
  it('is known for every synced table, so no change from another machine is announced by its table name', () => {
    expect(syncedTables.map((t) => t.name).filter((name) => !(name in entityOfTable))).toEqual([]);
  });

  it('is the audit trail’s name, each entity once, sorted', () => {
    expect(entitiesOfTables(['units', 'participants', 'families', 'attendance', 'fidelity_records', 'group_leaders', 'groups'])).toEqual([
      'attendance',
      'fidelity',
      'group',
      'participant',
      'unit',
    ]);
    expect(entitiesOfTables([])).toEqual([]);
  });
});
