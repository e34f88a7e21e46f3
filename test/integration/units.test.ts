import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeStaff, makeUnit } from './fixtures';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

describe('units', () => {
  it('creates, updates, archives and restores a unit', async () => {
    const u = await t.ok('units.create', { name: 'Solna stad', kind: 'municipality' });
    expect(u).toMatchObject({ name: 'Solna stad', kind: 'municipality', active: true, groupCount: 0, staffCount: 0 });
    const renamed = await t.ok('units.update', { id: u.id, name: 'Solna kommun', kind: 'municipality' });
    expect(renamed.name).toBe('Solna kommun');
    expect(t.audit.at(-1)).toMatchObject({ action: 'update', fields: ['name'] });
    expect((await t.ok('units.setActive', { id: u.id, active: false })).active).toBe(false);
    expect((await t.ok('units.list', {})).some((x) => x.id === u.id)).toBe(false);
    expect((await t.ok('units.list', { includeArchived: true })).some((x) => x.id === u.id)).toBe(true);
  });

  it('lists units in Swedish alphabetical order', async () => {
    const names = (await t.ok('units.list', {})).map((u) => u.name);
    expect(names.at(0)).toBe('Bromma stadsdelsförvaltning');
    expect(names.at(-1)).toBe('Östermalm stadsdelsförvaltning');
    expect(names.indexOf('Skärholmen stadsdelsförvaltning')).toBeGreaterThan(names.indexOf('Skarpnäck stadsdelsförvaltning'));
  });

  it('refuses a second unit with the same name in any case, naming the field', async () => {
    const before = t.snapshot();
    const err = await t.fail('units.create', { name: 'ÖSTERMALM STADSDELSFÖRVALTNING', kind: 'district' });
    expect(err.code).toBe('conflict');
    expect(err.message.sv).toContain('ÖSTERMALM STADSDELSFÖRVALTNING');
    expect(err.issues?.[0]?.path).toBe('name');
    expect(t.snapshot()).toBe(before);
  });

  it('lets a unit be renamed to a different case of its own name', async () => {
    const u = await makeUnit(t, 'Testenhet');
    expect((await t.ok('units.update', { id: u.id, name: 'TESTENHET', kind: 'other' })).name).toBe('TESTENHET');
    const other = await makeUnit(t, 'Annan enhet');
    expect((await t.fail('units.update', { id: other.id, name: 'testenhet', kind: 'other' })).code).toBe('conflict');
  });

  it('refuses to delete a unit used by groups or staff and suggests archiving', async () => {
    const s = await groupSetup(t);
    await makeGroup(t, s);
    await makeStaff(t, { unitId: s.unit.id });
    const before = t.snapshot();
    const err = await t.fail('units.delete', { id: s.unit.id });
    expect(err.code).toBe('in_use');
    expect(err.message.sv).toBe('Enheten används av 1 grupp och 1 medarbetare och kan inte tas bort. Arkivera den i stället.');
    expect(t.snapshot()).toBe(before);
  });

  it('deletes an unused unit and reports a missing one', async () => {
    const u = await makeUnit(t);
    expect(await t.ok('units.delete', { id: u.id })).toEqual({ deleted: true });
    expect((await t.fail('units.delete', { id: u.id })).code).toBe('not_found');
    expect((await t.fail('units.update', { id: u.id, name: 'X', kind: 'other' })).code).toBe('not_found');
    expect((await t.fail('units.setActive', { id: u.id, active: true })).code).toBe('not_found');
  });
});
