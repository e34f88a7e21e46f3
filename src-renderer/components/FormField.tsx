import type { ReactNode } from 'react';
import { useErrorText } from '../lib/forms';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  required: boolean | undefined;
}

interface FieldText {
  id: string;
  /** An i18n key or an encoded server message (see lib/forms). */
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
}

/** The parts a field and a fieldset share: the required mark, the hint, the error, and the ids that tie them to the control. */
function useFieldText({ id, error, hint, required }: FieldText) {
  const errorText = useErrorText();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    describedBy: [errorId, hintId].filter(Boolean).join(' ') || undefined,
    mark: required && (
      <span className="field__required" aria-hidden="true">
        {' '}
        *
      </span>
    ),
    hint: hint && (
      <p id={hintId} className="field__hint">
        {hint}
      </p>
    ),
    error: errorId && (
      <p id={errorId} className="field__error">
        {errorText(error)}
      </p>
    ),
  };
}

interface FormFieldProps extends FieldText {
  label: string;
  className?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control whose hint and error are tied to it with aria-describedby. */
export function FormField({ id, label, error, hint, required, className, children }: FormFieldProps) {
  const text = useFieldText({ id, error, hint, required });
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={id} className="field__label">
        {label}
        {text.mark}
      </label>
      {text.hint}
      {children({ id, 'aria-describedby': text.describedBy, 'aria-invalid': error ? true : undefined, required })}
      {text.error}
    </div>
  );
}

interface FieldsetProps extends FieldText {
  legend: string;
  children: ReactNode;
}

/** A group of checkboxes or radios with one legend and one error. */
export function Fieldset({ id, legend, error, hint, required, children }: FieldsetProps) {
  const text = useFieldText({ id, error, hint, required });
  return (
    <fieldset id={id} className={`fieldset${error ? ' field--invalid' : ''}`} aria-describedby={text.describedBy}>
      <legend className="field__label">
        {legend}
        {text.mark}
      </legend>
      {text.hint}
      {children}
      {text.error}
    </fieldset>
  );
}
