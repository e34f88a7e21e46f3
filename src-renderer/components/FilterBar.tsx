import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FormField } from './FormField';

interface FilterBarProps {
  /** The search landmark's name, e.g. "Filtrera grupper". */
  label: string;
  className?: string;
  /** The "clear filters" link, shown only while something is filtered. */
  reset?: { label: string; onReset(): void } | false;
  children: ReactNode;
}

/** A list's filters as one search landmark; every control applies at once, there is no submit. */
export function FilterBar({ label, className, reset, children }: FilterBarProps) {
  return (
    <form className={className ? `filters ${className}` : 'filters'} role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
      {reset && (
        <button type="button" className="button button--link filters__reset" onClick={reset.onReset}>
          {reset.label}
        </button>
      )}
    </form>
  );
}

interface SearchFieldProps {
  id: string;
  label: string;
  /** The search applied to the list; the field follows it when it changes from outside (a reset). */
  value: string;
  onSearch(value: string): void;
  /** The contract's limit for the search text (see @contract/limits). */
  maxLength: number;
}

/** Free-text search that waits for a pause in typing, so a word is one query, not one per key. */
export function SearchField({ id, label, value, onSearch, maxLength }: SearchFieldProps) {
  const [text, setText] = useState(value);
  const applied = useRef(value);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });

  useEffect(() => {
    if (value === applied.current) return;
    applied.current = value;
    setText(value);
  }, [value]);

  useEffect(() => {
    if (text === applied.current) return;
    const timer = window.setTimeout(() => {
      applied.current = text;
      latest.current(text);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [text]);

  return (
    <FormField id={id} label={label}>
      {(control) => <input {...control} type="search" maxLength={maxLength} value={text} onChange={(e) => setText(e.target.value)} />}
    </FormField>
  );
}
