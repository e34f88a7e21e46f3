import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface WordsOnce {
  /** `t(key)`, or `t(key, { count })`, made once per language. */
  word(key: string, count?: number): string;
  /** Any text under `id`, made by `make` the first time it is asked for in this language. */
  once(id: string, make: () => string): string;
}

/**
 * For long tables that repeat the same few words on every row: each is translated once per
 * language instead of once per cell (the translator's lookup and interpolation, hundreds of times
 * a page, were half the render of the leaders' and Enkäter's tables).
 */
export function useWordsOnce(): WordsOnce {
  const { t } = useTranslation();
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
    return { once, word: (key, count) => once(count === undefined ? key : `${key}#${count}`, () => (count === undefined ? t(key) : t(key, { count }))) };
  }, [t]);
}
