import { useTranslation } from 'react-i18next';
import type { Bilingual } from '@contract';

/** Picks the server's Swedish or English text to match the interface language. */
export function useBilingual(): (text: Bilingual) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' ? text.en : text.sv);
}
