import { useTranslation } from 'react-i18next';
import type { InstrumentDetail, ScoreRowValue } from '@contract';
import { DataTable } from '../../components/DataTable';
import { useBilingual } from '../../i18n/useBilingual';
import { useScoreFormat } from './labels';

/** One response's scale scores with their bands, as computed when it was saved. */
export function ScoreTable({ definition, scores }: { definition: InstrumentDetail; scores: readonly ScoreRowValue[] }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const score = useScoreFormat();
  return (
    <DataTable
      caption={t('outcomes.entry.scoresCaption')}
      rows={scores}
      rowKey={(s) => s.scale}
      columns={[
        { key: 'scale', header: t('outcomes.entry.scale'), rowHeader: true, cell: (s) => s.scale },
        { key: 'score', header: t('outcomes.entry.score'), className: 'num', cell: (s) => (s.score === null ? t('outcomes.entry.noScore') : score(s.score)) },
        { key: 'band', header: t('outcomes.entry.band'), cell: (s) => (s.band ? pick(s.band) : '–') },
      ]}
      empty={<p className="muted">{definition.scales.length === 0 ? '–' : t('outcomes.entry.noScore')}</p>}
    />
  );
}
