import type { ComponentPropsWithRef, ReactNode } from 'react';

interface CheckboxProps extends Omit<ComponentPropsWithRef<'input'>, 'type' | 'className'> {
  label: ReactNode;
  className?: string;
}

/** A checkbox inside its label, so the whole text is the click target and the accessible name. */
export function Checkbox({ label, className, ...input }: CheckboxProps) {
  return (
    <label className={className ? `checkbox ${className}` : 'checkbox'}>
      <input type="checkbox" {...input} />
      <span>{label}</span>
    </label>
  );
}
