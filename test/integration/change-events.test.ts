import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src-main/app/runtime';
import type { ChangeEvent } from '../../src-main/contract';
import { createTestApp, makeTempDir, storedOrder, type TestApp } from '../helpers/db';
import { groupInput, groupSetup } from './fixtures';
import { participantInput } from './participants-fixtures';

/**
 * The change event names what a committed write touched: the router collects the entities the
 * services wrote to the audit trail during the call. Checked here against the database itself:
 * the tables whose rows changed, call by call, on a real file.
 */
let t: TestApp;
let events: ChangeEvent[];
beforeEach(() => {
  t = createTestApp();
  events = [];
  t.app.events.on((e) => events.push(e));
});
afterEach(() => t.close());

function tableHashes(): Map<string, string> {
  const sqlite = t.app.db.sqlite;
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[];
  return new Map(
    tables.map((name) => [
      name,
      crypto
        .createHash('sha256')
        .update(JSON.stringify(sqlite.prepare(`select * from "${name}"${storedOrder(sqlite, name)}`).all()))
        .digest('hex'),
    ]),
  );
}

/** One call, with what it emitted, what it audited and which tables (other than the audit log) changed. */
async function step(name: string, input: unknown) {
  const before = tableHashes();
  const auditedBefore = t.audit.length;
  const seen = events.length;
  const result = await t.app.call(name, input);
  const after = tableHashes();
  const changed = [...after.keys()].filter((k) => k !== 'audit_log' && after.get(k) !== before.get(k)).sort();
  const audited = [...new Set(t.audit.slice(auditedBefore).map((e) => e.entity))].sort();
  return { result, emitted: events.slice(seen), changed, audited };
}

describe('the change event of each committed write', () => {
  it('is one event per write naming exactly the entities the write committed', async () => {
    const setup = await groupSetup(t);
    const writes: [string, () => unknown][] = [
      ['units.create', () => ({ name: 'Kista', kind: 'district' })],
      ['staff.create', () => ({ name: 'Ove Ström', isLeader: true, isSupervisor: false })],
      ['groups.create', () => groupInput(setup)],
      ['settings.update', () => ({ language: 'en' })],
    ];
    let groupId = '';
    for (const [name, input] of writes) {
      const { result, emitted, changed, audited } = await step(name, input());
      expect(result.ok, name).toBe(true);
      if (name === 'groups.create') groupId = (result as { value: { id: string } }).value.id;
      expect(emitted, name).toEqual([{ source: 'local', procedure: name, entities: audited }]);
      expect(audited.length, name).toBeGreaterThan(0);
      expect(changed.length, name).toBeGreaterThan(0);
    }

    const added = await step('participants.create', participantInput(groupId));
    expect(added.emitted).toEqual([{ source: 'local', procedure: 'participants.create', entities: added.audited }]);
    expect(added.changed).toContain('participants');
    const participantId = (added.result as { value: { id: string } }).value.id;
    const detail = await t.ok('groups.get', { id: groupId });
    const marked = await step('attendance.set', { participantId, sessionId: detail.sessions[0]!.id, state: 'present' });
    expect(marked.emitted).toEqual([{ source: 'local', procedure: 'attendance.set', entities: marked.audited }]);
    expect(marked.audited).toContain('attendance');
    expect(marked.changed).toContain('attendance');
  });

  it('is not emitted for reads, for refused input, or for writes that fail', async () => {
    const read = await step('units.list', {});
    expect(read.emitted).toEqual([]);
    expect(read.changed).toEqual([]);

    const refused = await step('units.create', { name: '', kind: 'district' });
    expect(refused.result.ok).toBe(false);
    expect(refused.emitted).toEqual([]);

    const missing = await step('units.delete', { id: crypto.randomUUID() });
    expect(missing.result.ok).toBe(false);
    expect(missing.emitted).toEqual([]);
    expect(missing.changed).toEqual([]);
  });
});

describe('the runtime’s change feed', () => {
  let runtime: Runtime | null = null;
  afterEach(() => runtime?.close());

  it('carries the writes of calls and accepts events from elsewhere (sync) on the same stream', async () => {
    runtime = createRuntime({ dataDir: makeTempDir(), shell: 'test', keyless: { actor: 'test' }, backupCheckMs: 0 });
    const seen: ChangeEvent[] = [];
    runtime.events.on((e) => seen.push(e));
    const created = await runtime.call('units.create', { name: 'Rinkeby', kind: 'district' });
    expect(created.ok).toBe(true);
    expect(seen).toEqual([{ source: 'local', procedure: 'units.create', entities: ['unit'] }]);

    // An unencrypted database has no lock: the refusal changes nothing and says nothing.
    expect((await runtime.call('vault.lock', {})).ok).toBe(false);
    expect(seen).toHaveLength(1);

    runtime.events.emit({ source: 'sync', entities: ['participant'] });
    expect(seen[1]).toEqual({ source: 'sync', entities: ['participant'] });
  });
});
