import { useTranslation } from 'react-i18next';
import { CheckboxList } from '../../components/CheckboxList';
import { Fieldset } from '../../components/FormField';

interface ScopePickerProps {
  id: string;
  legend: string;
  /** What an empty choice means ("Alla enheter"): the report then covers every one. */
  allLabel: string;
  options: readonly { id: string; name: string }[];
  value: string[];
  onChange(value: string[]): void;
}

/**
 * Several units or programmes for the report's scope. The boxes fold away under a summary of the
 * choice, so a city with many units keeps the filter bar short; nothing chosen means all.
 */
export function ScopePicker({ id, legend, allLabel, options, value, onChange }: ScopePickerProps) {
  const { t } = useTranslation();
  const chosen = options.filter((o) => value.includes(o.id));
  const summary =
    chosen.length === 0 ? allLabel : chosen.length <= 2 ? chosen.map((o) => o.name).join(', ') : t('reports.chosenCount', { count: chosen.length });
  return (
    <details className="scope-picker">
      <summary className="scope-picker__summary">
        {legend}: {summary}
      </summary>
      <Fieldset id={id} legend={legend} hint={t('reports.scopeHint')}>
        <CheckboxList
          options={options.map((o) => ({ value: o.id, label: o.name }))}
          field={{ value, onChange, onBlur: () => undefined, ref: () => undefined }}
        />
        {value.length > 0 && (
          <button type="button" className="button button--small button--link" onClick={() => onChange([])}>
            {t('reports.chooseAll', { what: allLabel })}
          </button>
        )}
      </Fieldset>
    </details>
  );
}
