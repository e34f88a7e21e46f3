import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

export interface WordsOnce {
  /** `t(key)`, or `t(key, { count })`, made once per language. */
  word(key: string, count?: number): string;
  /** Any text under `id`, made by `make` the first time this component asks for it in this language. */
  once(id: string, make: () => string): string;
}

/**
 * Words by language and key, for the whole page. The catalogues are built in and never change
 * while the page runs, and the keys are a fixed set, so this stays small.
 */
const words = new Map<string, string>();

/** `t(key)` in `language`, translated the first time any component asks for it. */
export function wordOnce(t: TFunction, language: string, key: string): string {
  const id = `${language}|${key}`;
  let word = words.get(id);
  if (word === undefined) {
    word = t(key);
    words.set(id, word);
  }
  return word;
}

/**
 * For long tables that repeat the same few words on every row: each is translated once per
 * language instead of once per cell (the translator's lookup and interpolation, hundreds of times
 * a page, were half the render of the leaders' and Enkäter's tables). Texts made from data
 * (`once`, counts) are kept per component, as their ids come from the rows.
 */
export function useWordsOnce(): WordsOnce {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const made = new Map<string, string>();
    const once = (id: string, make: () => string) => {
      let text = made.get(id);
      if (text === undefined) {
        text = make();
        made.set(id, text);
      }
      return text;
    };
    return {
      once,
      word: (key, count) => (count === undefined ? wordOnce(t, language, key) : once(`${key}#${count}`, () => t(key, { count }))),
    };
  }, [t, language]);
}
