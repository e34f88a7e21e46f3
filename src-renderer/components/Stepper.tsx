import type { ReactNode, Ref } from 'react';

/**
 * Where the user is in a wizard. An ordered list with aria-current="step" is announced as
 * "list, 4 items … current step"; the visible numbers and ticks carry the same meaning as text.
 */
export function StepIndicator<S extends string>({
  steps,
  current,
  label,
  nameOf,
  doneText,
}: {
  steps: readonly S[];
  current: S;
  /** The list's accessible name, e.g. "Exportens steg". */
  label: string;
  nameOf: (step: S) => string;
  /** Read after a finished step's name, e.g. "klart". */
  doneText: string;
}) {
  const index = steps.indexOf(current);
  return (
    <nav aria-label={label}>
      <ol className="stepper">
        {steps.map((step, i) => {
          const state = i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li key={step} className={`stepper__item stepper__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stepper__number" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="stepper__label">
                {nameOf(step)}
                <span className="visually-hidden">{state === 'done' ? `, ${doneText}` : ''}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The heading of a step ("Steg 2 av 4: Mottagare"); focusable so the step can put the user there when it opens. */
export function StepTitle({ id, children, headingRef }: { id: string; children: ReactNode; headingRef?: Ref<HTMLHeadingElement> }) {
  return (
    <h2 id={id} ref={headingRef} className="panel__title stepper__title" tabIndex={-1}>
      {children}
    </h2>
  );
}
