import type { UseFormRegisterReturn } from 'react-hook-form';
import { Fieldset } from './FormField';
import type { Choice } from './SelectField';

interface RadioGroupProps {
  id: string;
  legend: string;
  options: readonly Choice[];
  /** What react-hook-form's register returns for the field; every radio shares it. */
  field: UseFormRegisterReturn;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
}

/** One choice of a few, as radios under a legend. */
export function RadioGroup({ id, legend, options, field, error, hint, required }: RadioGroupProps) {
  return (
    <Fieldset id={id} legend={legend} error={error} hint={hint} required={required}>
      <div className="radio-group">
        {options.map((o) => (
          <label key={o.value} className="radio">
            <input type="radio" value={o.value} {...field} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
