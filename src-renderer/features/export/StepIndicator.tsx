import { useTranslation } from 'react-i18next';
import { StepIndicator as Steps, StepTitle } from '../../components/Stepper';

export const wizardSteps = ['scope', 'recipients', 'preview', 'run'] as const;
export type WizardStep = (typeof wizardSteps)[number];

export function StepIndicator({ current }: { current: WizardStep }) {
  const { t } = useTranslation();
  return (
    <Steps
      steps={wizardSteps}
      current={current}
      label={t('export.steps.label')}
      nameOf={(step) => t(`export.steps.${step}`)}
      doneText={t('export.steps.done')}
    />
  );
}

/** "Steg 2 av 4: Mottagare"; focused when the step opens. */
export function StepHeading({ step, id }: { step: WizardStep; id: string }) {
  const { t } = useTranslation();
  return (
    <StepTitle id={id}>
      {t('export.steps.heading', { number: wizardSteps.indexOf(step) + 1, total: wizardSteps.length, name: t(`export.steps.${step}`) })}
    </StepTitle>
  );
}
