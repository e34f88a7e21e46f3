import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaves, type Tree } from '../../helpers/catalogue-leaves';

// Swedish first, English as option: each feature's catalogue exists in both languages with the
// same keys, so switching language never shows a raw key or silently falls back to Swedish.

const localesDir = path.join(import.meta.dirname, '../../../src-renderer/i18n/locales');
const languages = ['sv', 'en'] as const;

const read = (file: string): Tree => JSON.parse(fs.readFileSync(path.join(localesDir, file), 'utf8')) as Tree;
const files = fs.readdirSync(localesDir).filter((f) => f.endsWith('.json'));
const features = [...new Set(files.map((f) => f.replace(/\.(sv|en)\.json$/, '')))].sort();

/** Keys in one language's file that the other's lacks, both ways round. */
function parity(sv: Tree, en: Tree): { missingInEn: string[]; missingInSv: string[] } {
  const s = leaves(sv);
  const e = leaves(en);
  return { missingInEn: [...s.keys()].filter((k) => !e.has(k)), missingInSv: [...e.keys()].filter((k) => !s.has(k)) };
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('the i18n catalogues', () => {
  it('are one Swedish and one English file per feature, and nothing else', () => {
    expect(features.length).toBeGreaterThan(5);
    expect(files.filter((f) => !/^[a-z][\w-]*\.(sv|en)\.json$/.test(f))).toEqual([]);
    expect(features.flatMap((f) => languages.map((l) => `${f}.${l}.json`)).sort()).toEqual([...files].sort());
  });

  it.each(features)('%s: every Swedish key exists in English and the reverse', (feature) => {
    expect(parity(read(`${feature}.sv.json`), read(`${feature}.en.json`))).toEqual({ missingInEn: [], missingInSv: [] });
  });

  it.each(features)('%s: a text and its translation take the same {{placeholders}}, and neither is empty where the other is not', (feature) => {
    const sv = leaves(read(`${feature}.sv.json`));
    const en = leaves(read(`${feature}.en.json`));
    const differing = [...sv].filter(([k, text]) => en.has(k) && placeholders(text).join() !== placeholders(en.get(k)!).join());
    expect(differing.map(([k]) => k)).toEqual([]);
    // An empty text is a deliberate blank (an unmarked cell has no symbol), so both languages agree on it.
    const blank = (text: string | undefined) => text?.trim() === '';
    expect([...sv].filter(([k, text]) => en.has(k) && blank(text) !== blank(en.get(k))).map(([k]) => k)).toEqual([]);
  });

  it.each(languages)('%s: no key is defined by two features, so the merge never overrides one silently', (language) => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const feature of features) {
      for (const key of leaves(read(`${feature}.${language}.json`)).keys()) {
        if (owner.has(key)) twice.push(`${key} (${owner.get(key)}, ${feature})`);
        else owner.set(key, feature);
      }
    }
    expect(twice).toEqual([]);
  });

  // One word for one thing: a leader who reads "Programtrohet" on the group page and "Följsamhet" in
  // the restore preview wonders whether they are two measures.
  it.each([
    ['Programtrohet', /följsamhet/i],
    ['Avhopp', /avbrott/i],
  ])('sv: says %s everywhere, never its synonym', (_word, synonym) => {
    const found = features.flatMap((f) => [...leaves(read(`${f}.sv.json`))].filter(([, text]) => synonym.test(text)).map(([k, text]) => `${k}: ${text}`));
    expect(found).toEqual([]);
  });

  it('reports a key that only one language has', () => {
    const sv = { a: { b: 'x', c: 'y' } };
    const en = { a: { b: 'x' }, d: 'z' };
    expect(parity(sv, en)).toEqual({ missingInEn: ['a.c'], missingInSv: ['d'] });
  });
});
