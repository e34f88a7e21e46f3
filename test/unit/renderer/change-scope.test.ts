import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mayChange, readChange, refreshAfter, type Change } from '../../../src-renderer/api/change-scope';

// What main sends for the backup it makes each day (src-main/app/runtime.ts).
const dailyBackup = JSON.stringify({ source: 'local', procedure: 'backups.create', entities: ['backup'] });
// What main sends when someone changes the idle time before the lock (vault.setAutoLock).
const idleTimeSet = JSON.stringify({ source: 'local', procedure: 'vault.setAutoLock', entities: ['vault'] });

const kept = {
  backups: ['backups.list', {}],
  units: ['units.list', { includeArchived: true }],
  group: ['groups.get', { id: 'g1' }],
  dashboard: ['dashboard.screen', {}],
  lock: ['vault.status', {}],
  audit: ['audit.list', { entity: 'vault' }],
} as const;

let client: QueryClient;
beforeEach(() => {
  client = new QueryClient();
  for (const key of Object.values(kept)) client.setQueryData(key, { read: 'before' });
});

const outOfDate = () =>
  Object.entries(kept)
    .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
    .map(([name]) => name);

describe('what a change event marks out of date', () => {
  it('after the daily backup: the backups list alone, every other answer kept', async () => {
    await refreshAfter(client, readChange(dailyBackup));
    expect(outOfDate()).toEqual(['backups']);
  });

  it('after a new idle time before the lock: the lock state and the audit trail alone', async () => {
    await refreshAfter(client, readChange(idleTimeSet));
    expect(outOfDate()).toEqual(['lock', 'audit']);
  });

  it.each<[string, unknown]>([
    ['a lock or a restore', JSON.stringify({ source: 'local', procedure: 'vault.status', entities: 'all' })],
    ['a write', JSON.stringify({ source: 'local', procedure: 'units.create', entities: ['unit'] })],
    ['a write beside a backup', JSON.stringify({ source: 'local', entities: ['backup', 'unit'] })],
    ['a write beside the lock settings', JSON.stringify({ source: 'local', entities: ['vault', 'unit'] })],
    ['a backup beside the lock settings', JSON.stringify({ source: 'local', entities: ['backup', 'vault'] })],
    ["sync's status alone", JSON.stringify({ source: 'sync', entities: [] })],
    ['a sync batch', { source: 'sync', entities: ['participant'] }],
    ['the stream opening', null],
    ['an unreadable event', '{"source":"local","entities":["backup"]'],
    ['an event of unknown source', JSON.stringify({ source: 'elsewhere', entities: ['backup'] })],
    ['entities that are not names', JSON.stringify({ source: 'local', entities: [{ backup: true }] })],
    ['no event at all', undefined],
  ])('after %s: everything', async (_what, data) => {
    await refreshAfter(client, readChange(data));
    expect(outOfDate()).toEqual(['backups', 'units', 'group', 'dashboard', 'lock', 'audit']);
  });

  it('asks for the lock state again after any change but the daily backup', () => {
    expect(mayChange(readChange(dailyBackup), 'vault.status')).toBe(false);
    const others: Change[] = [
      null,
      { source: 'local', procedure: 'vault.status', entities: 'all' },
      { source: 'local', entities: ['unit'] },
      { source: 'local', procedure: 'vault.setAutoLock', entities: ['vault'] },
    ];
    for (const change of others) expect(mayChange(change, 'vault.status')).toBe(true);
  });
});

describe('a change that arrives while a first read is on its way', () => {
  it('has the read asked again: main may have answered it before the change', async () => {
    const fresh = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    let version = 0;
    const answered: number[] = [];
    // Main reads at once; its answer arrives a little later, as over HTTP.
    const read = async () => {
      const seen = version;
      await new Promise((resolve) => setTimeout(resolve, 30));
      answered.push(seen);
      return { version: seen };
    };
    const onScreen = new QueryObserver(fresh, { queryKey: ['dashboard.get', {}], queryFn: read });
    const stop = onScreen.subscribe(() => undefined);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      // A write commits after main has read, and its event comes before the answer.
      version = 1;
      await refreshAfter(fresh, readChange(JSON.stringify({ source: 'local', procedure: 'groups.create', entities: ['group'] })));
      await vi.waitFor(() => expect(fresh.getQueryData(['dashboard.get', {}])).toEqual({ version: 1 }));
      expect(fresh.getQueryState(['dashboard.get', {}])?.error).toBeNull();
    } finally {
      stop();
      fresh.clear();
    }
  });
});

describe('a change event from another process', () => {
  it('is read as the names it carries, and nothing else', () => {
    expect(readChange(dailyBackup)).toEqual({ source: 'local', procedure: 'backups.create', entities: ['backup'] });
    expect(readChange({ source: 'sync', entities: 'all', procedure: 7, extra: 'x' })).toEqual({ source: 'sync', entities: 'all' });
    for (const bad of ['', 'null', '[]', '"backup"', '{}', 42, [], JSON.stringify({ source: 'local', entities: 'backup' })]) {
      expect(readChange(bad)).toBeNull();
    }
  });
});
