import { useTranslation } from 'react-i18next';

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
