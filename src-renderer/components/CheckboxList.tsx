import type { ReactNode, RefCallback } from 'react';
import { Controller, type Control, type ControllerProps, type FieldValues, type Path } from 'react-hook-form';
import { Checkbox } from './Checkbox';
import { Fieldset } from './FormField';

interface CheckboxListProps {
  options: readonly { value: string; label: ReactNode }[];
  /** react-hook-form's Controller field for a list of chosen values. */
  field: { value: string[]; onChange(value: string[]): void; onBlur(): void; ref: RefCallback<HTMLInputElement> };
}

/** Several choices as checkboxes, kept as one list of values; a field error focuses the first box. */
export function CheckboxList({ options, field }: CheckboxListProps) {
  return (
    <ul className="checkbox-list">
      {options.map((o, index) => (
        <li key={o.value}>
          <Checkbox
            label={o.label}
            ref={index === 0 ? field.ref : undefined}
            checked={field.value.includes(o.value)}
            onBlur={field.onBlur}
            onChange={(e) => field.onChange(e.target.checked ? [...field.value, o.value] : field.value.filter((v) => v !== o.value))}
          />
        </li>
      ))}
    </ul>
  );
}

interface CheckboxListFieldProps<T extends FieldValues> {
  control: Control<T>;
  /** A field holding a list of chosen values. */
  name: Path<T>;
  rules?: ControllerProps<T>['rules'];
  id: string;
  legend: string;
  options: CheckboxListProps['options'];
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  /** Shown instead of the boxes when there is nothing to choose. */
  empty?: ReactNode;
  /** Controls that narrow a long list (a unit, a search), shown above the boxes. */
  filter?: ReactNode;
}

/** A react-hook-form field choosing several values, as checkboxes under a legend. */
export function CheckboxListField<T extends FieldValues>({
  control,
  name,
  rules,
  id,
  legend,
  options,
  error,
  hint,
  required,
  empty,
  filter,
}: CheckboxListFieldProps<T>) {
  return (
    <Controller
      control={control}
      name={name}
      rules={rules}
      render={({ field }) => (
        <Fieldset id={id} legend={legend} required={required} error={error} hint={hint}>
          {filter}
          {options.length === 0 && empty !== undefined ? empty : <CheckboxList field={field as unknown as CheckboxListProps['field']} options={options} />}
        </Fieldset>
      )}
    />
  );
}
