import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';

const apps: TestApp[] = [];
const open = (dir?: string) => {
  const t = createTestApp(dir ? { dir } : {});
  apps.push(t);
  return t;
};
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

describe('first start', () => {
  it('seeds the Komet programme variants', async () => {
    const t = open();
    const programmes = await t.ok('programmes.list', {});
    expect(programmes.map((p) => p.code).sort()).toEqual(['FörskoleKomet', 'FörstärktKomet', 'SiS-Komet', 'Tonårskomet', 'fKomet', 'iKomet', 'sKomet'].sort());
    expect(programmes.find((p) => p.code === 'fKomet')).toMatchObject({
      name: 'Komet för föräldrar 3–11',
      audience: 'parents',
      sessionCount: 11,
      sessionLengthMinutes: 150,
      childAgeMin: 3,
      childAgeMax: 11,
      active: true,
    });
    expect(programmes.find((p) => p.code === 'SiS-Komet')?.sessionCount).toBe(9);
    expect(programmes.find((p) => p.code === 'sKomet')?.audience).toBe('teachers');
    expect(programmes.find((p) => p.code === 'iKomet')?.audience).toBe('individual_family');
    expect(programmes.find((p) => p.code === 'FörskoleKomet')?.audience).toBe('preschool_staff');
  });

  it('seeds Stockholm’s 13 district administrations', async () => {
    const units = await open().ok('units.list', {});
    expect(units).toHaveLength(13);
    expect(units.every((u) => u.kind === 'district' && u.name.endsWith(' stadsdelsförvaltning'))).toBe(true);
    expect(units.map((u) => u.name)).toContain('Enskede-Årsta-Vantör stadsdelsförvaltning');
    expect(units.map((u) => u.name)).toContain('Spånga-Tensta stadsdelsförvaltning');
  });

  it('never seeds again, even after the user deleted or archived the seeds', async () => {
    const t = open();
    const programmes = await t.ok('programmes.list', {});
    const units = await t.ok('units.list', {});
    await t.ok('programmes.delete', { id: programmes[0]!.id });
    await t.ok('units.delete', { id: units[0]!.id });
    await t.ok('units.setActive', { id: units[1]!.id, active: false });
    t.app.close();

    const again = open(t.dir);
    expect(await again.ok('programmes.list', { includeArchived: true })).toHaveLength(6);
    expect(await again.ok('units.list', { includeArchived: true })).toHaveLength(12);
    expect(await again.ok('units.list', {})).toHaveLength(11);
  });
});

describe('settings and app info', () => {
  it('defaults to Swedish and remembers the chosen language across restarts', async () => {
    const t = open();
    expect(await t.ok('settings.get', {})).toEqual({ language: 'sv' });
    expect(await t.ok('settings.update', { language: 'en' })).toEqual({ language: 'en' });
    expect(t.audit.at(-1)).toEqual({ action: 'update', entity: 'settings', entityId: 'language', fields: ['language'] });
    t.app.close();
    expect(await open(t.dir).ok('settings.get', undefined)).toEqual({ language: 'en' });
  });

  it('describes the running app', async () => {
    const t = open();
    const info = await t.ok('app.info', {});
    expect(info).toMatchObject({ shell: 'test', encrypted: false, dataDir: t.dir, databasePath: t.app.databasePath });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
