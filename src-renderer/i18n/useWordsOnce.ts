import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

export interface WordsOnce {
  /** `t(key)`, or `t(key, { count })`, made once per language. */
  word(key: string, count?: number): string;
  /** Any text under `id`, made by `make` the first time this component asks for it in this language. */
  once(id: string, make: () => string): string;
  /** `t(key, values)` for a text made on every row (fillTemplate). */
  fill(key: string, values: Readonly<Record<string, string | number>>): string;
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

/** Marks where a value goes in a translation looked up once; no catalogue text holds it. */
const MARK = '\u0000';
/** By language, key and value names: the translation split at the marks, or null when t must do it itself. */
const templates = new Map<string, string[] | null>();

/**
 * `t(key, values)` for a text made from data on every row of a list (a session link, a group
 * link): the translation is looked up and interpolated once per language with a mark where each
 * value goes, and each row only puts its values between the pieces. i18next's own lookup and
 * interpolation, a few hundred times a render, were some 10 ms of the overview's. Only plain
 * `{{name}}` placeholders are filled so: a count (plural forms), a context, a format
 * (`{{n, number}}`) or a nested translation is left to t on every call.
 */
export function fillTemplate(t: TFunction, language: string, key: string, values: Readonly<Record<string, string | number>>): string {
  const names = Object.keys(values);
  if ('count' in values || 'context' in values) return t(key, values);
  const id = `${language}|${key}|${names.join('|')}`;
  let parts = templates.get(id);
  if (parts === undefined) {
    // The text as written, to see that each placeholder is a plain name the marks stand for.
    const written = t(key, { skipInterpolation: true });
    const placeholders = [...written.matchAll(/\{\{(.*?)\}\}/g)].map((m) => m[1]!.trim());
    const split = t(key, Object.fromEntries(names.map((name) => [name, `${MARK}${name}${MARK}`]))).split(MARK);
    const filled = split.filter((_, i) => i % 2 === 1);
    const plain =
      !written.includes('$t(') &&
      placeholders.every((name) => names.includes(name)) &&
      filled.length === placeholders.length &&
      filled.every((name, i) => name === placeholders[i]);
    parts = plain ? split : null;
    templates.set(id, parts);
  }
  if (parts === null) return t(key, values);
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) text += String(values[parts[i]!]) + parts[i + 1]!;
  return text;
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
      fill: (key, values) => fillTemplate(t, language, key, values),
      word: (key, count) => (count === undefined ? wordOnce(t, language, key) : once(`${key}#${count}`, () => t(key, { count }))),
    };
  }, [t, language]);
}
