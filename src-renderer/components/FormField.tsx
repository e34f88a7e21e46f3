import type { ReactNode } from 'react';
import { useErrorText } from '../lib/forms';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  required: boolean | undefined;
}

interface FormFieldProps {
  id: string;
  label: string;
  /** An i18n key or an encoded server message (see lib/forms). */
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control whose hint and error are tied to it with aria-describedby. */
export function FormField({ id, label, error, hint, required, className, children }: FormFieldProps) {
  const errorText = useErrorText();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' '}*
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
      {errorId && (
        <p id={errorId} className="field__error">
          {errorText(error)}
        </p>
      )}
    </div>
  );
}

interface FieldsetProps {
  id: string;
  legend: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  children: ReactNode;
}

/** A group of checkboxes or radios with one legend and one error. */
export function Fieldset({ id, legend, error, hint, required, children }: FieldsetProps) {
  const errorText = useErrorText();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={id} className={`fieldset${error ? ' field--invalid' : ''}`} aria-describedby={describedBy}>
      <legend className="field__label">
        {legend}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' '}*
          </span>
        )}
      </legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {children}
      {errorId && (
        <p id={errorId} className="field__error">
          {errorText(error)}
        </p>
      )}
    </fieldset>
  );
}
