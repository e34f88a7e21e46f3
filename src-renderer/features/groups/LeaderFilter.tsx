import { useTranslation } from 'react-i18next';
import { textLimits } from '@contract/limits';
import { InputField } from '../../components/InputField';
import { namedChoices, SelectField } from '../../components/SelectField';

export interface LeaderFilter {
  unitId: string;
  search: string;
}

interface Leader {
  id: string;
  name: string;
  unitId: string | null;
}

/**
 * The leaders a filter lets through. Chosen leaders always stay in view, so narrowing the list
 * never hides (and never silently keeps) a choice the form will save.
 */
export function leadersShown<T extends Leader>(leaders: readonly T[], chosen: readonly string[], filter: LeaderFilter): T[] {
  const words = filter.search.trim().toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
  return leaders.filter((leader) => {
    if (chosen.includes(leader.id)) return true;
    if (filter.unitId && leader.unitId !== filter.unitId) return false;
    const name = leader.name.toLocaleLowerCase('sv');
    return words.every((word) => name.includes(word));
  });
}

interface LeaderFilterFieldsProps {
  units: readonly { id: string; name: string }[];
  filter: LeaderFilter;
  onChange(filter: LeaderFilter): void;
  shown: number;
  total: number;
}

/** A unit and a name search above a long list of leader checkboxes; says how many are shown. */
export function LeaderFilterFields({ units, filter, onChange, shown, total }: LeaderFilterFieldsProps) {
  const { t } = useTranslation();
  return (
    <div className="inline-form__fields">
      <SelectField
        id="group-leaders-unit"
        label={t('groups.leaderFilter.unit')}
        placeholder={t('groups.leaderFilter.allUnits')}
        options={namedChoices(units)}
        value={filter.unitId}
        onChange={(e) => onChange({ ...filter, unitId: e.target.value })}
      />
      <InputField
        id="group-leaders-search"
        label={t('groups.leaderFilter.search')}
        type="search"
        autoComplete="off"
        maxLength={textLimits.search}
        value={filter.search}
        onChange={(e) => onChange({ ...filter, search: e.target.value })}
      />
      <p className="field__hint" role="status">
        {t('groups.leaderFilter.shown', { shown, count: total })}
      </p>
    </div>
  );
}
