import { useTranslation } from 'react-i18next';
import type { GroupOverview } from '@contract';
import { useFormat } from '../../lib/format';
import { percent } from '../participants/labels';

/** The group's figures at a glance: reach, completion, attendance and fidelity. */
export function GroupSummary({ overview }: { overview: GroupOverview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = overview.summary;
  return (
    <section aria-labelledby="group-summary">
      <h2 id="group-summary" className="visually-hidden">
        {t('charts.summary')}
      </h2>
      <dl className="stat-grid">
        <Stat label={t('charts.participants')} value={fmt.number(s.participants)} />
        <Stat label={t('charts.familiesReached')} value={fmt.number(s.familiesReached)} />
        <Stat label={t('charts.completionRate')} value={percent(s.completionRate)} />
        <Stat label={t('charts.meanAttendance')} value={percent(s.meanAttendance)} />
        <Stat label={t('charts.meanFidelity')} value={s.meanFidelity === null ? '–' : `${Math.round(s.meanFidelity)} %`} />
        <Stat label={t('charts.atRisk')} value={fmt.number(s.atRisk)} />
      </dl>
      <p className="panel__hint">
        {t('charts.rules', { completion: overview.rules.completionPercent, atRisk: overview.rules.atRiskAfter, dropout: overview.rules.dropoutAfter })}
      </p>
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
    </div>
  );
}
