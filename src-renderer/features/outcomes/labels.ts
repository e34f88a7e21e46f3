import { useTranslation } from 'react-i18next';
import type { WorklistRow } from '@contract';

/** `pre`, `post` and `fu<months>` in words: "Före", "Efter", "Uppföljning 6 mån". */
export function useTimepointLabel(): (timepoint: string) => string {
  const { t } = useTranslation();
  return (timepoint) => {
    if (timepoint === 'pre' || timepoint === 'post') return t(`outcomes.timepoint.${timepoint}`);
    const months = /^fu(\d+)$/.exec(timepoint)?.[1];
    return months ? t('outcomes.timepoint.followup', { months }) : timepoint;
  };
}

/** A score for reading: full precision is stored, two decimals are plenty on screen. */
export function useScoreFormat(): (value: number) => string {
  const { i18n } = useTranslation();
  return (value) => value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 2 });
}

/** The entry form's address for one participant, instrument and time point. */
export const entryRoute = (participantId: string, instrument: string, timepoint: string) =>
  `/outcomes/entry/${participantId}/${encodeURIComponent(instrument)}/${timepoint}`;

/**
 * The worklist's action for a row in words: enter the form, or, where it is typed twice and not a
 * response yet, make its second typing or reconcile the two.
 */
export function useEntryAction(): (pending: WorklistRow['pending']) => string {
  const { t } = useTranslation();
  return (pending) =>
    pending === 'awaiting_second'
      ? t('outcomes.worklist.enterSecond')
      : pending === 'awaiting_reconciliation'
        ? t('outcomes.worklist.reconcile')
        : t('outcomes.worklist.enter');
}
