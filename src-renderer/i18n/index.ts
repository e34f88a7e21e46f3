import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@contract';
import { catalogue } from './catalogues';

const storageKey = 'komet.language';

/** The database holds the choice; localStorage only mirrors it so the first paint is right. */
export function rememberedLanguage(): Language {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'sv';
  } catch {
    return 'sv';
  }
}

export function mirrorLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Storage may be disabled; the database still remembers the choice.
  }
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: catalogue('sv') }, en: { translation: catalogue('en') } },
  lng: rememberedLanguage(),
  fallbackLng: 'sv',
  supportedLngs: ['sv', 'en'],
  interpolation: { escapeValue: false },
});

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'sv');
