import { useTranslation } from 'react-i18next';
import '../export/export.css';
import { importSteps, type ImportStep } from './import-state';

/** Where the user is in the import, announced as an ordered list with the current step marked (as the export wizard does). */
export function ImportStepIndicator({ current }: { current: ImportStep }) {
  const { t } = useTranslation();
  const index = importSteps.indexOf(current);
  return (
    <nav aria-label={t('import.steps.label')}>
      <ol className="export-steps">
        {importSteps.map((step, i) => {
          const state = i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li key={step} className={`export-steps__item export-steps__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="export-steps__number" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="export-steps__label">
                {t(`import.steps.${step}`)}
                <span className="visually-hidden">{state === 'done' ? `, ${t('import.steps.completed')}` : ''}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** "Steg 2 av 4: Kolumner"; focused when the step opens so keyboard users start at it. */
export function ImportStepHeading({ step }: { step: ImportStep }) {
  const { t } = useTranslation();
  return (
    <h2 id={`import-step-${step}`} className="panel__title export-step__title" tabIndex={-1}>
      {t('import.steps.heading', { number: importSteps.indexOf(step) + 1, total: importSteps.length, name: t(`import.steps.${step}`) })}
    </h2>
  );
}
