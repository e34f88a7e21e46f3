import type { Language } from '@contract';

export type Messages = { [key: string]: string | Messages };

/**
 * Each feature keeps its strings in locales/<feature>.<sv|en>.json; a language's catalogue is
 * their merge, so a feature is added without everyone editing the same two files. Two files may
 * share a branch (`nav`) but never a key; the parity test checks both.
 */
const files = import.meta.glob<Messages>('./locales/*.json', { eager: true, import: 'default' });

function merge(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = existing && typeof existing === 'object' && typeof value === 'object' ? merge({ ...existing }, value) : value;
  }
  return target;
}

/** The whole catalogue of one language. */
export function catalogue(language: Language): Messages {
  let result: Messages = {};
  for (const [file, messages] of Object.entries(files)) {
    if (file.endsWith(`.${language}.json`)) result = merge(result, messages);
  }
  return result;
}
