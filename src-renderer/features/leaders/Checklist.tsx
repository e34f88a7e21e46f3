import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Pathway } from '@contract';
import { useBilingual } from '../../i18n/useBilingual';

/**
 * Progress is computed from recorded data, never typed in; the list says met/not met in words
 * (the tick mark is decoration) with x of y beside it.
 */
export function Checklist({ pathway }: { pathway: Pathway }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const certified = pathway.certification !== null;
  return (
    <ul className="checklist">
      {pathway.checklist.map((item) => (
        <li key={item.key} className={`checklist__item checklist__item--${item.met ? 'met' : 'unmet'}`}>
          <span className="checklist__mark" aria-hidden="true">
            {item.met ? '✓' : '○'}
          </span>
          <span>
            {pick(item.label)}
            <span className="visually-hidden">: {item.met ? t('leaders.pathway.met') : t('leaders.pathway.notMet')}</span>
            {/* Course days and sessions say "x of y" in the last column already; the group's detail names which group. */}
            {item.detail && item.key === 'supervised_group' && (
              <span className="muted small">
                {' – '}
                {item.groupId ? <Link to={`/groups/${item.groupId}`}>{pick(item.detail)}</Link> : pick(item.detail)}
              </span>
            )}
          </span>
          <span className="checklist__progress">
            {item.required === 0 ? t('leaders.pathway.notRequired') : t('leaders.pathway.progress', { done: item.done, required: item.required })}
          </span>
        </li>
      ))}
      <li className={`checklist__item checklist__item--${certified ? 'met' : 'unmet'}`}>
        <span className="checklist__mark" aria-hidden="true">
          {certified ? '✓' : '○'}
        </span>
        <span>
          {t('leaders.pathway.certified')}
          <span className="visually-hidden">: {certified ? t('leaders.pathway.met') : t('leaders.pathway.notMet')}</span>
        </span>
        <span className="checklist__progress">{certified ? t('leaders.pathway.yes') : t('leaders.pathway.no')}</span>
      </li>
    </ul>
  );
}
