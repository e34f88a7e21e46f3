import { useState, type ComponentPropsWithRef, type FocusEvent, type PointerEvent } from 'react';
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
  /**
   * While true, a list of hundreds of choices holds only the chosen one (and the placeholder), so
   * they do not hold back the screen's first frame (see usePaintedOnce); reaching the list (focus,
   * pointer) brings them all at once.
   */
  deferOptions?: boolean;
}

type Reaching = Pick<ComponentPropsWithRef<'select'>, 'onFocus' | 'onPointerDown'>;

/**
 * The focus and pointer handlers of a list whose choices are held back: reaching it brings them,
 * and a caller's own handlers (a form's onFocus, say) still run, with the same event.
 */
export function reachingHandlers(held: boolean, caller: Reaching, reach: () => void): Reaching {
  if (!held) return { onFocus: caller.onFocus, onPointerDown: caller.onPointerDown };
  return {
    onFocus: (e: FocusEvent<HTMLSelectElement>) => {
      reach();
      caller.onFocus?.(e);
    },
    onPointerDown: (e: PointerEvent<HTMLSelectElement>) => {
      reach();
      caller.onPointerDown?.(e);
    },
  };
}

/**
 * A labelled <select>, in forms (spread react-hook-form's register into it) and in filter bars
 * (value and onChange).
 */
export function SelectField({ id, label, options, placeholder, error, hint, required, className, deferOptions = false, ...select }: SelectFieldProps) {
  const [reached, setReached] = useState(false);
  const held = deferOptions && !reached;
  const shown = held ? options.filter((o) => o.value === select.value) : options;
  const reach = reachingHandlers(held, select, () => setReached(true));
  return (
    <FormField id={id} label={label} error={error} hint={hint} required={required} className={className}>
      {(control) => (
        <select {...control} {...select} {...reach}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {shown.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
