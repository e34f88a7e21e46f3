import i18next from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router-dom';
import en from '../../../src-renderer/i18n/en.json';
import sv from '../../../src-renderer/i18n/sv.json';

/** The app's own Swedish and English catalogues, loaded at once (no browser needed). */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: 'sv',
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** Renders to HTML in Node, as the app would in Swedish, inside a router for links. */
export function render(node: ReactNode): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>{node}</MemoryRouter>
    </I18nextProvider>,
  );
}

/** A small DOM-free reading of rendered HTML: the attributes of every element with a tag. */
export function elements(html: string, tag: string): { attrs: Record<string, string>; text: string }[] {
  const found: { attrs: Record<string, string>; text: string }[] = [];
  const re = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  for (const m of html.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w-]+)(?:="([^"]*)")?/g)) attrs[a[1]!] = a[2] ?? '';
    found.push({ attrs, text: (m[2] ?? '').replace(/<[^>]+>/g, '') });
  }
  return found;
}
