import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src-renderer/i18n/catalogues';

const translator = async (lng: 'sv' | 'en') => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { [lng]: { translation: catalogue(lng) } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
};

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));

describe('the import page counts', () => {
  it('agree in number with one row and with many, in Swedish and English', async () => {
    const sv = await translator('sv');
    expect(sv('import.mapping.intro', { count: 1 })).toContain('(1 rad)');
    expect(sv('import.mapping.intro', { count: 3 })).toContain('(3 rader)');
    expect(sv('import.preview.commit', { count: 1 })).toBe('Importera 1 ny');
    expect(sv('import.preview.commit', { count: 2 })).toBe('Importera 2 nya');
    expect(sv('import.preview.skipInvalid', { count: 1 })).toBe('Importera bara de giltiga raderna och hoppa över raden med fel');
    expect(sv('import.preview.skipInvalid', { count: 4 })).toBe('Importera bara de giltiga raderna och hoppa över de 4 med fel');
    expect(sv('import.done.undone', { count: 1 })).toBe('Allt som importen lade till är borttaget (1 post).');
    expect(sv('import.done.undoText', { count: 1 })).toContain('(1 rad)');
    expect(sv('import.count.invalid', { count: 1 })).toBe('1 rad med fel');
    expect(sv('import.count.invalid', { count: 2 })).toBe('2 rader med fel');
    const en = await translator('en');
    expect(en('import.mapping.intro', { count: 1 })).toContain('(1 row)');
    expect(en('import.mapping.intro', { count: 3 })).toContain('(3 rows)');
    expect(en('import.preview.skipInvalid', { count: 1 })).toBe('Import only the valid rows and skip the row with errors');
    expect(en('import.done.undone', { count: 1 })).toBe('Everything the import added has been removed (1 record).');
    expect(en('import.done.undoText', { count: 1 })).toContain('(1 row)');
    expect(en('import.count.duplicate', { count: 1 })).toBe('1 repeated row');
  });

  it('give every text that counts something a form for one and for many', () => {
    const dir = path.join(import.meta.dirname, '../../../src-renderer/i18n/locales');
    for (const lang of ['sv', 'en']) {
      const texts = leaves(JSON.parse(fs.readFileSync(path.join(dir, `import.${lang}.json`), 'utf8')) as Tree);
      const counted = texts.filter(([, text]) => text.includes('{{count}}')).map(([key]) => key);
      expect(counted.length).toBeGreaterThan(5);
      for (const key of counted) expect(key, `${lang}: ${key}`).toMatch(/_(one|other)$/);
      for (const key of counted.filter((k) => k.endsWith('_one'))) expect(counted, `${lang}: ${key}`).toContain(key.replace(/_one$/, '_other'));
    }
  });
});
