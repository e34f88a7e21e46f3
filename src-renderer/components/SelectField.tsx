import type { ComponentPropsWithRef } from 'react';
import { FormField } from './FormField';

export interface Choice {
  value: string;
  label: string;
}

/** Choices from anything with an id and a name (programmes, units, staff). */
export const namedChoices = (items: readonly { id: string; name: string }[]): Choice[] => items.map((i) => ({ value: i.id, label: i.name }));

interface SelectFieldProps extends Omit<ComponentPropsWithRef<'select'>, 'id' | 'className' | 'children' | 'required'> {
  id: string;
  label: string;
  options: readonly Choice[];
  /** The empty first choice ("Välj …", "Alla program"); none when left out. */
  placeholder?: string;
  /** An i18n key or an encoded server message (see lib/forms). */
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
}

/**
 * A labelled <select>, in forms (spread react-hook-form's register into it) and in filter bars
 * (value and onChange).
 */
export function SelectField({ id, label, options, placeholder, error, hint, required, className, ...select }: SelectFieldProps) {
  return (
    <FormField id={id} label={label} error={error} hint={hint} required={required} className={className}>
      {(control) => (
        <select {...control} {...select}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
