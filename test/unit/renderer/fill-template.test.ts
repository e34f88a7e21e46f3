import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src-renderer/i18n/catalogues';
import { fillTemplate } from '../../../src-renderer/i18n/useWordsOnce';
import { leaves, type Tree } from '../../helpers/catalogue-leaves';

const translator = async (lng: 'sv' | 'en') => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { [lng]: { translation: catalogue(lng) } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
};

/** Values a list row could bring: replacement patterns, braces, markup, non-Latin text, numbers. */
const awkward = ['$&', "$' and $`", '{{unit}}', '<b>x</b>', 'Ängby – Tensta', '', 0, 1, 17, -3.5];

describe('a translation filled from its template', () => {
  it.each(['sv', 'en'] as const)('is what i18next makes of every text in the %s catalogue, with any values', async (lng) => {
    const t = await translator(lng);
    let filled = 0;
    for (const [key, text] of leaves(catalogue(lng) as Tree)) {
      // Plural forms are looked up under their own keys (key_one, key_other) by count.
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      const names = [...new Set([...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!))];
      if (names.length === 0) continue;
      for (let round = 0; round < awkward.length; round++) {
        // Values given in the text's order and in the reverse: the pieces go by name, not by position.
        const given = round % 2 === 0 ? names : [...names].reverse();
        const values = Object.fromEntries(given.map((name, i) => [name, awkward[(i + round) % awkward.length]!]));
        expect(fillTemplate(t, lng, base, values), `${lng} ${base}`).toBe(t(base, values));
        filled++;
      }
    }
    expect(filled).toBeGreaterThan(100);
  });

  it('puts the values of two rows each in its own place', async () => {
    const t = await translator('sv');
    expect(fillTemplate(t, 'sv', 'dashboard.sessionLink', { number: 3, programme: 'KOMET', unit: 'Norr' })).toBe('Träff 3, KOMET Norr');
    expect(fillTemplate(t, 'sv', 'dashboard.sessionLink', { number: 11, programme: 'TS', unit: 'Söder' })).toBe('Träff 11, TS Söder');
  });

  it('leaves a placeholder with a format to i18next on every call', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { en: { translation: { sum: '{{n, number}} of {{total}}' } } }, lng: 'en', interpolation: { escapeValue: false } });
    for (const n of [1234.5, 7]) expect(fillTemplate(i18n.t, 'en-formats', 'sum', { n, total: 'all' })).toBe(i18n.t('sum', { n, total: 'all' }));
    expect(fillTemplate(i18n.t, 'en-formats', 'sum', { n: 1234.5, total: 'all' })).toBe('1,234.5 of all');
  });
});
