import type { ComponentPropsWithRef } from 'react';
import { FormField } from './FormField';

interface FieldProps {
  id: string;
  label: string;
  /** An i18n key or an encoded server message (see lib/forms). */
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
}

type InputFieldProps = FieldProps & Omit<ComponentPropsWithRef<'input'>, 'id' | 'className' | 'required'> & { inputClassName?: string };
type TextAreaFieldProps = FieldProps & Omit<ComponentPropsWithRef<'textarea'>, 'id' | 'className' | 'required'>;

/** A labelled <input>; spread react-hook-form's register into it, or give value and onChange. */
export function InputField({ id, label, error, hint, required, className, inputClassName, ...input }: InputFieldProps) {
  return (
    <FormField id={id} label={label} error={error} hint={hint} required={required} className={className}>
      {(control) => <input {...control} className={inputClassName} {...input} />}
    </FormField>
  );
}

/** A labelled <textarea>, the same way. */
export function TextAreaField({ id, label, error, hint, required, className, ...textarea }: TextAreaFieldProps) {
  return (
    <FormField id={id} label={label} error={error} hint={hint} required={required} className={className}>
      {(control) => <textarea {...control} {...textarea} />}
    </FormField>
  );
}
