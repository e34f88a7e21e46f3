import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const i18nDir = path.resolve(import.meta.dirname, '..', '..', 'src-renderer', 'i18n');

function collectPaths(value: unknown, prefix: string, into: Set<string>): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const keyPath = prefix ? `${prefix}.${key}` : key;
    into.add(keyPath);
    collectPaths(child, keyPath, into);
  }
}

let cached: Set<string> | null = null;

/**
 * Every key path of every locale file, leaves and branches alike: i18next shows the path itself
 * when it finds no string for it (a missing, empty or object-valued entry), so a visible path is
 * always a bug whichever of those it is.
 */
export function catalogueKeyPaths(): Set<string> {
  if (cached) return cached;
  const paths = new Set<string>();
  const files = [
    ...fs
      .readdirSync(i18nDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(i18nDir, f)),
    ...fs
      .readdirSync(path.join(i18nDir, 'locales'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(i18nDir, 'locales', f)),
  ];
  for (const file of files) collectPaths(JSON.parse(fs.readFileSync(file, 'utf8')), '', paths);
  // A single segment ("save", "name") is an ordinary word, not recognisably a key.
  cached = new Set([...paths].filter((p) => p.includes('.')));
  return cached;
}

/**
 * Everything the page shows or announces: each text node, and each attribute an accessible name
 * or description is computed from (aria-label, the text aria-labelledby points at, title, alt,
 * placeholder, value of button-like inputs).
 */
async function shownStrings(page: Page): Promise<{ where: string; text: string }[]> {
  return page.evaluate(() => {
    const out: { where: string; text: string }[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text && node.parentElement) out.push({ where: `text in ${describe(node.parentElement)}`, text });
    }
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      for (const attr of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description', 'aria-roledescription']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push({ where: `${attr} of ${describe(el)}`, text: value });
      }
      if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type) && el.value) {
        out.push({ where: `value of ${describe(el)}`, text: el.value.trim() });
      }
      const labelledBy = el.getAttribute('aria-labelledby');
      if (labelledBy) {
        const name = labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
          .join(' ')
          .trim();
        if (name) out.push({ where: `aria-labelledby name of ${describe(el)}`, text: name });
      }
    }
    return out;
  });
}

/** Fails when any shown text or accessible name is a translation key path instead of words. */
export async function expectNoRawKeys(page: Page): Promise<void> {
  const keys = catalogueKeyPaths();
  const raw = (await shownStrings(page)).filter(({ text }) => keys.has(text) || text.split(/[\s,:]+/).some((word) => keys.has(word)));
  const summary = [...new Set(raw.map(({ where, text }) => `${where}: "${text}"`))];
  expect(summary, `raw translation keys shown on ${page.url().replace(/^[^#]*/, '') || '/'}`).toEqual([]);
}
