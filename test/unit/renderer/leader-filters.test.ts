import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const key = 'komet.leaders.supervisor';

/** A localStorage that can also refuse, as it does when storage is disabled. */
function fakeStorage(initial: Record<string, string> = {}, refuse = false) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => {
      if (refuse) throw new Error('storage disabled');
      return items.get(k) ?? null;
    },
    setItem: (k: string, v: string) => {
      if (refuse) throw new Error('storage disabled');
      items.set(k, v);
    },
  };
}

/** The store reads the remembered supervisor when it is created, so each test loads it afresh. */
async function loadFilters(storage: ReturnType<typeof fakeStorage>) {
  vi.stubGlobal('window', { localStorage: storage });
  const { useLeaderFilters } = await import('../../../src-renderer/features/leaders/filters');
  return useLeaderFilters;
}

describe('leader overview filters', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  it('start with all leaders and nothing filtered when no supervisor is remembered', async () => {
    const filters = await loadFilters(fakeStorage());
    expect(filters.getState()).toMatchObject({ scope: 'all', supervisorId: '', programmeId: '', status: '', attentionOnly: false, search: '' });
  });

  it("start on the remembered supervisor's leaders", async () => {
    const filters = await loadFilters(fakeStorage({ [key]: 'sup-1' }));
    expect(filters.getState()).toMatchObject({ scope: 'supervised', supervisorId: 'sup-1' });
  });

  it('remember the chosen supervisor on this computer, and forget it when "all" is chosen', async () => {
    const storage = fakeStorage();
    const filters = await loadFilters(storage);
    filters.getState().set({ supervisorId: 'sup-2', scope: 'supervised' });
    expect(storage.items.get(key)).toBe('sup-2');
    expect(filters.getState()).toMatchObject({ scope: 'supervised', supervisorId: 'sup-2' });
    filters.getState().set({ supervisorId: '', scope: 'all' });
    expect(storage.items.get(key)).toBe('');
  });

  it('store nothing for the other filters, and change only what is set', async () => {
    const storage = fakeStorage({ [key]: 'sup-1' });
    const filters = await loadFilters(storage);
    filters.getState().set({ programmeId: 'prog-1', status: 'certified', attentionOnly: true, search: 'Ann' });
    expect(filters.getState()).toMatchObject({
      scope: 'supervised',
      supervisorId: 'sup-1',
      programmeId: 'prog-1',
      status: 'certified',
      attentionOnly: true,
      search: 'Ann',
    });
    expect([...storage.items.keys()]).toEqual([key]);
  });

  it('still work for this session when storage is disabled', async () => {
    const filters = await loadFilters(fakeStorage({}, true));
    expect(filters.getState().scope).toBe('all');
    expect(() => filters.getState().set({ supervisorId: 'sup-3', scope: 'supervised' })).not.toThrow();
    expect(filters.getState()).toMatchObject({ scope: 'supervised', supervisorId: 'sup-3' });
  });
});
