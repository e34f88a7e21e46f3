import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@contract';
import en from './en.json';
import sv from './sv.json';

type Messages = Record<string, unknown>;

/**
 * Each feature may keep its strings in locales/<feature>.<sv|en>.json; they merge under the main
 * catalogue so features can be added without everyone editing the same two files.
 */
const featureFiles = import.meta.glob<Messages>('./locales/*.json', { eager: true, import: 'default' });

function merge(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] =
      existing && typeof existing === 'object' && value && typeof value === 'object'
        ? merge({ ...(existing as Messages) }, value as Messages)
        : value;
  }
  return target;
}

function catalogue(base: Messages, language: 'sv' | 'en'): Messages {
  let result: Messages = { ...base };
  for (const [file, messages] of Object.entries(featureFiles)) {
    if (file.endsWith(`.${language}.json`)) result = merge(result, messages);
  }
  return result;
}

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
  resources: { sv: { translation: catalogue(sv, 'sv') }, en: { translation: catalogue(en, 'en') } },
  lng: rememberedLanguage(),
  fallbackLng: 'sv',
  supportedLngs: ['sv', 'en'],
  interpolation: { escapeValue: false },
});

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'sv');
