import { useTranslation } from 'react-i18next';

export const wizardSteps = ['scope', 'recipients', 'preview', 'run'] as const;
export type WizardStep = (typeof wizardSteps)[number];

/**
 * Where the user is in the wizard. An ordered list with aria-current="step" is announced as
 * "list, 4 items … current step"; the visible numbers and ticks carry the same meaning as text.
 */
export function StepIndicator({ current }: { current: WizardStep }) {
  const { t } = useTranslation();
  const index = wizardSteps.indexOf(current);
  return (
    <nav aria-label={t('export.steps.label')}>
      <ol className="export-steps">
        {wizardSteps.map((step, i) => {
          const state = i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li key={step} className={`export-steps__item export-steps__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="export-steps__number" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="export-steps__label">
                {t(`export.steps.${step}`)}
                <span className="visually-hidden">{state === 'done' ? `, ${t('export.steps.done')}` : ''}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The heading of a step: "Steg 2 av 4: Mottagare"; focused when the step opens. */
export function StepHeading({ step, id }: { step: WizardStep; id: string }) {
  const { t } = useTranslation();
  return (
    <h2 id={id} className="panel__title export-step__title" tabIndex={-1}>
      {t('export.steps.heading', { number: wizardSteps.indexOf(step) + 1, total: wizardSteps.length, name: t(`export.steps.${step}`) })}
    </h2>
  );
}
