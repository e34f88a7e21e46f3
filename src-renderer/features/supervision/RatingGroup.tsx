import type { Bilingual } from '@contract';
import { useBilingual } from '../../i18n/useBilingual';
import { useErrorText } from '../../lib/forms';

export interface Anchor {
  value: number;
  label: Bilingual;
  description: Bilingual;
}

interface RatingGroupProps {
  id: string;
  legend: string;
  anchors: Anchor[];
  value: number | null;
  onChange(value: number | null): void;
  error?: string | undefined;
  /** Leaves the rating out: not every leader present needs one. */
  noneLabel: string;
}

/**
 * The anchored scale as native radios: arrow keys move between steps, and each step's description
 * is part of its accessible name so the meaning is heard, not just the number.
 */
export function RatingGroup({ id, legend, anchors, value, onChange, error, noneLabel }: RatingGroupProps) {
  const pick = useBilingual();
  const errorText = useErrorText();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset id={id} className="leader-rating" aria-describedby={errorId}>
      <legend>{legend}</legend>
      <div className="rating-group">
        {anchors.map((a) => (
          <label key={a.value} className="rating-option">
            <input
              type="radio"
              name={id}
              value={a.value}
              checked={value === a.value}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(a.value)}
            />
            <span>
              <span className="rating-option__label">
                {a.value} – {pick(a.label)}
              </span>
              <span className="muted small">. {pick(a.description)}</span>
            </span>
          </label>
        ))}
        <label className="rating-option">
          <input type="radio" name={id} value="" checked={value === null} onChange={() => onChange(null)} />
          <span className="muted">{noneLabel}</span>
        </label>
      </div>
      {errorId && (
        <p id={errorId} className="field__error">
          {errorText(error)}
        </p>
      )}
    </fieldset>
  );
}
