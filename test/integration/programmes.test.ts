import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeProgramme } from './fixtures';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const input = {
  name: 'Komet för adoptivföräldrar',
  code: 'aKomet',
  audience: 'parents',
  sessionCount: 8,
  sessionLengthMinutes: 150,
  childAgeMin: 2,
  childAgeMax: 12,
} as const;

describe('programmes', () => {
  it('creates, lists and updates a programme, auditing each write', async () => {
    const created = await t.ok('programmes.create', input);
    expect(created).toMatchObject({ ...input, active: true, groupCount: 0, createdAt: '2025-03-12T10:00:00.000Z' });
    expect(t.audit.at(-1)).toMatchObject({ action: 'create', entity: 'programme', entityId: created.id });

    const updated = await t.ok('programmes.update', { ...input, id: created.id, sessionCount: 9, childAgeMin: null });
    expect(updated).toMatchObject({ sessionCount: 9, childAgeMin: null, code: 'aKomet' });
    expect(t.audit.at(-1)).toEqual({ action: 'update', entity: 'programme', entityId: created.id, fields: ['sessionCount', 'childAgeMin'] });

    const list = await t.ok('programmes.list', {});
    expect(list.map((p) => p.code)).toContain('aKomet');
  });

  it('keeps codes unique regardless of case, also for å, ä and ö', async () => {
    await t.ok('programmes.create', input);
    const before = t.snapshot();
    const err = await t.fail('programmes.create', { ...input, name: 'Annat', code: 'AKOMET' });
    expect(err.code).toBe('conflict');
    expect(err.message.sv).toContain('AKOMET');
    expect(err.issues?.[0]?.path).toBe('code');
    // The seeded "FörskoleKomet" blocks a differently-cased copy even though SQLite's lower() ignores "Ö".
    expect((await t.fail('programmes.create', { ...input, code: 'FÖRSKOLEKOMET' })).code).toBe('conflict');
    expect(t.snapshot()).toBe(before);
  });

  it('lets a programme keep its own code on update but not take another one', async () => {
    const a = await t.ok('programmes.create', input);
    const b = await makeProgramme(t, { code: 'bKomet' });
    expect(await t.ok('programmes.update', { ...input, id: a.id, code: 'AKOMET' })).toMatchObject({ code: 'AKOMET' });
    const err = await t.fail('programmes.update', { ...input, id: b.id, code: 'akomet' });
    expect(err).toMatchObject({ code: 'conflict', issues: [{ path: 'code' }] });
  });

  it('archives and restores; archived programmes are listed only on request', async () => {
    const p = await t.ok('programmes.create', input);
    const archived = await t.ok('programmes.setActive', { id: p.id, active: false });
    expect(archived.active).toBe(false);
    expect(t.audit.at(-1)?.action).toBe('archive');
    expect((await t.ok('programmes.list', {})).some((x) => x.id === p.id)).toBe(false);
    expect((await t.ok('programmes.list', { includeArchived: true })).some((x) => x.id === p.id)).toBe(true);
    expect((await t.ok('programmes.setActive', { id: p.id, active: true })).active).toBe(true);
    expect(t.audit.at(-1)?.action).toBe('restore');
  });

  it('deletes an unused programme', async () => {
    const p = await t.ok('programmes.create', input);
    expect(await t.ok('programmes.delete', { id: p.id })).toEqual({ deleted: true });
    expect((await t.fail('programmes.delete', { id: p.id })).code).toBe('not_found');
  });

  it('refuses to delete a programme in use and says to archive it', async () => {
    const s = await groupSetup(t);
    await makeGroup(t, s);
    await makeGroup(t, s, { startDate: '2025-04-07' });
    const before = t.snapshot();
    const err = await t.fail('programmes.delete', { id: s.programme.id });
    expect(err.code).toBe('in_use');
    expect(err.message.sv).toBe('Programmet används av 2 grupper och kan inte tas bort. Arkivera det i stället.');
    expect(err.message.en).toContain('Archive it instead');
    expect(t.snapshot()).toBe(before);
    expect((await t.ok('programmes.list', {})).find((p) => p.id === s.programme.id)?.groupCount).toBe(2);
  });

  it('answers not_found for an unknown id on every write', async () => {
    const id = crypto.randomUUID();
    for (const [name, body] of [
      ['programmes.update', { ...input, id }],
      ['programmes.setActive', { id, active: false }],
      ['programmes.delete', { id }],
    ] as const) {
      const err = await t.fail(name, body);
      expect(err.code).toBe('not_found');
      expect(err.message.sv).toMatch(/finns inte/);
    }
  });
});
