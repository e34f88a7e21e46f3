import type { TFunction } from 'i18next';

/** "1 deltagare i 1 familj": each number chooses its own noun form, so both counts are pluralised on their own. */
export const participantSummary = (t: TFunction, participants: number, families: number): string =>
  t('participants.summary', { count: participants, families: t('participants.familyCount', { count: families }) });
