import { useTranslation } from 'react-i18next';
import { StepIndicator, StepTitle } from '../../components/Stepper';
import { importSteps, type ImportStep } from './import-state';

export function ImportStepIndicator({ current }: { current: ImportStep }) {
  const { t } = useTranslation();
  return (
    <StepIndicator
      steps={importSteps}
      current={current}
      label={t('import.steps.label')}
      nameOf={(step) => t(`import.steps.${step}`)}
      doneText={t('import.steps.completed')}
    />
  );
}

/** "Steg 2 av 4: Kolumner"; focused when the step opens so keyboard users start at it. */
export function ImportStepHeading({ step }: { step: ImportStep }) {
  const { t } = useTranslation();
  return (
    <StepTitle id={`import-step-${step}`}>
      {t('import.steps.heading', { number: importSteps.indexOf(step) + 1, total: importSteps.length, name: t(`import.steps.${step}`) })}
    </StepTitle>
  );
}
