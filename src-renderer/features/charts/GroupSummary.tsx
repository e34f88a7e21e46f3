import { useTranslation } from 'react-i18next';
import type { GroupOverview } from '@contract';
import { Stat, StatGrid } from '../../components/Stat';
import { useFormat } from '../../lib/format';
import { percent, shareAsPercent } from '../../lib/percent';

/** The group's figures at a glance: reach, completion, attendance and fidelity. */
export function GroupSummary({ overview }: { overview: GroupOverview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = overview.summary;
  return (
    <StatGrid
      id="group-summary"
      title={t('charts.summary')}
      note={t('charts.rules', { completion: overview.rules.completionPercent, atRisk: overview.rules.atRiskAfter, dropout: overview.rules.dropoutAfter })}
    >
      <Stat label={t('charts.participants')} value={fmt.number(s.participants)} />
      <Stat label={t('charts.familiesReached')} value={s.familiesReached === null ? t('charts.notPerPerson') : fmt.number(s.familiesReached)} />
      <Stat label={t('charts.completionRate')} value={shareAsPercent(s.completionRate)} />
      <Stat label={t('charts.meanAttendance')} value={shareAsPercent(s.meanAttendance)} />
      <Stat label={t('charts.meanFidelity')} value={percent(s.meanFidelity)} />
      <Stat label={t('charts.atRisk')} value={fmt.number(s.atRisk)} />
    </StatGrid>
  );
}
