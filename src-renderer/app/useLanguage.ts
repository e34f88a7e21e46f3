import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@contract';
import { setApiData, useApiMutation, useApiQuery } from '../api/queries';
import { mirrorLanguage } from '../i18n';

/** Follows the language stored in the database (it wins over the localStorage mirror). */
export function useStoredLanguage(): void {
  const { i18n } = useTranslation();
  const settings = useApiQuery('settings.get', {});
  const stored = settings.data?.language;
  useEffect(() => {
    if (!stored) return;
    mirrorLanguage(stored);
    if (i18n.language !== stored) void i18n.changeLanguage(stored);
    // Only a new stored value should switch language, not a local change still being saved.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored]);
}

/** Switches at once and saves the choice; returns the mutation for its pending/error state. */
export function useChangeLanguage() {
  const { i18n } = useTranslation();
  const save = useApiMutation('settings.update');
  const change = (language: Language) => {
    mirrorLanguage(language);
    void i18n.changeLanguage(language);
    save.mutate({ language }, { onSuccess: (stored) => setApiData('settings.get', {}, stored) });
  };
  return { change, save };
}
