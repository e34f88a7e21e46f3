import type { Language, ParsedInput } from '../../contract';
import type { ServiceContext } from './context';

const languageKey = 'language';
const isLanguage = (v: unknown): v is Language => v === 'sv' || v === 'en';

export function settingsService({ repos, tx, audit }: ServiceContext) {
  const get = () => {
    const stored = repos.settings.get(languageKey);
    return { language: isLanguage(stored) ? stored : ('sv' as const) };
  };
  return {
    get,
    update: (input: ParsedInput<'settings.update'>) =>
      tx(() => {
        const before = get();
        repos.settings.set(languageKey, input.language);
        if (before.language !== input.language) audit.record({ action: 'update', entity: 'settings', entityId: languageKey, fields: ['language'] });
        return get();
      }),
  };
}
